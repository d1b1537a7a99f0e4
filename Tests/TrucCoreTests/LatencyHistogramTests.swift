import Foundation
import Testing
@testable import TrucCore

@Suite struct LatencyHistogramTests {
    @Test func bucketsByUpperBound() {
        #expect(LatencyHistogram.upperBounds.count == 28)
        #expect(LatencyHistogram.bucketIndex(for: -5) == 0)
        #expect(LatencyHistogram.bucketIndex(for: 0) == 0)
        #expect(LatencyHistogram.bucketIndex(for: 1) == 0)
        #expect(LatencyHistogram.bucketIndex(for: 1.01) == 1)
        #expect(LatencyHistogram.bucketIndex(for: 100) == 11)
        #expect(LatencyHistogram.bucketIndex(for: 60_000) == 26)
        #expect(LatencyHistogram.bucketIndex(for: 60_001) == 27)
        #expect(LatencyHistogram.bucketIndex(for: .infinity) == 27)
    }

    @Test func percentiles() {
        var histogram = LatencyHistogram()
        #expect(histogram.percentile(50) == nil && histogram.count == 0 && histogram.isEmpty)
        for _ in 0..<90 { histogram.add(40) }      // bucket ≤ 50
        for _ in 0..<9 { histogram.add(180) }      // bucket ≤ 200
        histogram.add(2_500)                       // bucket ≤ 3000
        histogram.add(.nan)
        #expect(histogram.count == 100)
        #expect(histogram.percentile(0) == 50)
        #expect(histogram.median == 50)
        #expect(histogram.percentile(90) == 50)
        #expect(histogram.percentile(91) == 200)
        #expect(histogram.percentile(99) == 200)
        #expect(histogram.percentile(99.5) == 3_000)
        #expect(histogram.percentile(100) == 3_000)
        #expect(histogram.percentile(250) == 3_000)
        #expect(LatencyHistogram([90_000]).percentile(50) == 60_000)
    }

    @Test func mergeAddsCounts() {
        let a = LatencyHistogram([1, 5, 5, 300])
        let b = LatencyHistogram([5, 90_000])
        let merged = a.merging(b)
        #expect(merged.count == 6)
        #expect(merged == LatencyHistogram([1, 5, 5, 300, 5, 90_000]))
        var c = a
        c.merge(LatencyHistogram())
        #expect(c == a)
    }

    @Test func compactTextRoundTrips() throws {
        let histogram = LatencyHistogram([0.5, 4, 4, 6, 90_000])
        #expect(histogram.compactText == "0:1,3:2,4:1,27:1")
        #expect(LatencyHistogram(compactText: histogram.compactText) == histogram)
        #expect(LatencyHistogram(compactText: "") == LatencyHistogram())
        #expect(LatencyHistogram().compactText == "")
        #expect(LatencyHistogram(compactText: "4:1,0:2")?.compactText == "0:2,4:1")

        let data = try JSONEncoder().encode(["h": histogram])
        #expect(String(decoding: data, as: UTF8.self) == #"{"h":"0:1,3:2,4:1,27:1"}"#)
        #expect(try JSONDecoder().decode([String: LatencyHistogram].self, from: data)["h"] == histogram)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([String].self, from: Data(#"["x"]"#.utf8)).map {
            try JSONDecoder().decode(LatencyHistogram.self, from: Data("\"\($0)\"".utf8))
        } }
    }

    @Test func rejectsGarbage() {
        for text in ["x", "1", "1:", ":1", "1:0", "1:-1", "-1:1", "28:1", "1:2,1:3", "1:2,", ",1:2", "1:2;3:4",
                     " 1:2", "1:2 ", "1:2:3", "1:+2", "1:99999999999999999999"] {
            #expect(LatencyHistogram(compactText: text) == nil, "\(text)")
        }
    }
}
