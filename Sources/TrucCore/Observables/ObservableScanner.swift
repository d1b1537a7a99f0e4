import Foundation

/// The single-use scanner behind `ObservableExtractor.extract(from:)`: one linear pass per kind over the Unicode
/// scalars of re-fanged text, each finding claiming its scalars (see `ObservableExtractor` for the rules).
struct ObservableScanner {
    private let scalars: [Unicode.Scalar]
    private var claimed: [Bool]
    private var found: [(offset: Int, observable: Observable)] = []

    init(text: String) {
        scalars = Array(text.unicodeScalars)
        claimed = Array(repeating: false, count: scalars.count)
    }

    /// Runs every pass and returns the observables, unique, by first position.
    mutating func scan() -> [Observable] {
        scanURLs()
        scanEmailAddresses()
        scanCVEIdentifiers()
        scanAddressesAndNames()
        scanHashes()
        var seen = Set<Observable>()
        return found.sorted { $0.offset < $1.offset }.compactMap { seen.insert($0.observable).inserted ? $0.observable : nil }
    }

    // MARK: - Passes

    /// URLs: a scheme (http, https, ftp; the letters just before "://") and the URL characters after it.
    private mutating func scanURLs() {
        var index = 0
        while index + 2 < scalars.count {
            guard scalars[index] == ":", scalars[index + 1] == "/", scalars[index + 2] == "/" else {
                index += 1
                continue
            }
            var start = index
            while start > 0, Self.isASCIILetter(scalars[start - 1]) { start -= 1 }
            let letters = String(String.UnicodeScalarView(scalars[start..<index])).lowercased()
            guard let scheme = ["https", "http", "ftp"].first(where: { letters.hasSuffix($0) }) else {
                index += 3
                continue
            }
            start = index - scheme.count
            var end = index + 3
            while end < scalars.count, Self.isURLCharacter(scalars[end]) { end += 1 }
            guard end - start <= Self.maxURLLength else {
                // Not a URL anyone reports; skipping the whole run keeps the scan linear on hostile input.
                index = end
                continue
            }
            end = trimURLEnd(start: start, end: end)
            let text = string(start..<end)
            if end > index + 3, let url = try? Observable(kind: .url, value: text) {
                record(url, in: start..<end)
                index = end
            } else {
                index += 3
            }
        }
    }

    /// E-mail addresses around each "@" not inside a URL.
    private mutating func scanEmailAddresses() {
        for at in scalars.indices where scalars[at] == "@" && !claimed[at] {
            var start = at
            while start > 0, !claimed[start - 1], Self.isLocalPartCharacter(scalars[start - 1]) { start -= 1 }
            while start < at, scalars[start] == "." { start += 1 }
            var end = at + 1
            while end < scalars.count, !claimed[end], Self.isNameCharacter(scalars[end]) { end += 1 }
            while end > at + 1, scalars[end - 1] == "." || scalars[end - 1] == "-" { end -= 1 }
            guard start < at, end > at + 1, !touchesWord(start..<end),
                  let domain = ObservableScanner.domainName(string((at + 1)..<end)),
                  let address = try? Observable(kind: .email, value: string(start..<at) + "@" + domain) else { continue }
            record(address, in: start..<end)
        }
    }

    /// "CVE-YYYY-NNNN…" in any case, also with the typographic hyphens a word processor puts in.
    private mutating func scanCVEIdentifiers() {
        var index = 0
        while index + 12 < scalars.count {
            defer { index += 1 }
            guard scalars[index] == "C" || scalars[index] == "c", !claimed[index],
                  index == 0 || !Self.isWordScalar(scalars[index - 1]),
                  "vV".unicodeScalars.contains(scalars[index + 1]), "eE".unicodeScalars.contains(scalars[index + 2]),
                  Self.isHyphen(scalars[index + 3]) else { continue }
            var cursor = index + 4
            var year = ""
            while cursor < scalars.count, cursor < index + 8, Self.isDigit(scalars[cursor]) {
                year.unicodeScalars.append(scalars[cursor])
                cursor += 1
            }
            guard year.count == 4, cursor < scalars.count, Self.isHyphen(scalars[cursor]) else { continue }
            cursor += 1
            var number = ""
            while cursor < scalars.count, Self.isDigit(scalars[cursor]) {
                number.unicodeScalars.append(scalars[cursor])
                cursor += 1
            }
            guard (4...19).contains(number.count), cursor == scalars.count || !Self.isWordScalar(scalars[cursor]),
                  let cve = try? Observable(kind: .cve, value: "CVE-\(year)-\(number)") else { continue }
            record(cve, in: index..<cursor)
            index = cursor - 1
        }
    }

    /// Runs of letters, digits, ".", ":", "-" and "_": an IPv6 address as a whole, otherwise each part between
    /// colons as an IPv4 address or a domain name.
    private mutating func scanAddressesAndNames() {
        var index = 0
        while index < scalars.count {
            guard !claimed[index], Self.isTokenCharacter(scalars[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, !claimed[end], Self.isTokenCharacter(scalars[end]) { end += 1 }
            if !touchesWord(index..<end) { examineToken(index..<end) }
            index = end
        }
    }

    /// Runs of ASCII letters and digits of length 32, 40 or 64 that are hexadecimal and mix digits and letters.
    private mutating func scanHashes() {
        var index = 0
        while index < scalars.count {
            guard !claimed[index], Self.isASCIIAlphanumeric(scalars[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, !claimed[end], Self.isASCIIAlphanumeric(scalars[end]) { end += 1 }
            defer { index = end }
            let range = index..<end
            let kind: ObservableKind? = switch range.count {
            case 32: .md5
            case 40: .sha1
            case 64: .sha256
            default: nil
            }
            guard let kind, !touchesWord(range),
                  (index == 0 || !Self.isASCIIAlphanumeric(scalars[index - 1])),
                  (end == scalars.count || !Self.isASCIIAlphanumeric(scalars[end])),
                  scalars[range].allSatisfy({ $0.properties.isASCIIHexDigit }),
                  scalars[range].contains(where: Self.isDigit), !scalars[range].allSatisfy(Self.isDigit),
                  let hash = try? Observable(kind: kind, value: string(range)) else { continue }
            record(hash, in: range)
        }
    }

    // MARK: - Tokens

    private mutating func examineToken(_ range: Range<Int>) {
        let colons = scalars[range].filter { $0 == ":" }.count
        if colons >= 2 {
            var lower = range.lowerBound, upper = range.upperBound
            while upper > lower, scalars[upper - 1] == "." { upper -= 1 }
            if upper - lower >= 2, scalars[upper - 1] == ":", scalars[upper - 2] != ":" { upper -= 1 }
            while lower < upper, scalars[lower] == "." { lower += 1 }
            let text = string(lower..<upper)
            if text != "::", text.unicodeScalars.contains(where: Self.isDigit),
               let address = try? Observable(kind: .ipv6, value: text) {
                record(address, in: range)
                return
            }
        }
        var partStart = range.lowerBound
        for position in range.lowerBound...range.upperBound where position == range.upperBound || scalars[position] == ":" {
            examinePart(partStart..<position)
            partStart = position + 1
        }
    }

    private mutating func examinePart(_ range: Range<Int>) {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, ".-_".unicodeScalars.contains(scalars[lower]) { lower += 1 }
        while upper > lower, ".-_".unicodeScalars.contains(scalars[upper - 1]) { upper -= 1 }
        guard upper > lower, scalars[lower..<upper].contains(".") else { return }
        let text = string(lower..<upper)
        if scalars[lower..<upper].allSatisfy({ Self.isDigit($0) || $0 == "." }) {
            // Dotted numbers: an address only when exactly four valid parts, never a version, date or decimal.
            if let address = try? Observable(kind: .ipv4, value: text) { record(address, in: range) }
            return
        }
        if let name = Self.domainName(text) {
            record(Observable(kind: .domain, normalizedValue: name), in: range)
            return
        }
        // A range of addresses written with a hyphen ("10.0.0.1-10.0.0.9").
        var pieceStart = lower
        for position in lower...upper where position == upper || scalars[position] == "-" || scalars[position] == "_" {
            let piece = string(pieceStart..<position)
            if piece.unicodeScalars.allSatisfy({ Self.isDigit($0) || $0 == "." }),
               let address = try? Observable(kind: .ipv4, value: piece) {
                record(address, in: pieceStart..<position)
            }
            pieceStart = position + 1
        }
    }

    /// The normal form of `text` when it looks like a domain name in running text: labels of ASCII letters, digits
    /// and hyphens, a top-level label not in `ObservableExtractor.ignoredTopLevelLabels`, valid as an observable.
    static func domainName(_ text: String) -> String? {
        guard text.unicodeScalars.contains("."),
              text.unicodeScalars.allSatisfy({ isASCIIAlphanumeric($0) || $0 == "." || $0 == "-" }),
              let name = try? Observable.normalized(text, as: .domain),
              let top = name.split(separator: ".").last,
              !ObservableExtractor.ignoredTopLevelLabels.contains(String(top)) else { return nil }
        return name
    }

    // MARK: - Helpers

    private mutating func record(_ observable: Observable, in range: Range<Int>) {
        found.append((range.lowerBound, observable))
        for position in range { claimed[position] = true }
    }

    private func string(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }

    /// Whether the scalar just before or just after `range` is a letter, mark or digit outside ASCII, which makes
    /// the range part of a (Vietnamese) word.
    private func touchesWord(_ range: Range<Int>) -> Bool {
        (range.lowerBound > 0 && Self.isNonASCIIWordScalar(scalars[range.lowerBound - 1]))
            || (range.upperBound < scalars.count && Self.isNonASCIIWordScalar(scalars[range.upperBound]))
    }

    /// Drops trailing punctuation from a URL, keeping a closing bracket that closes one opened inside the URL.
    private func trimURLEnd(start: Int, end: Int) -> Int {
        var end = end
        while end > start {
            let last = scalars[end - 1]
            let opener: Unicode.Scalar? = switch last {
            case ")": "("
            case "]": "["
            case "}": "{"
            default: nil
            }
            if let opener {
                let opened = scalars[start..<end].filter { $0 == opener }.count
                let closed = scalars[start..<end].filter { $0 == last }.count
                if opened >= closed { break }
            } else if !",.;:'\"!?>*".unicodeScalars.contains(last) {
                break
            }
            end -= 1
        }
        return end
    }

    /// Longer runs of URL characters after a scheme are not taken for URLs.
    static let maxURLLength = 8192

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool { isASCIILetter(scalar) || isDigit(scalar) }

    static func isNonASCIIWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        guard !scalar.isASCII else { return false }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        isASCIIAlphanumeric(scalar) || isNonASCIIWordScalar(scalar)
    }

    static func isHyphen(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "\u{2010}" || scalar == "\u{2011}" || scalar == "\u{2013}"
    }

    static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isASCIIAlphanumeric(scalar) || scalar == "." || scalar == ":" || scalar == "-" || scalar == "_"
    }

    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isASCIIAlphanumeric(scalar) || scalar == "." || scalar == "-"
    }

    static func isLocalPartCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isASCIIAlphanumeric(scalar) || "._%+-".unicodeScalars.contains(scalar)
    }

    /// Printable ASCII other than `"<>\^`{|}` and space, or a letter, mark or digit outside ASCII (IRIs).
    static func isURLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return scalar.value > 0x20 && scalar.value < 0x7F && !"\"<>\\^`{|}".unicodeScalars.contains(scalar)
        }
        return isNonASCIIWordScalar(scalar)
    }
}
