/// A version string as vendors write it — `15.2(4)M1`, `7.2.0-build1234`, `2.3.1a`, `1.0.0-rc1`,
/// `10.0.19041.1415`, `1:2.3-4ubuntu1`, `13.1-49.15` — ordered for version-range checks.
///
/// Rules (never fails; case-insensitive):
/// 1. An optional epoch `N:` at the start (Debian style) is compared first; absent means 0.
///    A leading `v` before a digit is ignored (`v2.1` = `2.1`).
/// 2. The rest is cut into runs of digits (numbers) and runs of ASCII letters (words); everything else
///    (`.`, `-`, `_`, `(`, `)`, `+`, `~`, spaces, …) only separates runs. So `15.2(4)M1` is 15 2 4 m 1 and
///    `13.1-49.15` equals `13.1.49.15`.
/// 3. Runs are compared left to right. Numbers compare numerically (any length). The words `dev` < `alpha` <
///    `beta` < `pre`/`preview` < `rc` are pre-release markers: they sort before everything else, so
///    `1.0.0-rc1` < `1.0.0` and `3.0.0_beta2` < `3.0.0`. Other words compare alphabetically and sort after 0
///    but before 1, so a letter suffix follows the plain number (`2.3.1` < `2.3.1a` < `2.3.1b` < `2.3.2`) and
///    `7.2.0` < `7.2.0-build1234` < `7.2.1`.
/// 4. A version that runs out is padded with zeros: `1.0` = `1.0.0`, `1.0` < `1.0.1`, `13.1` < `13.1-49.15`.
///
/// Equality and hashing follow the same rules. A text without any digit (`latest`, `-`, ``) is not
/// `isComparable`: `VersionRange` answers `.unknown` for it rather than guessing.
public struct VendorVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    /// The epoch before `:`, or 0.
    public let epoch: UInt64
    /// Runs after the epoch, with trailing zeros removed (so equal versions have equal tokens).
    let tokens: [Token]
    /// Whether the text has at least one digit, i.e. says something a range can be checked against.
    public let isComparable: Bool

    enum Token: Hashable, Sendable {
        /// `dev`, `alpha`, `beta`, `pre`/`preview`, `rc`, ranked 0–4.
        case preRelease(rank: UInt8, word: String)
        case number(UInt64)
        /// A number too long for `UInt64`, as digits without leading zeros.
        case bigNumber(String)
        case word(String)
    }

    public init(_ text: String) {
        self.text = text
        var bytes = Array(text.utf8)
        // Epoch: leading digits and a colon, followed by something.
        var index = 0
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        var epoch: UInt64 = 0
        var scan = index
        while scan < bytes.count, Self.isDigit(bytes[scan]) { scan += 1 }
        if scan > index, scan + 1 < bytes.count, bytes[scan] == UInt8(ascii: ":"),
           let value = UInt64(String(decoding: bytes[index..<scan], as: UTF8.self)) {
            epoch = value
            index = scan + 1
        }
        if index + 1 < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "v"), Self.isDigit(bytes[index + 1]) {
            index += 1
        }
        var tokens: [Token] = []
        var sawDigit = false
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isDigit(byte) {
                sawDigit = true
                var start = index
                while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
                while start < index - 1, bytes[start] == UInt8(ascii: "0") { start += 1 }
                if index - start <= 19, let value = UInt64(String(decoding: bytes[start..<index], as: UTF8.self)) {
                    tokens.append(.number(value))
                } else {
                    tokens.append(.bigNumber(String(decoding: bytes[start..<index], as: UTF8.self)))
                }
            } else if Self.isLetter(byte) {
                let start = index
                while index < bytes.count, Self.isLetter(bytes[index]) {
                    bytes[index] |= 0x20 // lower-case
                    index += 1
                }
                let word = String(decoding: bytes[start..<index], as: UTF8.self)
                if let rank = Self.preReleaseRank(word) {
                    tokens.append(.preRelease(rank: rank, word: word))
                } else {
                    tokens.append(.word(word))
                }
            } else {
                index += 1
            }
        }
        while let last = tokens.last, case .number(0) = last { tokens.removeLast() }
        self.epoch = epoch
        self.tokens = tokens
        self.isComparable = sawDigit
    }

    public var description: String { text }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.epoch == rhs.epoch && lhs.tokens == rhs.tokens }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        hasher.combine(tokens)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    /// -1, 0 or 1 as `lhs` sorts before, equal to or after `rhs`. No allocation.
    public static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch ? -1 : 1 }
        let count = max(lhs.tokens.count, rhs.tokens.count)
        for i in 0..<count {
            let order = Token.compare(i < lhs.tokens.count ? lhs.tokens[i] : .number(0),
                                      i < rhs.tokens.count ? rhs.tokens[i] : .number(0))
            if order != 0 { return order }
        }
        return 0
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func preReleaseRank(_ word: String) -> UInt8? {
        switch word {
        case "dev": 0
        case "alpha": 1
        case "beta": 2
        case "pre", "preview": 3
        case "rc": 4
        default: nil
        }
    }
}

extension VendorVersion.Token {
    /// pre-release < 0 (and padding) < word < 1 < 2 < …
    private var kind: Int {
        switch self {
        case .preRelease: 0
        case .number(0): 1
        case .word: 2
        case .number, .bigNumber: 3
        }
    }

    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        let (lk, rk) = (lhs.kind, rhs.kind)
        if lk != rk { return lk < rk ? -1 : 1 }
        switch (lhs, rhs) {
        case (.preRelease(let lr, let lw), .preRelease(let rr, let rw)):
            if lr != rr { return lr < rr ? -1 : 1 }
            return lw == rw ? 0 : (lw < rw ? -1 : 1)
        case (.word(let l), .word(let r)):
            return l == r ? 0 : (l < r ? -1 : 1)
        case (.number(let l), .number(let r)):
            return l == r ? 0 : (l < r ? -1 : 1)
        case (.number, .bigNumber):
            return -1
        case (.bigNumber, .number):
            return 1
        case (.bigNumber(let l), .bigNumber(let r)):
            if l.utf8.count != r.utf8.count { return l.utf8.count < r.utf8.count ? -1 : 1 }
            return l == r ? 0 : (l < r ? -1 : 1)
        default:
            return 0 // unreachable: kinds differ
        }
    }
}
