import Foundation
import Testing
@testable import TrucCore

/// The offline bundle's format: header, prefix parsing, payload checks, cursors and items.
@Suite struct KnowledgeBundleFormatTests {
    let header = KnowledgeBundleHeader(created: Date(timeIntervalSince1970: 1_738_300_000.5), since: Date(timeIntervalSince1970: 1_738_000_000),
                                       until: Date(timeIntervalSince1970: 1_738_300_000.5), counts: ["cve": 3, "kev": 1],
                                       payloadSize: 5, payloadSHA256: String(repeating: "ab", count: 32), keyID: "0123456789abcdef")

    func file(_ header: KnowledgeBundleHeader, signature: Data = Data(repeating: 7, count: 64), payload: Data = Data("hello".utf8)) throws -> Data {
        var data = KnowledgeBundleFormat.prefix(headerJSON: try header.encoded(), signature: signature)
        data.append(payload)
        return data
    }

    @Test func prefixRoundTrip() throws {
        let data = try file(header)
        let prefix = try KnowledgeBundleFormat.parsePrefix(data)
        #expect(prefix.header == header)
        #expect(prefix.headerJSON == (try header.encoded()))
        #expect(prefix.signature == Data(repeating: 7, count: 64))
        #expect(data.suffix(from: prefix.payloadOffset) == Data("hello".utf8))
    }

    @Test func headerIsOneLineWithMilliseconds() throws {
        let text = String(decoding: try header.encoded(), as: UTF8.self)
        #expect(!text.contains("\n"))
        #expect(text.contains("\"until\":\"2025-01-31T05:06:40.500Z\""))
    }

    @Test func refusals() throws {
        #expect(throws: KnowledgeBundleError.notABundle) { try KnowledgeBundleFormat.parsePrefix(Data("PK\u{3}\u{4}zip".utf8)) }
        #expect(throws: KnowledgeBundleError.notABundle) { try KnowledgeBundleFormat.parsePrefix(Data()) }
        #expect(throws: KnowledgeBundleError.unsupportedVersion(2)) {
            try KnowledgeBundleFormat.parsePrefix(Data("TRUC-KNOWLEDGE-BUNDLE 2\n{}\n".utf8))
        }
        // No signature line, an empty one, a short one.
        var unsigned = Data((KnowledgeBundleFormat.magic + "\n").utf8)
        unsigned.append(try header.encoded())
        unsigned.append(0x0A)
        #expect(throws: KnowledgeBundleError.unsigned) { try KnowledgeBundleFormat.parsePrefix(unsigned) }
        var empty = unsigned
        empty.append(0x0A)
        #expect(throws: KnowledgeBundleError.unsigned) { try KnowledgeBundleFormat.parsePrefix(empty) }
        #expect(throws: KnowledgeBundleError.malformedSignature) { try KnowledgeBundleFormat.parsePrefix(try file(header, signature: Data(count: 10))) }
        // A header that is not JSON, of another format, or inconsistent.
        #expect(throws: KnowledgeBundleError.self) { try KnowledgeBundleFormat.parsePrefix(Data("TRUC-KNOWLEDGE-BUNDLE 1\nnot json\nAAAA\n".utf8)) }
        var other = header
        other.format = "zip"
        #expect(throws: KnowledgeBundleError.invalidHeader("format \"zip\"")) { try KnowledgeBundleFormat.parsePrefix(try file(other)) }
        var backwards = header
        backwards.since = header.until.addingTimeInterval(1)
        #expect(throws: KnowledgeBundleError.invalidHeader("since is after until")) { try KnowledgeBundleFormat.parsePrefix(try file(backwards)) }
        var negative = header
        negative.payloadSize = -1
        #expect(throws: KnowledgeBundleError.self) { try KnowledgeBundleFormat.parsePrefix(try file(negative)) }
    }

    @Test func payloadChecks() throws {
        let hash = String(repeating: "ab", count: 32)
        try KnowledgeBundleFormat.checkPayload(size: 5, sha256: hash.uppercased(), against: header)
        #expect(throws: KnowledgeBundleError.truncated(expected: 5, actual: 4)) {
            try KnowledgeBundleFormat.checkPayload(size: 4, sha256: hash, against: header)
        }
        #expect(throws: KnowledgeBundleError.payloadMismatch) { try KnowledgeBundleFormat.checkPayload(size: 6, sha256: hash, against: header) }
        #expect(throws: KnowledgeBundleError.payloadMismatch) {
            try KnowledgeBundleFormat.checkPayload(size: 5, sha256: String(repeating: "cd", count: 32), against: header)
        }
    }

    @Test func cursors() throws {
        #expect(try BundleCursor.parse("all") == nil)
        #expect(try BundleCursor.parse(" ALL ") == nil)
        #expect(try BundleCursor.parse("2025-01-31T00:00:00Z") == Date(timeIntervalSince1970: 1_738_281_600))
        #expect(try BundleCursor.parse("2025-01-31T07:00:00+07:00") == Date(timeIntervalSince1970: 1_738_281_600))
        #expect(try BundleCursor.parse("2025-01-31T00:00:00.250Z") == Date(timeIntervalSince1970: 1_738_281_600.25))
        for bad in ["", "yesterday", "2025-01-31", "2025-01-31T00:00:00", "2025-13-01T00:00:00Z"] {
            #expect(throws: KnowledgeBundleError.invalidCursor(bad)) { try BundleCursor.parse(bad) }
        }
        // The printed cursor parses back, truncated to the millisecond (never later than the instant).
        let instant = Date(timeIntervalSince1970: 1_738_281_600.123_9)
        let text = BundleCursor.format(instant)
        #expect(text == "2025-01-31T00:00:00.123Z")
        let back = try #require(try BundleCursor.parse(text))
        #expect(back <= instant)
    }

    @Test func itemsRoundTripAndUnknownKindsAreKept() throws {
        let record = CVERecord(id: "CVE-2017-5638", description: "Struts", published: Date(timeIntervalSince1970: 1_489_000_000.123),
                               weaknesses: ["CWE-20"], references: ["https://example.test/a"])
        let items: [KnowledgeBundleItem] = [
            .cve(record), .kev(catalog: "{\"vulnerabilities\":[]}"),
            .csaf(.init(trackingID: "T-1", publisher: "P", url: nil, signature: "verified", content: "{}")),
        ]
        for item in items {
            let line = try item.line()
            #expect(!line.contains(0x0A))
            #expect(try KnowledgeBundleItem.decode(line: line) == item)
        }
        #expect(try KnowledgeBundleItem.decode(line: Data("{\"kind\":\"epss\",\"epss\":{\"cve\":\"CVE-2017-5638\"}}".utf8)) == .unknown(kind: "epss"))
        #expect(throws: KnowledgeBundleError.self) { try KnowledgeBundleItem.decode(line: Data("{\"kind\":\"cve\"}".utf8)) }
        #expect(throws: KnowledgeBundleError.self) { try KnowledgeBundleItem.decode(line: Data("[1]".utf8)) }
    }

    @Test func errorsSayItInBothLanguages() {
        let errors: [KnowledgeBundleError] = [.notABundle, .unsigned, .noKeyConfigured, .badSignature(keyID: "k"), .payloadMismatch,
                                              .truncated(expected: 2, actual: 1), .invalidCursor("x"), .malformedSignature]
        for error in errors {
            #expect(!error.description.isEmpty && !error.vietnamese.isEmpty && error.description != error.vietnamese)
        }
    }
}
