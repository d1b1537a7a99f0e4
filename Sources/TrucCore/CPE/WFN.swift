/// Byte-level helpers for CPE well-formed-name (WFN) values: see `CPEAttribute`.
enum WFN {
    static let backslash = UInt8(ascii: "\\")
    static let star = UInt8(ascii: "*")
    static let question = UInt8(ascii: "?")

    /// Printable ASCII other than space: what a WFN value may contain.
    @inline(__always) static func isPrintable(_ byte: UInt8) -> Bool { byte >= 0x21 && byte <= 0x7E }

    /// Letters, digits and `_`: the characters that stand for themselves, unquoted.
    @inline(__always) static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    @inline(__always) static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// Whether the byte at `index` is preceded by an odd number of backslashes (so it is quoted).
    @inline(__always) static func isQuoted(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var count = 0
        var i = index - 1
        while i >= 0, bytes[i] == backslash {
            count += 1
            i -= 1
        }
        return count % 2 == 1
    }

    /// Constant time for values without trailing backslashes: wildcards may only stand at either end.
    @inline(__always) static func hasWildcards(_ wfn: String) -> Bool {
        let utf8 = wfn.utf8
        guard let first = utf8.first else { return false }
        if first == star || first == question { return true }
        let last = utf8[utf8.index(before: utf8.endIndex)]
        guard last == star || last == question else { return false }
        // The last character is a wildcard unless an odd number of backslashes precedes it.
        var backslashes = 0
        var index = utf8.index(before: utf8.endIndex)
        while index > utf8.startIndex {
            index = utf8.index(before: index)
            guard utf8[index] == backslash else { break }
            backslashes += 1
        }
        return backslashes % 2 == 0
    }

    /// The 2.3 formatted-string form of a WFN value: `\.` and `\-` lose their backslash.
    static func formattedString(_ wfn: String) -> String {
        guard wfn.utf8.contains(backslash) else { return wfn }
        var out: [UInt8] = []
        out.reserveCapacity(wfn.utf8.count)
        var iterator = wfn.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == backslash, let next = iterator.next() else {
                out.append(byte)
                continue
            }
            if next != UInt8(ascii: ".") && next != UInt8(ascii: "-") { out.append(backslash) }
            out.append(next)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value with every quoting backslash removed.
    static func unescaped(_ wfn: String) -> String {
        guard wfn.utf8.contains(backslash) else { return wfn }
        var out: [UInt8] = []
        out.reserveCapacity(wfn.utf8.count)
        var iterator = wfn.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == backslash, let next = iterator.next() {
                out.append(next)
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Checks that unquoted wildcards only stand at the ends: one `*` or a run of `?` at each end (NISTIR 7695 §5.3.2).
    static func validateWildcards(_ bytes: [UInt8], attribute: CPEAttributeName, original: String) throws(CPEError) {
        let valid = bytes.withUnsafeBufferPointer { bytes -> Bool in
            let (start, end, _, _) = body(of: bytes)
            var i = start
            while i < end {
                if bytes[i] == backslash {
                    i += 2
                    continue
                }
                if bytes[i] == star || bytes[i] == question { return false }
                i += 1
            }
            return true
        }
        if !valid { throw .misplacedWildcard(attribute, value: original) }
    }

    /// The byte range between the leading and trailing wildcards of a WFN value, and those wildcards:
    /// `begins`/`ends` are -1 for `*`, otherwise the number of `?` (0 when there is none).
    @inline(__always)
    static func body(of bytes: UnsafeBufferPointer<UInt8>) -> (start: Int, end: Int, begins: Int, ends: Int) {
        var start = 0
        var begins = 0
        if bytes.first == star {
            start = 1
            begins = -1
        } else {
            while start < bytes.count, bytes[start] == question { start += 1 }
            begins = start
        }
        var end = bytes.count
        var ends = 0
        if end > start, bytes[end - 1] == star, !isQuoted(bytes, at: end - 1) {
            end -= 1
            ends = -1
        } else {
            while end > start, bytes[end - 1] == question, !isQuoted(bytes, at: end - 1) {
                end -= 1
                ends += 1
            }
        }
        return (start, end, begins, ends)
    }

    /// The language attribute must be an RFC 5646 tag: 2–3 letters, optionally `-` and a 2-letter region or
    /// 3-digit area (NISTIR 7695 §5.3.3.4). Values with wildcards are not checked.
    static func validateLanguage(_ attribute: CPEAttribute) throws(CPEError) {
        guard case .value(let wfn) = attribute, !hasWildcards(wfn) else { return }
        let text = unescaped(wfn)
        let pieces = text.split(separator: "-", omittingEmptySubsequences: false)
        let isLetter: (Character) -> Bool = { $0.isASCII && $0.isLetter }
        let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        let languageOK = (2...3).contains(pieces[0].count) && pieces[0].allSatisfy(isLetter)
        let regionOK = pieces.count == 1
            || (pieces.count == 2 && ((pieces[1].count == 2 && pieces[1].allSatisfy(isLetter))
                || (pieces[1].count == 3 && pieces[1].allSatisfy(isDigit))))
        if !(languageOK && regionOK) { throw .invalidLanguage(text) }
    }
}
