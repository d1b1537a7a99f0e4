import Foundation
import Testing
import TrucCore

/// The incremental splitter: elements must come out byte-exact wherever the chunks are cut.
@Suite struct JSONArrayStreamTests {
    /// The elements of `document`'s `items` array, exactly as written (whitespace inside kept).
    static let elements: [String] = [
        #"{"id": "CVE-2017-0001", "text": "brackets ] } [ { and \"quotes\" and \\ backslash \\\""}"#,
        #"{"nested": {"a": [1, 2.5, -3e+2, {"b": [[], {}]}], "c": null, "d": true, "e": false}}"#,
        #"{"unicode": "Việt Nam – \u00e9\u20AC \ud83d\ude00 😀 ✓", "escapes": "\/\b\f\n\r\t\u0041"}"#,
        #"[1, "two", [3]]"#,
        #""a string element with a } and a ]""#,
        "12.5e-3",
        "-0",
        "true",
        "null",
        "{}",
        "[]",
    ]

    /// A document with other members before and after the array, including a nested `items` that must be ignored.
    static let document: String = """
        \u{FEFF}{
          "header": {"items": ["not", "these"], "count": 3},
          "skip": [ {"items": [1]}, "]", "}" ],
          "number": -12.5E+10, "flag": true, "none": null,
          "items" :\t[
            \(elements.joined(separator: " ,\n    "))
          ],
          "after": {"x": "[\\"]"}, "tail": [1, 2, 3]
        }

        """

    static func split(_ bytes: [UInt8], sizes: some Sequence<Int>) throws -> ([[UInt8]], JSONArrayStream) {
        var stream = JSONArrayStream(arrayKeys: ["items", "other"])
        var result: [[UInt8]] = []
        var offset = 0
        var iterator = sizes.makeIterator()
        while offset < bytes.count {
            let size = max(1, iterator.next() ?? bytes.count)
            let end = min(bytes.count, offset + size)
            result += try stream.feed(Array(bytes[offset..<end]))
            offset = end
        }
        try stream.finish()
        return (result, stream)
    }

    static var expected: [[UInt8]] { elements.map { Array($0.utf8) } }

    @Test func wholeDocumentAtOnce() throws {
        let (elements, stream) = try Self.split(Array(Self.document.utf8), sizes: [1 << 30])
        #expect(elements == Self.expected)
        #expect(stream.matchedKey == "items")
        // Every element is valid JSON on its own.
        for element in elements {
            #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(element), options: .fragmentsAllowed) }
        }
    }

    @Test func oneByteAtATime() throws {
        let (elements, _) = try Self.split(Array(Self.document.utf8), sizes: repeatElement(1, count: .max))
        #expect(elements == Self.expected)
    }

    @Test func twoChunksCutAtEveryByte() throws {
        let bytes = Array(Self.document.utf8)
        for cut in 1..<bytes.count {
            let (elements, _) = try Self.split(bytes, sizes: [cut, bytes.count])
            #expect(elements == Self.expected, "cut at \(cut)")
        }
    }

    @Test func randomChunkSizes() throws {
        let bytes = Array(Self.document.utf8)
        var random = LCG(seed: 0x5EED)
        for _ in 0..<300 {
            let sizes = (0..<bytes.count).map { _ in Int(random.next() % 17) + 1 }
            let (elements, _) = try Self.split(bytes, sizes: sizes)
            #expect(elements == Self.expected)
        }
    }

    @Test func elementsComeOutAsSoonAsComplete() throws {
        var stream = JSONArrayStream(arrayKeys: ["CVE_Items"])
        #expect(try stream.feed(Array(#"{"CVE_Items": [{"a": 1}, {"b""#.utf8)) == [Array(#"{"a": 1}"#.utf8)])
        #expect(stream.matchedKey == "CVE_Items")
        #expect(try stream.feed(Array(#": 2}"#.utf8)) == [Array(#"{"b": 2}"#.utf8)])
        #expect(try stream.feed(Array("]}".utf8)).isEmpty)
        try stream.finish()
    }

    @Test func truncatedInputThrowsAtFinish() throws {
        let bytes = Array(Self.document.utf8)
        // Every proper prefix that ends before the closing brace is truncated.
        let closing = bytes.lastIndex(of: UInt8(ascii: "}"))!
        for length in stride(from: 4, through: closing, by: 7) { // after the byte order mark
            var stream = JSONArrayStream(arrayKeys: ["items"])
            let elements = try stream.feed(Array(bytes[..<length]))
            #expect(elements.count <= Self.elements.count)
            #expect(Array(Self.expected.prefix(elements.count)) == elements)
            #expect(throws: FeedError.truncated(offset: length)) { try stream.finish() }
        }
    }

    @Test func emptyInput() throws {
        var stream = JSONArrayStream(arrayKeys: ["items"])
        #expect(try stream.feed(Array("  \n ".utf8)).isEmpty)
        #expect(throws: FeedError.empty) { try stream.finish() }
    }

    @Test func objectWithoutTheKeyGivesNothing() throws {
        let (elements, stream) = try Self.split(Array(#"{"id": "CVE-2024-3400", "items2": [1]}"#.utf8), sizes: [5])
        #expect(elements.isEmpty)
        #expect(stream.matchedKey == nil)
    }

    @Test(arguments: [("[1, 2]", 0), ("  \"text\"", 2), ("42", 0), ("nope", 0)])
    func nonObjectTopLevelThrows(text: String, offset: Int) throws {
        var stream = JSONArrayStream(arrayKeys: ["items"])
        #expect(throws: FeedError.notAnObject(offset: offset)) { _ = try stream.feed(Array(text.utf8)) }
        // The stream stays failed.
        #expect(throws: FeedError.notAnObject(offset: offset)) { try stream.finish() }
    }

    @Test(arguments: [
        (#"{"items": [1,}"#, 13, FeedError.Syntax.expectedValue),
        (#"{"a" 1}"#, 5, .expectedColon),
        (#"{"a": 1 "b": 2}"#, 8, .expectedCommaOrClose),
        (#"{"items": [tru]}"#, 14, .invalidLiteral),
        (#"{"a": "x\q"}"#, 9, .invalidEscape),
        (#"{"a": "\u12G4"}"#, 11, .invalidEscape),
        (#"{"a": 01}"#, 7, .expectedCommaOrClose),
        (#"{"a": 1.}"#, 8, .invalidNumber),
        (#"{"a": -}"#, 7, .invalidNumber),
        (#"{"a": [1}"#, 8, .mismatchedBracket),
        (#"{"a": {"b": 1]}"#, 13, .mismatchedBracket),
        (#"{"a": 1,}"#, 8, .expectedKey),
        (#"{1: 2}"#, 1, .expectedKey),
        ("{\"a\": \"tab\there\"}", 10, .controlCharacterInString),
        (#"{"a": 1} x"#, 9, .trailingData),
        (#"{} {}"#, 3, .trailingData),
    ])
    func malformedJSONThrowsWithOffset(text: String, offset: Int, syntax: FeedError.Syntax) throws {
        // The same error whether the text comes whole or byte by byte.
        var whole = JSONArrayStream(arrayKeys: ["items"])
        #expect(throws: FeedError.malformedJSON(offset: offset, syntax: syntax)) {
            _ = try whole.feed(Array(text.utf8))
            try whole.finish()
        }
        var bytewise = JSONArrayStream(arrayKeys: ["items"])
        #expect(throws: FeedError.malformedJSON(offset: offset, syntax: syntax)) {
            for byte in text.utf8 { _ = try bytewise.feed([byte]) }
            try bytewise.finish()
        }
    }

    @Test func errorMessagesAreBilingual() {
        let error = FeedError.malformedJSON(offset: 12, syntax: .expectedColon)
        #expect(error.english == "Malformed JSON at byte 12: expected : after the member name.")
        #expect(error.vietnamese == "JSON sai cú pháp tại byte 12: cần dấu : sau tên thuộc tính.")
        #expect(error.description == error.english)
        #expect(FeedError.truncated(offset: 5).vietnamese.contains("cắt cụt"))
    }

    @Test func unsafeBufferFeedMatchesArrayFeed() throws {
        let data = Data(Self.document.utf8)
        var stream = JSONArrayStream(arrayKeys: ["items"])
        var elements: [[UInt8]] = []
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let end = min(offset + 10, buffer.count)
                elements += try stream.feed(UnsafeRawBufferPointer(rebasing: buffer[offset..<end]))
                offset = end
            }
        }
        try stream.finish()
        #expect(elements == Self.expected)
    }
}

/// A small deterministic generator for chunk sizes.
private struct LCG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
}
