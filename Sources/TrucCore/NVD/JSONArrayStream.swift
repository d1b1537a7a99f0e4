/// Incremental splitter for big JSON feeds: feed the bytes of a document in chunks of any size, and get back the
/// raw bytes of each element of the array that is the value of one of `arrayKeys` in the top-level object
/// (depth 1) — e.g. `CVE_Items` of an NVD 1.1 feed or `vulnerabilities` of an NVD API 2.0 response — as soon as
/// the element is complete. Only the current element is kept in memory, never the document.
///
/// The whole document is checked for JSON syntax on the way (strings and their escapes, numbers, literals,
/// brackets, commas and colons; not the UTF-8 encoding of string contents), so an emitted element is always a
/// well-formed JSON value. Other top-level members are checked and skipped. Chunk boundaries may fall anywhere:
/// inside a string, an escape sequence, a number or a multi-byte UTF-8 character.
///
/// Member names are compared with `arrayKeys` as written in the document (escape sequences are not decoded).
/// A document whose top-level object has none of the keys yields no element; `NVDFeedReader` then reads it as a
/// single record. After a thrown error the stream keeps failing with the same error.
public struct JSONArrayStream: Sendable {
    /// What the parser expects next, outside of a string, number or literal.
    private enum Expect: UInt8, Sendable {
        /// The document's opening `{` (after optional whitespace or a UTF-8 byte order mark).
        case document
        /// A member name or `}` (right after `{`).
        case keyOrClose
        /// A member name (after `,` in an object).
        case key
        /// The `:` after a member name.
        case colon
        /// A value (after `:`, or after `,` in an array).
        case value
        /// A value or `]` (right after `[`).
        case valueOrClose
        /// `,` or the container's closing bracket, after a value.
        case commaOrClose
        /// Only whitespace, after the document's closing `}`.
        case end
    }

    /// The token being read across bytes (and chunks).
    private enum Lexeme: UInt8, Sendable {
        case none
        case string
        case number
        case literal
    }

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    private static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    private static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    private static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":")
    private static let literals: [[UInt8]] = [Array("true".utf8), Array("false".utf8), Array("null".utf8)]

    private let arrayKeys: Set<[UInt8]>
    /// The key whose array is being emitted, once seen.
    public private(set) var matchedKey: String?

    /// Bytes consumed before the current chunk.
    private var offset = 0
    private var expect = Expect.document
    private var lexeme = Lexeme.none
    /// Inside a string: 0 = plain, 1 = after a backslash, 2…5 = that many hex digits of `\u` still to read − 1.
    private var escape: UInt8 = 0
    /// Inside a number: the state of its grammar (see `numberStep`).
    private var numberState: UInt8 = 0
    /// Inside a literal: which of `literals`, and how many of its bytes were read.
    private var literalKind = 0, literalIndex = 0
    /// Open containers, outermost first: `true` for an object.
    private var stack: [Bool] = []
    /// Whether the string being read is a member name of the top-level object (its bytes go to `keyBytes`).
    private var capturingKey = false
    private var keyBytes: [UInt8] = []
    /// Whether the last member name of the top-level object is one of `arrayKeys`.
    private var keyMatches = false
    /// Whether the array of a matched key is open (it is then `stack[1]`).
    private var inMatchedArray = false
    /// Whether an element of the matched array is being read; its bytes from earlier chunks are in `pending`.
    private var elementActive = false
    private var pending: [UInt8] = []
    private var failure: FeedError?

    public init(arrayKeys: Set<String>) {
        self.arrayKeys = Set(arrayKeys.map { Array($0.utf8) })
    }

    /// Elements completed within this chunk, in order.
    public mutating func feed(_ bytes: [UInt8]) throws(FeedError) -> [[UInt8]] {
        var result: Result<[[UInt8]], FeedError> = .success([])
        bytes.withUnsafeBytes { buffer in
            do throws(FeedError) {
                result = .success(try feed(buffer))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    /// Elements completed within this chunk, in order.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(FeedError) -> [[UInt8]] {
        if let failure { throw failure }
        do {
            return try scan(bytes)
        } catch {
            failure = error
            throw error
        }
    }

    /// Throws when the input was empty, ended inside the document, or was not a JSON object.
    public mutating func finish() throws(FeedError) {
        if let failure { throw failure }
        switch expect {
        case .end:
            return
        case .document:
            failure = .empty
        default:
            failure = .truncated(offset: offset)
        }
        throw failure!
    }

    // MARK: Scanning

    private mutating func scan(_ buffer: UnsafeRawBufferPointer) throws(FeedError) -> [[UInt8]] {
        let count = buffer.count
        guard count > 0, let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return [] }
        var elements: [[UInt8]] = []
        var i = 0
        // Where the current element starts in this chunk (0 when it began in an earlier one).
        var elementStart = 0

        func fail(_ syntax: FeedError.Syntax) -> FeedError { .malformedJSON(offset: offset + i, syntax: syntax) }

        /// The value that ended just before `end` (exclusive) is complete.
        func valueEnded(_ end: Int) {
            expect = stack.isEmpty ? .end : .commaOrClose
            if elementActive, stack.count == 2 {
                elementActive = false
                if pending.isEmpty {
                    elements.append(Array(UnsafeBufferPointer(start: base + elementStart, count: end - elementStart)))
                } else {
                    pending.append(contentsOf: UnsafeBufferPointer(start: base + elementStart, count: end - elementStart))
                    elements.append(pending)
                    pending = []
                }
            }
        }

        while i < count {
            switch lexeme {
            case .string:
                if escape == 0, !capturingKey {
                    // The hot loop: most of a feed's bytes are inside strings.
                    while i < count {
                        let byte = base[i]
                        if byte == Self.quote || byte == Self.backslash || byte < 0x20 { break }
                        i += 1
                    }
                    if i == count { break }
                }
                let byte = base[i]
                switch escape {
                case 0:
                    if byte == Self.quote {
                        lexeme = .none
                        if capturingKey {
                            capturingKey = false
                            keyMatches = arrayKeys.contains(keyBytes)
                            expect = .colon
                        } else if expect == .colon {
                            // The end of a member name below the top level.
                        } else {
                            valueEnded(i + 1)
                        }
                    } else if byte == Self.backslash {
                        escape = 1
                        if capturingKey { keyBytes.append(byte) }
                    } else if byte < 0x20 {
                        throw fail(.controlCharacterInString)
                    } else if capturingKey {
                        keyBytes.append(byte)
                    }
                case 1:
                    switch byte {
                    case Self.quote, Self.backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        escape = 0
                    case UInt8(ascii: "u"):
                        escape = 5
                    default:
                        throw fail(.invalidEscape)
                    }
                    if capturingKey { keyBytes.append(byte) }
                default:
                    guard Self.isHexDigit(byte) else { throw fail(.invalidEscape) }
                    escape = escape == 2 ? 0 : escape - 1
                    if capturingKey { keyBytes.append(byte) }
                }
                i += 1

            case .number:
                let byte = base[i]
                if let next = Self.numberStep(numberState, byte) {
                    numberState = next
                    i += 1
                } else {
                    // The number ends before this byte, which is read again as structure.
                    guard Self.numberCanEnd(numberState) else { throw fail(.invalidNumber) }
                    lexeme = .none
                    valueEnded(i)
                }

            case .literal:
                let literal = Self.literals[literalKind]
                guard base[i] == literal[literalIndex] else { throw fail(.invalidLiteral) }
                literalIndex += 1
                i += 1
                if literalIndex == literal.count {
                    lexeme = .none
                    valueEnded(i)
                }

            case .none:
                let byte = base[i]
                if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                    i += 1
                    continue
                }
                switch expect {
                case .document:
                    if byte == Self.openBrace {
                        stack.append(true)
                        expect = .keyOrClose
                    } else if offset + i < 3, byte == [0xEF, 0xBB, 0xBF][offset + i] {
                        // A UTF-8 byte order mark.
                    } else {
                        throw FeedError.notAnObject(offset: offset + i)
                    }
                    i += 1

                case .keyOrClose, .key:
                    if byte == Self.quote {
                        lexeme = .string
                        escape = 0
                        if stack.count == 1 {
                            capturingKey = true
                            keyBytes.removeAll(keepingCapacity: true)
                        }
                        expect = .colon
                    } else if byte == Self.closeBrace, expect == .keyOrClose {
                        stack.removeLast()
                        valueEnded(i + 1)
                    } else {
                        throw fail(.expectedKey)
                    }
                    i += 1

                case .colon:
                    guard byte == Self.colon else { throw fail(.expectedColon) }
                    expect = .value
                    i += 1

                case .value, .valueOrClose:
                    if byte == Self.closeBracket, expect == .valueOrClose {
                        closeArray()
                        valueEnded(i + 1)
                        i += 1
                        continue
                    }
                    let topLevelMember = stack.count == 1
                    if inMatchedArray, stack.count == 2 {
                        elementActive = true
                        elementStart = i
                    }
                    switch byte {
                    case Self.openBrace:
                        stack.append(true)
                        expect = .keyOrClose
                    case Self.openBracket:
                        if topLevelMember, keyMatches {
                            inMatchedArray = true
                            matchedKey = String(decoding: keyBytes, as: UTF8.self)
                        }
                        stack.append(false)
                        expect = .valueOrClose
                    case Self.quote:
                        lexeme = .string
                        escape = 0
                    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                        lexeme = .number
                        numberState = Self.numberStep(0, byte)!
                    case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                        lexeme = .literal
                        literalKind = byte == UInt8(ascii: "t") ? 0 : byte == UInt8(ascii: "f") ? 1 : 2
                        literalIndex = 1
                    default:
                        throw fail(.expectedValue)
                    }
                    if topLevelMember { keyMatches = false }
                    i += 1

                case .commaOrClose:
                    let inObject = stack.last!
                    if byte == Self.comma {
                        expect = inObject ? .key : .value
                    } else if byte == Self.closeBrace || byte == Self.closeBracket {
                        guard inObject == (byte == Self.closeBrace) else { throw fail(.mismatchedBracket) }
                        if inObject { stack.removeLast() } else { closeArray() }
                        valueEnded(i + 1)
                    } else {
                        throw fail(.expectedCommaOrClose)
                    }
                    i += 1

                case .end:
                    throw fail(.trailingData)
                }
            }
        }
        if elementActive {
            pending.append(contentsOf: UnsafeBufferPointer(start: base + elementStart, count: count - elementStart))
        }
        offset += count
        return elements
    }

    private mutating func closeArray() {
        stack.removeLast()
        if inMatchedArray, stack.count == 1 { inMatchedArray = false }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
             UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }

    /// The JSON number grammar as states: 0 start, 1 after `-`, 2 a leading `0`, 3 integer digits, 4 after `.`,
    /// 5 fraction digits, 6 after `e`, 7 after the exponent's sign, 8 exponent digits. `nil`: `byte` cannot
    /// continue the number.
    private static func numberStep(_ state: UInt8, _ byte: UInt8) -> UInt8? {
        let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        switch state {
        case 0:
            if byte == UInt8(ascii: "-") { return 1 }
            return byte == UInt8(ascii: "0") ? 2 : isDigit ? 3 : nil
        case 1:
            return byte == UInt8(ascii: "0") ? 2 : isDigit ? 3 : nil
        case 2, 3:
            if isDigit { return state == 3 ? 3 : nil }
            if byte == UInt8(ascii: ".") { return 4 }
            return byte | 0x20 == UInt8(ascii: "e") ? 6 : nil
        case 4, 5:
            if isDigit { return 5 }
            return state == 5 && byte | 0x20 == UInt8(ascii: "e") ? 6 : nil
        case 6:
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { return 7 }
            return isDigit ? 8 : nil
        default:
            return isDigit ? 8 : nil
        }
    }

    /// Whether a number may end in `state`.
    private static func numberCanEnd(_ state: UInt8) -> Bool {
        state == 2 || state == 3 || state == 5 || state == 8
    }
}
