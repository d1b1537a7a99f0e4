import Foundation

/// What an `XMLByteScanner` reports to: elements as they open and close, and the text of the elements it asked for.
protocol XMLByteHandler: AnyObject {
    /// An element opens; returns whether the text directly inside it is wanted (`text(_:)`).
    func start(_ name: String, _ attributes: [String: String]) throws(XMLByteScanner.Refusal) -> Bool
    /// Text (entities decoded, CDATA as it is) inside an element whose `start` asked for it; may come in pieces.
    func text(_ text: String)
    func end(_ name: String) throws(XMLByteScanner.Refusal)
}

/// A strict, fast reader of the XML of large scanner reports (a Nessus file of 100,000 results is hundreds of MB, and
/// Foundation's parser reads ~17 MB/s on Linux). It reads UTF-8 documents of elements, attributes, text, the five
/// predefined entities and character references, CDATA, comments and processing instructions, and refuses
/// everything else: a DOCTYPE (so no entity is ever declared or expanded), another encoding, an unknown entity, a
/// control character, a misnested or unclosed tag, a duplicate attribute, text outside the root.
///
/// It says only *that* it refused, never why: callers then read the same bytes with `SafeXMLReader`, whose precise
/// message (line, truncation, entity declaration) the user gets. So a document this scanner accepts reads as it
/// would through Foundation's parser, and one it refuses costs one more read.
struct XMLByteScanner {
    struct Refusal: Error {}

    /// Reads `data`, reporting to `handler`; throws `Refusal` for anything outside the subset above.
    static func scan(_ data: Data, into handler: some XMLByteHandler) throws(Refusal) {
        let outcome: Result<Void, Refusal> = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return .failure(Refusal()) }
            var scanner = Cursor(base: base, count: raw.count)
            do throws(Refusal) {
                try scanner.document(handler)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try outcome.get()
    }

    /// The position in the bytes and the open elements.
    private struct Cursor {
        let base: UnsafePointer<UInt8>
        let count: Int
        var at = 0
        var open: [String] = []
        var wanted: [Bool] = []

        init(base: UnsafePointer<UInt8>, count: Int) {
            self.base = base
            self.count = count
        }

        // MARK: Document

        mutating func document(_ handler: some XMLByteHandler) throws(Refusal) {
            if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { at = 3 }
            if starts(with: "<?xml") { try declaration() }
            var sawRoot = false
            while at < count {
                let byte = base[at]
                if byte == UInt8(ascii: "<") {
                    guard at + 1 < count else { throw Refusal() }
                    let next = base[at + 1]
                    if next == UInt8(ascii: "?") {
                        try skip(past: "?>", from: at + 2)
                    } else if next == UInt8(ascii: "!") {
                        if starts(with: "<!--") {
                            try comment()
                        } else if starts(with: "<![CDATA["), !open.isEmpty {
                            try cdata(handler)
                        } else {
                            throw Refusal()  // DOCTYPE, or CDATA outside the root
                        }
                    } else if next == UInt8(ascii: "/") {
                        try endTag(handler)
                        if open.isEmpty { sawRoot = true }
                    } else {
                        guard open.isEmpty ? !sawRoot : true else { throw Refusal() }  // a second root
                        try startTag(handler)
                        if open.isEmpty { sawRoot = true }
                    }
                } else if open.isEmpty {
                    guard isSpace(byte) else { throw Refusal() }
                    at += 1
                } else {
                    try text(handler)
                }
            }
            guard sawRoot, open.isEmpty else { throw Refusal() }
        }

        /// `<?xml version="1.0" encoding="…"?>`: only UTF-8 (or no encoding named) is read here.
        mutating func declaration() throws(Refusal) {
            let start = at
            try skip(past: "?>", from: at + 5)
            let text = String(decoding: UnsafeBufferPointer(start: base + start, count: at - start), as: UTF8.self).lowercased()
            if let range = text.range(of: "encoding") {
                let rest = text[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
                guard rest.hasPrefix("utf-8") || rest.hasPrefix("utf8") else { throw Refusal() }
            }
        }

        // MARK: Markup

        mutating func startTag(_ handler: some XMLByteHandler) throws(Refusal) {
            at += 1
            let name = try self.name()
            var attributes: [String: String] = [:]
            while true {
                let hadSpace = skipSpace()
                guard at < count else { throw Refusal() }
                let byte = base[at]
                if byte == UInt8(ascii: ">") {
                    at += 1
                    open.append(name)
                    wanted.append(try handler.start(name, attributes))
                    return
                }
                if byte == UInt8(ascii: "/") {
                    guard at + 1 < count, base[at + 1] == UInt8(ascii: ">") else { throw Refusal() }
                    at += 2
                    _ = try handler.start(name, attributes)
                    try handler.end(name)
                    return
                }
                guard hadSpace else { throw Refusal() }
                let attribute = try self.name()
                skipSpace()
                guard at < count, base[at] == UInt8(ascii: "=") else { throw Refusal() }
                at += 1
                skipSpace()
                guard at < count, base[at] == UInt8(ascii: "\"") || base[at] == UInt8(ascii: "'") else { throw Refusal() }
                let quote = base[at]
                at += 1
                let value = try characters(until: quote, inAttribute: true)
                at += 1
                guard attributes.updateValue(value, forKey: attribute) == nil else { throw Refusal() }
            }
        }

        mutating func endTag(_ handler: some XMLByteHandler) throws(Refusal) {
            at += 2
            let name = try self.name()
            skipSpace()
            guard at < count, base[at] == UInt8(ascii: ">"), let top = open.last, top == name else { throw Refusal() }
            at += 1
            open.removeLast()
            wanted.removeLast()
            try handler.end(name)
        }

        mutating func comment() throws(Refusal) {
            try skip(past: "-->", from: at + 4)
        }

        mutating func cdata(_ handler: some XMLByteHandler) throws(Refusal) {
            let start = at + 9
            try skip(past: "]]>", from: start)
            guard wanted.last == true else { return }
            let bytes = UnsafeBufferPointer(start: base + start, count: at - 3 - start)
            for byte in bytes where !isAllowed(byte) { throw Refusal() }
            handler.text(try XMLByteScanner.string(bytes))
        }

        /// Text up to the next `<`.
        mutating func text(_ handler: some XMLByteHandler) throws(Refusal) {
            if wanted.last == true {
                handler.text(try characters(until: UInt8(ascii: "<"), inAttribute: false))
            } else {
                // Checked but not kept.
                while at < count {
                    let byte = base[at]
                    if byte == UInt8(ascii: "<") { return }
                    if byte == UInt8(ascii: "&") {
                        _ = try reference()
                    } else {
                        guard isAllowed(byte) else { throw Refusal() }
                        at += 1
                    }
                }
            }
        }

        /// The characters up to `end` (not consumed), entities decoded; in an attribute value, white space is
        /// normalised to spaces and `<` is refused, as XML asks.
        mutating func characters(until end: UInt8, inAttribute: Bool) throws(Refusal) -> String {
            let result: String
            let runStart = at
            var plain = true
            var bytes: [UInt8] = []
            while true {
                guard at < count else {
                    if inAttribute { throw Refusal() }
                    break
                }
                let byte = base[at]
                if byte == end { break }
                if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\r") || (inAttribute && (byte == 9 || byte == 10 || byte == UInt8(ascii: "<"))) {
                    if plain {
                        bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: at - runStart))
                        plain = false
                    }
                    if byte == UInt8(ascii: "&") {
                        let scalar = try reference()
                        bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
                    } else if byte == UInt8(ascii: "<") {
                        throw Refusal()
                    } else {
                        // CR LF and a lone CR are one line end; in an attribute every line end or tab is a space.
                        at += 1
                        if byte == UInt8(ascii: "\r"), at < count, base[at] == 10 { at += 1 }
                        bytes.append(inAttribute ? UInt8(ascii: " ") : 10)
                    }
                    continue
                }
                guard isAllowed(byte) else { throw Refusal() }
                if !plain { bytes.append(byte) }
                at += 1
            }
            if plain {
                result = try XMLByteScanner.string(UnsafeBufferPointer(start: base + runStart, count: at - runStart))
            } else {
                result = try bytes.withUnsafeBufferPointer { buffer throws(Refusal) in try XMLByteScanner.string(buffer) }
            }
            return result
        }

        /// `&name;` or `&#N;` / `&#xN;` at the cursor, consumed.
        mutating func reference() throws(Refusal) -> Unicode.Scalar {
            let start = at + 1
            var end = start
            while end < count, base[end] != UInt8(ascii: ";"), end - start < 12 { end += 1 }
            guard end < count, base[end] == UInt8(ascii: ";"), end > start else { throw Refusal() }
            let body = UnsafeBufferPointer(start: base + start, count: end - start)
            at = end + 1
            if body[0] == UInt8(ascii: "#") {
                var value: UInt32 = 0
                let hex = body.count > 1 && body[1] == UInt8(ascii: "x")
                let digits = body.dropFirst(hex ? 2 : 1)
                guard !digits.isEmpty else { throw Refusal() }
                for digit in digits {
                    let d: UInt32
                    switch digit {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(digit - UInt8(ascii: "0"))
                    case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: d = UInt32(digit - UInt8(ascii: "a") + 10)
                    case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: d = UInt32(digit - UInt8(ascii: "A") + 10)
                    default: throw Refusal()
                    }
                    value = value &* (hex ? 16 : 10) &+ d
                    guard value <= 0x10FFFF else { throw Refusal() }
                }
                guard value == 9 || value == 10 || value == 13 || (0x20...0xD7FF).contains(value)
                    || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value),
                    let scalar = Unicode.Scalar(value) else { throw Refusal() }
                return scalar
            }
            switch String(decoding: body, as: UTF8.self) {
            case "lt": return "<"
            case "gt": return ">"
            case "amp": return "&"
            case "quot": return "\""
            case "apos": return "'"
            default: throw Refusal()
            }
        }

        /// An element or attribute name (ASCII letters, digits, `_ : . -`, and any non-ASCII byte).
        mutating func name() throws(Refusal) -> String {
            let start = at
            while at < count {
                let byte = base[at]
                let isStart = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: ":") || byte >= 0x80
                let isInner = isStart || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                guard at == start ? isStart : isInner else { break }
                at += 1
            }
            guard at > start else { throw Refusal() }
            return try XMLByteScanner.string(UnsafeBufferPointer(start: base + start, count: at - start))
        }

        // MARK: Bytes

        @discardableResult
        mutating func skipSpace() -> Bool {
            let start = at
            while at < count, isSpace(base[at]) { at += 1 }
            return at > start
        }

        /// Moves the cursor past the next `marker` at or after `from`.
        mutating func skip(past marker: StaticString, from: Int) throws(Refusal) {
            let length = marker.utf8CodeUnitCount
            let first = marker.utf8Start[0]
            var index = from
            while index + length <= count {
                if base[index] == first, memcmp(base + index, marker.utf8Start, length) == 0 {
                    at = index + length
                    return
                }
                index += 1
            }
            throw Refusal()
        }

        func starts(with prefix: StaticString) -> Bool {
            let length = prefix.utf8CodeUnitCount
            return at + length <= count && memcmp(base + at, prefix.utf8Start, length) == 0
        }

        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

        /// Bytes allowed in character data: not a C0 control other than tab, line feed and carriage return.
        func isAllowed(_ byte: UInt8) -> Bool { byte >= 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    }

    /// The bytes as a string, refusing what is not UTF-8.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) throws(Refusal) -> String {
        guard let string = String(validating: bytes, as: UTF8.self) else { throw Refusal() }
        return string
    }
}
