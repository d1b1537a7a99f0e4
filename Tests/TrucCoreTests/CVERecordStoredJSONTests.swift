import Foundation
import Testing
import TrucCore

/// `CVERecord.storedJSON` and its parts must be byte for byte what `JSONEncoder` wrote before them (sorted keys,
/// slashes unescaped, ISO 8601 dates), or every stored content hash would read as changed after an upgrade.
@Suite struct CVERecordStoredJSONTests {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func expectSameBytes(_ record: CVERecord, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(String(decoding: record.storedJSON, as: UTF8.self) == (try encoded(record)), "\(record.id)",
                sourceLocation: sourceLocation)
        #expect(CVERecord.storedJSON(record.metrics) == (try encoded(record.metrics)), "\(record.id) metrics",
                sourceLocation: sourceLocation)
        #expect(CVERecord.storedJSON(record.configurations) == (try encoded(record.configurations)),
                "\(record.id) configurations", sourceLocation: sourceLocation)
    }

    @Test func everyFixtureRecordIsWrittenAsJSONEncoderWritesIt() throws {
        var count = 0
        for name in ["nvd11-cisco-ios.json", "nvd11-router-firmware-hardware.json", "nvd11-microsoft.json",
                     "nvd11-struts.json", "nvd2-records.json"] {
            let (items, _) = try NVDFeedReaderTests.read(try NVDFeedReaderTests.fixtureBytes(name))
            for record in NVDFeedReaderTests.records(items) {
                try Self.expectSameBytes(record)
                count += 1
            }
        }
        #expect(count >= 10)
    }

    @Test(.enabled(if: NVDFeedReaderTests.hasSharedData, "needs ../shared/data/nvd"),
          arguments: ["nvdcve-1.1-2016.json.gz", "nvdcve-1.1-2017.json.gz", "nvdcve-1.1-modified.json.gz"])
    func everySharedNVDRecordIsWrittenAsJSONEncoderWritesIt(file: String) throws {
        let data = try NVDFeedReaderTests.gunzip(NVDFeedReaderTests.sharedNVD.appendingPathComponent(file))
        let (records, _, _) = try NVDFeedReaderTests.readFeed(data)
        #expect(records.count > 1000)
        var differing: [String] = []
        for record in records {
            let mine = String(decoding: record.storedJSON, as: UTF8.self)
            let theirs = try Self.encoded(record)
            let theirConfigurations = try Self.encoded(record.configurations)
            if mine != theirs || CVERecord.storedJSON(record.configurations) != theirConfigurations {
                differing.append(record.id)
            }
        }
        #expect(differing.isEmpty, "\(differing.count) differ, first \(differing.prefix(5))")
    }

    @Test func escapesNumbersAndDatesAsJSONEncoder() throws {
        var text = ""
        for scalar in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        text += "\u{7F}\u{2028}\u{2029} / \" \\ Tiếng Việt 😀 <script>"
        let name = try CPEName(parsing: "cpe:2.3:a:vendor\\:x:product\\/y:1.0:*:*:*:*:*:*:*")
        let criterion = CPEMatchCriterion(criteria: name, vulnerable: false,
                                          range: VersionRange(start: .excluding(VendorVersion("1\"0")),
                                                              end: .including(VendorVersion("2/0"))), id: "A\nB")
        let nested = CPEConfiguration.Node(.and, negate: true, criteria: [criterion],
                                           children: [CPEConfiguration.Node(.or, negate: false, criteria: [criterion], children: [])])
        for (published, modified) in [(1_700_000_000.9996, -1.5), (0, 10_000_000_000), (951_782_400, 4_107_542_399.999)] {
            var record = CVERecord(id: "CVE-2024-12345", description: text,
                                   published: Date(timeIntervalSince1970: published),
                                   lastModified: Date(timeIntervalSince1970: modified), status: text,
                                   weaknesses: ["CWE-79", text], references: ["https://example.org/a?b=c&d=\"e\"", text],
                                   configurations: [CPEConfiguration(.and, negate: true, nodes: [nested]),
                                                    CPEConfiguration(.or, negate: false, nodes: [])])
            var metric = try CVSSMetric(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", source: text, primary: false,
                                        feedScore: 9.8)
            record.metrics.append(metric)
            metric.feedScore = nil
            metric.source = nil
            record.metrics.append(metric)
            record.metrics.append(try CVSSMetric(vector: "AV:N/AC:L/Au:N/C:P/I:P/A:P", feedScore: 7.5))
            record.metrics.append(try CVSSMetric(vector: "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L", feedScore: 0.1 + 0.2))
            try Self.expectSameBytes(record)
            try Self.expectSameBytes(CVERecord(id: "CVE-2024-0001"))
        }
    }

    @Test func writtenJSONDecodesToTheSameRecord() throws {
        let (items, _) = try NVDFeedReaderTests.read(try NVDFeedReaderTests.fixtureBytes("nvd2-records.json"))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        for record in NVDFeedReaderTests.records(items) {
            let back = try decoder.decode(CVERecord.self, from: Data(record.storedJSON))
            #expect(back.configurations == record.configurations)
            #expect(back.metrics == record.metrics)
            #expect(back.id == record.id && back.references == record.references && back.weaknesses == record.weaknesses)
        }
    }
}
