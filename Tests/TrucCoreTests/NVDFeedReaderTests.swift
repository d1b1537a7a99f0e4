import Foundation
import Testing
import TrucCore

/// `NVDFeedReader` and the `CVERecord` decoders on the fixtures and, when present, the shared NVD data
/// (`../shared/data/nvd` beside the repository; those tests are skipped without it).
@Suite struct NVDFeedReaderTests {
    static let sharedNVD: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent() // TrucCoreTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // repository
        .deletingLastPathComponent() // its parent, which holds shared/
        .appendingPathComponent("shared/data/nvd")
    static let records20 = sharedNVD.appendingPathComponent("nvd2-records")
    static let hasSharedData = FileManager.default.fileExists(atPath: sharedNVD.path)

    // MARK: Helpers

    /// Reads `bytes` in chunks of `chunkSize`, returning every item and the reader (for its format).
    static func read(_ bytes: [UInt8], chunkSize: Int = 4096) throws(FeedError) -> ([NVDFeedReader.Item], NVDFeedReader) {
        var reader = NVDFeedReader()
        var items: [NVDFeedReader.Item] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunkSize)
            items += try reader.feed(Array(bytes[offset..<end]))
            offset = end
        }
        items += try reader.finish()
        return (items, reader)
    }

    static func records(_ items: [NVDFeedReader.Item]) -> [CVERecord] {
        items.compactMap { if case .record(let record) = $0 { record } else { nil } }
    }

    static func skipped(_ items: [NVDFeedReader.Item]) -> [NVDFeedReader.Skipped] {
        items.compactMap { if case .skipped(let skipped) = $0 { skipped } else { nil } }
    }

    static func fixtureBytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: NVDFixture.url(name)))
    }

    /// The decompressed bytes of a `.json.gz` feed (TrucCore has no gzip: the system's `gzip -dc` does it).
    static func gunzip(_ url: URL) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip -dc \(url.path) failed")
        return data
    }

    /// Streams `data` through a reader in 64 KiB chunks, as the importer does.
    static func readFeed(_ data: Data) throws -> ([CVERecord], [NVDFeedReader.Skipped], NVDFeedFormat?) {
        var reader = NVDFeedReader()
        var records: [CVERecord] = []
        var skipped: [NVDFeedReader.Skipped] = []
        func take(_ items: [NVDFeedReader.Item]) {
            for item in items {
                switch item {
                case .record(let record): records.append(record)
                case .skipped(let entry): skipped.append(entry)
                }
            }
        }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let end = min(offset + 65_536, buffer.count)
                take(try reader.feed(UnsafeRawBufferPointer(rebasing: buffer[offset..<end])))
                offset = end
            }
        }
        take(try reader.finish())
        return (records, skipped, reader.format)
    }

    /// How often `text` occurs in `data`.
    static func occurrences(of text: String, in data: Data) -> Int {
        let needle = Array(text.utf8)
        return data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var count = 0
            var index = 0
            while index + needle.count <= buffer.count {
                if buffer[index] == needle[0], buffer[index..<index + needle.count].elementsEqual(needle) {
                    count += 1
                    index += needle.count
                } else {
                    index += 1
                }
            }
            return count
        }
    }

    /// A fixture feed with its items changed by `edit` (JSON objects as Foundation sees them).
    static func editedFeed(_ name: String, key: String, _ edit: (inout [[String: Any]]) -> Void) throws -> [UInt8] {
        var root = try #require(try JSONSerialization.jsonObject(with: Data(fixtureBytes(name))) as? [String: Any])
        var items = try #require(root[key] as? [[String: Any]])
        edit(&items)
        root[key] = items
        return Array(try JSONSerialization.data(withJSONObject: root))
    }

    // MARK: Fixtures

    @Test(arguments: ["nvd11-cisco-ios.json", "nvd11-router-firmware-hardware.json", "nvd11-microsoft.json",
                      "nvd11-struts.json", "nvd2-records.json"])
    func fixtureConfigurationsMatchTheReferenceDecoder(file: String) throws {
        let expected = try NVDFixture.configurations(file)
        for chunkSize in [1, 13, 1 << 20] {
            let (items, reader) = try Self.read(try Self.fixtureBytes(file), chunkSize: chunkSize)
            #expect(reader.format == (file.hasPrefix("nvd2") ? .nvd20 : .nvd11))
            #expect(Self.skipped(items).isEmpty)
            let records = Self.records(items)
            #expect(records.count == expected.count)
            #expect(Set(records.map(\.id)) == Set(expected.keys))
            for record in records {
                #expect(record.configurations == expected[record.id], "\(record.id)")
                #expect(record.problems.isEmpty, "\(record.id): \(record.problems)")
            }
        }
    }

    @Test func nvd11RecordFields() throws {
        let (items, _) = try Self.read(try Self.fixtureBytes("nvd11-struts.json"))
        let record = try #require(Self.records(items).first)
        #expect(record.id == "CVE-2017-5638")
        #expect(record.description.hasPrefix("The Jakarta Multipart parser in Apache Struts 2"))
        #expect(record.published == Fixture.utc(2017, 3, 11, 2, 59))
        #expect(record.lastModified == Fixture.utc(2025, 2, 6, 22, 15))
        #expect(record.status == nil)
        #expect(record.weaknesses == ["CWE-755"])
        #expect(record.references.isEmpty) // the fixture dropped them
        #expect(record.metrics.map(\.version) == ["3.1", "2.0"])
        let v3 = try #require(record.primaryMetric)
        #expect(v3.vector == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
        #expect(v3.baseScore == 9.8 && v3.feedScore == 9.8 && v3.severity == .critical)
        #expect(v3.source == "nvd@nist.gov" && v3.primary)
        #expect(record.severity == .critical)
        let v2 = record.metrics[1]
        #expect(v2.vector == "AV:N/AC:L/Au:N/C:C/I:C/A:C" && v2.baseScore == 10.0 && v2.severity == .high)
        // Each top-level 1.1 node is one configuration; children are kept.
        #expect(record.configurations.count > 1)
        #expect(record.configurations.allSatisfy { $0.nodes.count == 1 })
        #expect(record.configurations.contains { !$0.nodes[0].children.isEmpty })
    }

    @Test func nvd20ResponseFields() throws {
        let (items, _) = try Self.read(try Self.fixtureBytes("nvd2-records.json"), chunkSize: 100)
        let records = Dictionary(uniqueKeysWithValues: Self.records(items).map { ($0.id, $0) })
        let palo = try #require(records["CVE-2024-3400"])
        #expect(palo.status == "Awaiting Analysis")
        #expect(palo.configurations.isEmpty)
        #expect(abs(try #require(palo.published).timeIntervalSince(Fixture.utc(2024, 4, 12, 8, 15, 6)) - 0.23) < 1e-6)
        #expect(palo.weaknesses == ["CWE-77"])
        #expect(palo.primaryMetric?.source == "psirt@paloaltonetworks.com")
        #expect(palo.primaryMetric?.primary == false)
        #expect(palo.severity == .critical)
        let tplink = try #require(records["CVE-2017-13772"])
        #expect(tplink.metrics.isEmpty && tplink.severity == nil && tplink.references.isEmpty)
        #expect(tplink.configurations.first?.operator == .and)
    }

    // MARK: Single API 2.0 record files (shared data)

    @Test(.enabled(if: hasSharedData, "needs ../shared/data/nvd"),
          arguments: ["CVE-2023-4966", "CVE-2024-21762", "CVE-2024-3400"])
    func singleRecordFilesDecode(id: String) throws {
        let bytes = Array(try Data(contentsOf: Self.records20.appendingPathComponent("\(id).json")))
        for chunkSize in [7, 1 << 20] {
            let (items, reader) = try Self.read(bytes, chunkSize: chunkSize)
            #expect(reader.format == .nvd20)
            let records = Self.records(items)
            #expect(records.map(\.id) == [id])
            #expect(records.first == (try CVERecord(nvd20Item: bytes)))
        }
        // The same record wrapped as an API response element decodes equal.
        let wrapped = Array(#"{"cve": "#.utf8) + bytes + Array("}".utf8)
        #expect(try CVERecord(nvd20Item: wrapped) == (try CVERecord(nvd20Item: bytes)))
        let (items, _) = try Self.read(wrapped, chunkSize: 64)
        #expect(Self.records(items).map(\.id) == [id])
    }

    @Test(.enabled(if: hasSharedData, "needs ../shared/data/nvd"))
    func citrixBleedRecord() throws {
        let bytes = Array(try Data(contentsOf: Self.records20.appendingPathComponent("CVE-2023-4966.json")))
        let record = try CVERecord(nvd20Item: bytes)
        #expect(record.status == "Analyzed")
        #expect(record.description.hasPrefix("Sensitive information disclosure\u{a0}in NetScaler ADC"))
        #expect(abs(try #require(record.published).timeIntervalSince(Fixture.utc(2023, 10, 10, 14, 15, 10)) - 0.977) < 1e-6)
        // NVD-CWE-noinfo is dropped; the five references hold three distinct URLs.
        #expect(record.weaknesses == ["CWE-119"])
        #expect(record.references.count == 3)
        #expect(record.metrics.count == 2)
        let primary = try #require(record.primaryMetric)
        #expect(primary.source == "nvd@nist.gov" && primary.primary && primary.baseScore == 7.5)
        #expect(record.severity == .high)
        #expect(record.metrics.first { !$0.primary }?.baseScore == 9.4)
        let criteria = record.configurations.flatMap(\.allCriteria)
        #expect(criteria.count == 9)
        #expect(criteria.first?.id == "492BEB4B-7A4B-47C2-93D1-2B0683AA3A20")
        #expect(criteria.first?.range?.description == ">= 12.1, < 12.1-55.300")
    }

    // MARK: Broken records are skipped, reading goes on

    @Test func recordWithoutIDIsSkipped() throws {
        let bytes = try Self.editedFeed("nvd11-struts.json", key: "CVE_Items") { items in
            var broken = items[0]
            var cve = broken["cve"] as! [String: Any]
            cve["CVE_data_meta"] = ["ASSIGNER": "cve@mitre.org"]
            broken["cve"] = cve
            items = [items[0], broken, items[0]]
        }
        let (items, _) = try Self.read(bytes, chunkSize: 333)
        #expect(items.count == 3)
        #expect(Self.records(items).map(\.id) == ["CVE-2017-5638", "CVE-2017-5638"])
        let skipped = try #require(Self.skipped(items).first)
        #expect(skipped.index == 1 && skipped.id == nil)
        #expect(skipped.reason.contains("CVE_data_meta.ID"))
    }

    @Test func recordWithConfigurationsOfTheWrongTypeIsSkipped() throws {
        let bytes = try Self.editedFeed("nvd11-cisco-ios.json", key: "CVE_Items") { items in
            items[0]["configurations"] = 5
        }
        let (items, _) = try Self.read(bytes, chunkSize: 100)
        #expect(items.count == 2)
        guard case .skipped(let skipped) = items[0] else { Issue.record("first item not skipped"); return }
        #expect(skipped == NVDFeedReader.Skipped(index: 0, id: "CVE-2017-3803", reason: skipped.reason))
        #expect(skipped.reason.hasPrefix("configurations"))
        #expect(Self.records(items).map(\.id) == ["CVE-2017-6736"])
    }

    @Test func nvd20ElementsThatAreBrokenAreSkipped() throws {
        let bytes = try Self.editedFeed("nvd2-records.json", key: "vulnerabilities") { items in
            var cve = items[1]["cve"] as! [String: Any]
            cve["id"] = "CVE-23-4966" // malformed id
            items[1]["cve"] = cve
            items.insert(["cve": 42], at: 0) // not an object
        }
        let (items, _) = try Self.read(bytes)
        let skipped = Self.skipped(items)
        #expect(skipped.map(\.index) == [0, 2])
        #expect(skipped[1].id == "CVE-23-4966")
        #expect(skipped[1].reason.contains("not a CVE id"))
        #expect(Self.records(items).map(\.id) == ["CVE-2024-3400", "CVE-2017-13772"])
    }

    @Test func invalidCPEAndVectorAreDroppedButTheRecordKept() throws {
        let bytes = try Self.editedFeed("nvd11-struts.json", key: "CVE_Items") { items in
            var configurations = items[0]["configurations"] as! [String: Any]
            var nodes = configurations["nodes"] as! [[String: Any]]
            var matches = nodes[0]["cpe_match"] as! [[String: Any]]
            matches[0]["cpe23Uri"] = "cpe:2.3:a:apache:struts" // too few components
            nodes[0]["cpe_match"] = matches
            configurations["nodes"] = nodes
            items[0]["configurations"] = configurations
            items[0]["impact"] = ["baseMetricV3": ["cvssV3": ["vectorString": "CVSS:3.1/AV:X", "baseScore": 1.0]]]
        }
        let (items, _) = try Self.read(bytes)
        let record = try #require(Self.records(items).first)
        let original = try #require(try NVDFixture.configurations("nvd11-struts.json")["CVE-2017-5638"])
        #expect(record.configurations.flatMap(\.allCriteria).count == original.flatMap(\.allCriteria).count - 1)
        #expect(record.metrics.isEmpty)
        #expect(record.problems.count == 2)
        #expect(record.problems.contains { $0.hasPrefix("CPE match \"cpe:2.3:a:apache:struts\" dropped") })
        #expect(record.problems.contains { $0.hasPrefix("CVSS vector \"CVSS:3.1/AV:X\" dropped") })
    }

    // MARK: Documents that are not feeds

    @Test func truncatedFeedThrows() throws {
        let bytes = try Self.fixtureBytes("nvd11-microsoft.json")
        let cut = Array(bytes.prefix(bytes.count / 2))
        #expect(throws: FeedError.truncated(offset: cut.count)) { _ = try Self.read(cut, chunkSize: 50) }
    }

    @Test func brokenJSONThrowsWithItsOffset() throws {
        var bytes = try Self.fixtureBytes("nvd11-microsoft.json")
        let position = bytes.firstIndex(of: UInt8(ascii: ":"))!
        bytes[position] = UInt8(ascii: ";")
        #expect(throws: FeedError.malformedJSON(offset: position, syntax: .expectedColon)) {
            _ = try Self.read(bytes)
        }
    }

    @Test(arguments: [#"{"resultsPerPage": 0, "format": "NVD_CVE"}"#, "{}", #"{"cve": {"data": 1}}"#])
    func objectThatIsNeitherFeedNorRecordThrows(text: String) throws {
        do {
            _ = try Self.read(Array(text.utf8))
            Issue.record("no error")
        } catch {
            guard case .unknownFormat(let detail) = error else { Issue.record("\(error)"); return }
            #expect(!detail.isEmpty)
            #expect(error.vietnamese.hasPrefix("Không nhận ra định dạng"))
        }
    }

    @Test func emptyVulnerabilitiesArrayGivesNoRecord() throws {
        let (items, reader) = try Self.read(Array(#"{"resultsPerPage": 0, "vulnerabilities": []}"#.utf8))
        #expect(items.isEmpty)
        #expect(reader.format == .nvd20)
    }

    // MARK: Records

    @Test func primaryMetricPrefersHigherVersionThenPrimary() throws {
        var record = CVERecord(id: "CVE-2024-0001", metrics: [
            try CVSSMetric(vector: "AV:N/AC:L/Au:N/C:P/I:P/A:P"),
            try CVSSMetric(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", source: "cna", primary: false),
            try CVSSMetric(vector: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", source: "nvd@nist.gov"),
            try CVSSMetric(vector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", source: "nvd@nist.gov"),
        ])
        #expect(record.primaryMetric?.vector == "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N")
        #expect(record.primaryMetric?.baseScore == 5.9)
        #expect(record.severity == .medium)
        record.metrics.append(try CVSSMetric(vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N",
                                             primary: false))
        #expect(record.primaryMetric?.version == "4.0")
        #expect(CVERecord(id: "CVE-2024-0002").primaryMetric == nil)
    }

    @Test func recordCodableRoundTripIgnoresProblems() throws {
        let (items, _) = try Self.read(try Self.fixtureBytes("nvd11-struts.json"))
        var record = try #require(Self.records(items).first)
        record.problems = ["something"]
        let data = try JSONEncoder().encode(record)
        #expect(!String(decoding: data, as: UTF8.self).contains("problems"))
        let decoded = try JSONDecoder().decode(CVERecord.self, from: data)
        #expect(decoded == record)
        #expect(decoded.problems.isEmpty)
        #expect(decoded.hashValue == record.hashValue)
    }

    @Test(arguments: ["CVE-2017-0144", "CVE-2021-44228", "CVE-2024-123456"])
    func validIDs(id: String) { #expect(CVERecord.isValidID(id)) }

    @Test(arguments: ["", "CVE-2017-014", "cve-2017-0144", "CVE-17-0144", "CVE-2017-01a4", "CVE-2017-0144 "])
    func invalidIDs(id: String) { #expect(!CVERecord.isValidID(id)) }

    // MARK: Compact configuration JSON

    @Test func criterionEncodesWithShortKeys() throws {
        let criterion = try CPEMatchCriterion(criteria: "cpe:2.3:a:apache:struts:*:*:*:*:*:*:*:*",
                                              versionStartIncluding: "2.5.0", versionEndExcluding: "2.5.10.1",
                                              id: "ABC")
        let configuration = CPEConfiguration(.and, nodes: [
            CPEConfiguration.Node(criteria: [criterion]),
            CPEConfiguration.Node(negate: true, criteria: [try CPEMatchCriterion(
                criteria: "cpe:2.3:h:tp-link:wr940n:4:*:*:*:*:*:*:*", vulnerable: false)]),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(configuration), as: UTF8.self)
        #expect(json == #"{"nodes":[{"c":[{"cpe":"cpe:2.3:a:apache:struts:*:*:*:*:*:*:*:*","ee":"2.5.10.1","id":"ABC","#
            + #""si":"2.5.0","v":true}]},{"c":[{"cpe":"cpe:2.3:h:tp-link:wr940n:4:*:*:*:*:*:*:*","v":false}],"neg":true}],"#
            + #""op":"AND"}"#)
        #expect(try JSONDecoder().decode(CPEConfiguration.self, from: Data(json.utf8)) == configuration)
    }

    @Test(arguments: ["nvd11-cisco-ios.json", "nvd11-router-firmware-hardware.json", "nvd11-microsoft.json",
                      "nvd11-struts.json", "nvd2-records.json"])
    func fixtureConfigurationsRoundTrip(file: String) throws {
        for (id, configurations) in try NVDFixture.configurations(file) {
            let decoded = try JSONDecoder().decode([CPEConfiguration].self, from: JSONEncoder().encode(configurations))
            #expect(decoded == configurations, "\(id)")
        }
    }

    // MARK: Whole shared 1.1 feeds

    @Test(.enabled(if: hasSharedData, "needs ../shared/data/nvd"),
          arguments: [("nvdcve-1.1-2016.json.gz", 10555), ("nvdcve-1.1-2017.json.gz", 17014),
                      ("nvdcve-1.1-modified.json.gz", 2146)])
    func wholeFeed(file: String, count: Int) throws {
        let data = try Self.gunzip(Self.sharedNVD.appendingPathComponent(file))
        let (records, skipped, format) = try Self.readFeed(data)
        #expect(format == .nvd11)
        #expect(records.count == count)
        #expect(skipped.isEmpty, "\(skipped.prefix(3))")
        #expect(Set(records.map(\.id)).count == count)
        // Every CVSS block of the feed gave a metric (records not analysed yet or rejected have none).
        let blocks = Self.occurrences(of: #""cvssV3" : {"#, in: data) + Self.occurrences(of: #""cvssV2" : {"#, in: data)
        #expect(records.reduce(0) { $0 + $1.metrics.count } == blocks)
        #expect(records.filter { !$0.metrics.isEmpty }.count > count / 2)
        var v3 = 0
        for record in records {
            for metric in record.metrics where metric.version.hasPrefix("3.") {
                v3 += 1
                #expect(metric.baseScore == metric.feedScore, "\(record.id) \(metric.vector)")
            }
            #expect(record.published != nil && record.lastModified != nil, "\(record.id)")
        }
        #expect(v3 > count / 2)
        #expect(records.contains { !$0.configurations.isEmpty })
        #expect(records.allSatisfy { $0.problems.isEmpty }, "\(records.first { !$0.problems.isEmpty }?.problems ?? [])")
    }

    @Test(.enabled(if: hasSharedData, "needs ../shared/data/nvd"))
    func everyConfigurationOf2017RoundTripsThroughCompactJSON() throws {
        let data = try Self.gunzip(Self.sharedNVD.appendingPathComponent("nvdcve-1.1-2017.json.gz"))
        let (records, _, _) = try Self.readFeed(data)
        let encoder = JSONEncoder()
        let decoder = JSONDecoder()
        var configurations = 0
        for record in records where !record.configurations.isEmpty {
            configurations += record.configurations.count
            let decoded = try decoder.decode([CPEConfiguration].self, from: encoder.encode(record.configurations))
            #expect(decoded == record.configurations, "\(record.id)")
        }
        #expect(configurations > 10_000)
        // Eternal Blue, as the 1.1 feed describes it.
        let eternalBlue = try #require(records.first { $0.id == "CVE-2017-0144" })
        #expect(eternalBlue.configurations.flatMap(\.allCriteria).contains {
            $0.criteria.formattedString == "cpe:2.3:o:microsoft:windows_7:-:sp1:*:*:*:*:*:*"
        })
    }
}
