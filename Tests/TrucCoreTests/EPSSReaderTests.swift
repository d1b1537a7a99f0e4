import Foundation
import Testing
import TrucCore

/// FIRST's EPSS file, fed whole and in chunks of every size.
@Suite struct EPSSReaderTests {
    static let text = """
        #model_version:v2025.03.14,score_date:2025-03-17T00:00:00+0000
        cve,epss,percentile
        CVE-2024-3400,0.94432,0.99981
        CVE-2021-44228,0.94358,0.99960
        not-a-cve,0.1,0.2
        CVE-2023-4966,1.5,0.9
        CVE-2023-4967,0.2
        cve-2019-0708,0.94467,0.99990
        CVE-2020-1472,abc,0.5
        CVE-2022-0001,0.00043,-0.1

        CVE-2022-0002,4.3e-4,0.11
        """

    static func read(_ text: String, chunk: Int) throws -> (EPSSReader, [EPSSReader.Item]) {
        var reader = EPSSReader()
        var items: [EPSSReader.Item] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            items += try reader.feed(Array(bytes[start..<end]))
            start = end
        }
        items += try reader.finish()
        return (reader, items)
    }

    @Test(arguments: [1, 2, 3, 7, 31, 64, 1 << 20])
    func readsInChunksOfAnySize(chunk: Int) throws {
        let (reader, items) = try Self.read(Self.text, chunk: chunk)
        #expect(reader.modelVersion == "v2025.03.14")
        #expect(reader.scoreDate == LocalDay(year: 2025, month: 3, day: 17))
        #expect(reader.headerSeen)
        let scores = items.compactMap { if case .score(let score) = $0 { score } else { nil } }
        let skipped = items.compactMap { if case .skipped(let skipped) = $0 { skipped } else { nil } }
        #expect(scores == [
            EPSSScore(cveID: "CVE-2024-3400", score: 0.94432, percentile: 0.99981),
            EPSSScore(cveID: "CVE-2021-44228", score: 0.94358, percentile: 0.99960),
            EPSSScore(cveID: "CVE-2019-0708", score: 0.94467, percentile: 0.99990),
            EPSSScore(cveID: "CVE-2022-0002", score: 0.00043, percentile: 0.11),
        ])
        #expect(skipped.map(\.line) == [5, 6, 7, 9, 10])
        #expect(skipped[0].reason == "\"not-a-cve\" is not a CVE id")
        #expect(skipped[1].reason == "CVE-2023-4966: EPSS score \"1.5\" is not a number between 0 and 1")
        #expect(skipped[2].reason == "expected 3 columns (cve,epss,percentile), found 2")
        #expect(skipped[3].reason.contains("\"abc\""))
        #expect(skipped[4].reason == "CVE-2022-0001: percentile \"-0.1\" is not a number between 0 and 1")
    }

    @Test func crlfBomAndNoComment() throws {
        let text = "\u{FEFF}CVE,EPSS,Percentile\r\nCVE-2024-3400,0.9,0.99\r\n"
        let (reader, items) = try Self.read(text, chunk: 5)
        #expect(reader.modelVersion == nil && reader.scoreDate == nil)
        #expect(items == [.score(EPSSScore(cveID: "CVE-2024-3400", score: 0.9, percentile: 0.99))])
    }

    @Test func missingHeaderIsAnError() {
        #expect(throws: EPSSFileError.missingHeader(line: 2, found: "CVE-2024-3400,0.9,0.99")) {
            try Self.read("#model_version:v1\nCVE-2024-3400,0.9,0.99\n", chunk: 4)
        }
        #expect(throws: EPSSFileError.missingHeader(line: 1, found: nil)) {
            try Self.read("#model_version:v1\n", chunk: 100)
        }
        #expect(throws: EPSSFileError.missingHeader(line: 0, found: nil)) { try Self.read("", chunk: 100) }
        #expect(throws: EPSSFileError.missingHeader(line: 1, found: "{\"vulnerabilities\": []}")) {
            try Self.read("{\"vulnerabilities\": []}", chunk: 3)
        }
        let error = EPSSFileError.missingHeader(line: 1, found: "x")
        #expect(error.english.contains("cve,epss,percentile"))
        #expect(error.vietnamese.contains("tiêu đề"))
    }

    @Test func longLineIsAnError() {
        let long = "cve,epss,percentile\n" + String(repeating: "9", count: EPSSReader.maxLineLength + 10)
        #expect(throws: EPSSFileError.lineTooLong(line: 2)) { try Self.read(long, chunk: 1000) }
        #expect(throws: EPSSFileError.lineTooLong(line: 2)) { try Self.read(long + "\n", chunk: 1 << 20) }
    }

    @Test func manyRowsStreamed() throws {
        var reader = EPSSReader()
        _ = try reader.feed(Array("#model_version:v2023.03.01,score_date:2024-01-02T00:00:00+0000\ncve,epss,percentile\n".utf8))
        var count = 0
        for block in 0..<20 {
            var text = ""
            for row in 0..<1000 { text += "CVE-2024-\(10000 + block * 1000 + row),0.0\(row % 10),0.5\n" }
            count += try reader.feed(Array(text.utf8)).count
        }
        count += try reader.finish().count
        #expect(count == 20_000)
        #expect(reader.lineCount == 20_002)
        #expect(reader.scoreDate?.description == "2024-01-02")
    }
}

@Suite struct CRC32Tests {
    @Test func knownValues() {
        var crc = CRC32()
        #expect(crc.value == 0)
        crc.update(Array("123456789".utf8))
        #expect(crc.value == 0xCBF4_3926)
        var split = CRC32()
        split.update(Array("1234".utf8))
        split.update(Array("56789".utf8))
        #expect(split.value == 0xCBF4_3926)
    }
}
