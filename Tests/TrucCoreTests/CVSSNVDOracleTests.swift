import Foundation
import Testing
import TrucCore

/// Our scores against the ones NVD published, for every record of the shared NVD data
/// (`../shared/data/nvd` beside the repository; the tests are skipped when it is absent).
@Suite struct CVSSNVDOracleTests {
    static let nvdDirectory: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent() // TrucCoreTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // repository
        .deletingLastPathComponent() // its parent, which holds shared/
        .appendingPathComponent("shared/data/nvd")

    static let feed2017 = nvdDirectory.appendingPathComponent("nvdcve-1.1-2017.json.gz")
    static let records = nvdDirectory.appendingPathComponent("nvd2-records")

    /// Streams the items of the top-level array of a gzip-compressed JSON document shaped like an NVD 1.1 feed
    /// (`{"CVE_data_type": …, "CVE_Items": [{…}, {…}]}`): decompresses with the system's `gzip -dc`, cuts out
    /// each object nested directly in an array of the root object, and hands it to `body` parsed. Memory stays
    /// at one item, not the ~60 MB document.
    static func forEachFeedItem(in url: URL, _ body: ([String: Any]) throws -> Void) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var finished = false
        defer {
            // On an early exit gzip may be blocked writing to the pipe: stop it before waiting.
            if !finished { process.terminate() }
            process.waitUntilExit()
        }

        var depth = 0, inString = false, escaped = false
        var item = Data()
        var inItem = false
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
        let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
        while let chunk = try pipe.fileHandleForReading.read(upToCount: 1 << 20), !chunk.isEmpty {
            var completed: [Data] = []
            chunk.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                var itemStart = 0 // where the current item's bytes begin in this chunk
                for index in 0..<bytes.count {
                    let byte = bytes[index]
                    if inString {
                        if escaped { escaped = false } else if byte == backslash { escaped = true }
                        else if byte == quote { inString = false }
                    } else if byte == quote {
                        inString = true
                    } else if byte == openBrace || byte == openBracket {
                        if depth == 2, byte == openBrace {
                            inItem = true
                            itemStart = index
                            item = Data()
                        }
                        depth += 1
                    } else if byte == closeBrace || byte == closeBracket {
                        depth -= 1
                        if depth == 2, inItem {
                            inItem = false
                            item.append(contentsOf: bytes[itemStart...index])
                            completed.append(item)
                        }
                    }
                }
                if inItem { item.append(contentsOf: bytes[itemStart...]) }
            }
            for data in completed {
                try body(try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
            }
        }
        finished = true
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip -dc \(url.path) failed")
        try #require(depth == 0 && !inItem, "\(url.lastPathComponent) ended inside a JSON value")
    }

    /// The shared NVD 1.1 feeds and what they hold (see ../shared/data/nvd/PROVENANCE.md): CVE items, and items
    /// with a v3.0, v3.1 and v2 base score.
    static let feeds: [(file: String, items: Int, v30: Int, v31: Int, v2: Int)] = [
        ("nvdcve-1.1-2017.json.gz", 17_014, 12_559, 2_107, 14_497),
        ("nvdcve-1.1-2016.json.gz", 10_555, 7_742, 1_325, 9_219),
        ("nvdcve-1.1-modified.json.gz", 2_146, 1, 1_157, 77),
    ]

    /// NVD 1.1 feeds: `impact.baseMetricV3.cvssV3` and `impact.baseMetricV2.cvssV2` of every CVE item.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: feed2017.path),
                   "the NVD 1.1 feed ../shared/data/nvd/nvdcve-1.1-2017.json.gz is not present"),
          arguments: feeds.filter { FileManager.default.fileExists(atPath: nvdDirectory.appendingPathComponent($0.file).path) })
    func everyBaseScoreOfTheFeedMatchesNVD(feed: (file: String, items: Int, v30: Int, v31: Int, v2: Int)) throws {
        var items = 0
        var compared = ["2.0": 0, "3.0": 0, "3.1": 0]
        var mismatches: [String] = []
        try Self.forEachFeedItem(in: Self.nvdDirectory.appendingPathComponent(feed.file)) { item in
            items += 1
            let impact = item["impact"] as? [String: Any] ?? [:]
            let metrics = [
                (impact["baseMetricV3"] as? [String: Any])?["cvssV3"] as? [String: Any],
                (impact["baseMetricV2"] as? [String: Any])?["cvssV2"] as? [String: Any],
            ]
            for case let metric? in metrics {
                let vectorString = try #require(metric["vectorString"] as? String)
                let expected = try #require(metric["baseScore"] as? Double)
                let vector = try CVSSVector(parsing: vectorString)
                #expect(vector.version == metric["version"] as? String, "\(vectorString)")
                compared[vector.version, default: 0] += 1
                if vector.baseScore != expected {
                    mismatches.append("\(vectorString): NVD \(expected), computed \(vector.baseScore)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g. \(mismatches.prefix(10))")
        #expect(items == feed.items)
        #expect(compared == ["3.0": feed.v30, "3.1": feed.v31, "2.0": feed.v2])
        print("CVSS oracle: \(feed.file): \(items) CVE items; compared \(compared["3.0"]!) v3.0, "
            + "\(compared["3.1"]!) v3.1 and \(compared["2.0"]!) v2 base scores with NVD's; \(mismatches.count) mismatches")
    }

    /// NVD API 2.0 records: every `metrics.cvssMetricV40/V31/V30/V2[].cvssData`.
    /// For v4.0, NVD's `baseScore` is the score of the vector as written (CVSS-B, or -BT/-BE/-BTE).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: records.path),
                   "the NVD 2.0 records ../shared/data/nvd/nvd2-records are not present"))
    func everyScoreOfTheNVD2RecordsMatches() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.records, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        var compared: [String: Int] = [:]
        for file in files {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            let metrics = record["metrics"] as? [String: Any] ?? [:]
            for key in ["cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2"] {
                for entry in metrics[key] as? [[String: Any]] ?? [] {
                    let data = try #require(entry["cvssData"] as? [String: Any])
                    let vectorString = try #require(data["vectorString"] as? String)
                    let vector = try CVSSVector(parsing: vectorString)
                    #expect(vector.version == data["version"] as? String)
                    let computed = if case .v4(let v4) = vector { v4.score } else { vector.baseScore }
                    #expect(computed == data["baseScore"] as? Double, "\(file.lastPathComponent) \(vectorString)")
                    compared[key, default: 0] += 1
                }
            }
        }
        #expect(!files.isEmpty)
        print("CVSS oracle: \(files.count) NVD 2.0 records; compared \(compared.sorted { $0.key < $1.key })")
    }
}
