import Foundation

/// Time-based one-time passwords (RFC 6238) as authenticator apps make them: HMAC-SHA-1, 6 digits, a 30-second
/// step counted from the Unix epoch.
///
/// `verify` accepts the code of the current step and of one step either side (clock drift), and only for a step
/// later than the last one accepted, so a code that was used once is refused if it is sent again (replay).
public struct TOTP: Sendable {
    public let secret: [UInt8]
    public let digits: Int
    public let period: Int
    /// Steps accepted either side of the current one.
    public let window: Int

    /// A secret of 20 random bytes (160 bits, RFC 4226 §4's recommendation).
    public static let secretLength = 20

    public init(secret: [UInt8], digits: Int = 6, period: Int = 30, window: Int = 1) {
        self.secret = secret
        self.digits = digits
        self.period = period
        self.window = window
    }

    /// From the Base32 text of a secret; nil when it is not Base32 or shorter than 10 bytes (80 bits).
    public init?(base32 text: String) {
        guard let bytes = Base32.decode(text), bytes.count >= 10 else { return nil }
        self.init(secret: bytes)
    }

    /// A new random secret.
    public static func generateSecret<G: RandomNumberGenerator>(using generator: inout G) -> [UInt8] {
        (0..<secretLength).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The step (RFC 6238 "T") that `date` falls in.
    public func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(period)).rounded(.down))
    }

    /// The code of a step (RFC 4226 HOTP with the step as counter), zero-padded to `digits`.
    public func code(step: Int64) -> String {
        let counter = UInt64(bitPattern: step)
        let message = (0..<8).map { UInt8(truncatingIfNeeded: counter >> UInt64(56 - 8 * $0)) }
        let mac = HMACSHA1.authenticationCode(for: message, key: secret)
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let binary = (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: max(0, digits - value.count)) + value
    }

    public func code(at date: Date) -> String { code(step: step(at: date)) }

    /// The step whose code `text` is, within the window around `date` and after `lastUsedStep`; nil otherwise.
    /// Spaces in the text are ignored (apps show "123 456"). Every candidate step is compared, in constant time,
    /// so the answer takes as long whichever step matches.
    public func verify(_ text: String, at date: Date, after lastUsedStep: Int64? = nil) -> Int64? {
        let typed = Array(text.utf8.filter { $0 != UInt8(ascii: " ") })
        guard typed.count == digits, typed.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        let now = step(at: date)
        var matched: Int64?
        for offset in -window...window {
            let candidate = now + Int64(offset)
            if Self.constantTimeEqual(Array(code(step: candidate).utf8), typed),
               lastUsedStep.map({ candidate > $0 }) ?? true, matched == nil {
                matched = candidate
            }
        }
        return matched
    }

    /// The otpauth:// URI authenticator apps read (Key URI Format): issuer and account label, Base32 secret.
    public func uri(account: String, issuer: String) -> String {
        func escape(_ text: String) -> String {
            let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~@")
            return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        }
        return "otpauth://totp/\(escape(issuer)):\(escape(account))?secret=\(Base32.encode(secret))&issuer=\(escape(issuer))"
            + "&algorithm=SHA1&digits=\(digits)&period=\(period)"
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<a.count { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}
