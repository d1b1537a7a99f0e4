import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import TrucCore

/// Parses a document and counts elements, keeping the text of each `title`.
private final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var titles: [String] = []
    var attributes: [String: [[String: String]]] = [:]
    private var inTitle = false
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        counts[name, default: 0] += 1
        self.attributes[name, default: []].append(attributes)
        if name == "title" { inTitle = true; text = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inTitle { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title" { inTitle = false; titles.append(text) }
    }

    static func parse(_ svg: String) -> ElementCounter? {
        let counter = ElementCounter()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = counter
        return parser.parse() ? counter : nil
    }
}

@Suite struct SVGChartTests {
    private let from = Date(timeIntervalSince1970: 1_800_000_000)  // 08:00 UTC, 15:00 in Hanoi
    private let hanoi = TimeZone(secondsFromGMT: 7 * 3_600)!

    private func point(_ minutes: Double, _ ms: Double?, _ outcome: ProbeOutcome = .up) -> LatencyPoint {
        LatencyPoint(at: from.addingTimeInterval(minutes * 60), ms: ms, outcome: outcome)
    }

    @Test func latencyLineIsWellFormedAndAccessible() throws {
        let points = [point(0, 120), point(10, 180), point(20, nil, .down), point(30, 95), point(40, 410),
                      point(50, 20, .down), point(55, nil, .down), point(58, 33)]
        let svg = SVGChart.latencyLine(points: points, from: from, to: from.addingTimeInterval(3_600), width: 600,
                                       height: 160, title: "Độ trễ <Cổng> & \"API\"", timeZone: hanoi)
        let parsed = try #require(ElementCounter.parse(svg))
        #expect(parsed.counts["svg"] == 1)
        #expect(parsed.attributes["svg"]?.first?["role"] == "img")
        #expect(parsed.attributes["svg"]?.first?["aria-label"] == "Độ trễ <Cổng> & \"API\"")
        #expect(parsed.titles == ["Độ trễ <Cổng> & \"API\""])
        #expect(svg.contains("&lt;Cổng&gt; &amp; &quot;API&quot;"))
        #expect(!svg.contains("<script"))
        #expect(parsed.counts["g", default: 0] <= 1)
        // Max 410 ms → axis to 500 ms, gridlines 0, 250, 500.
        #expect(svg.contains(">0 ms<") && svg.contains(">250 ms<") && svg.contains(">500 ms<"))
        // Times in Hanoi.
        #expect(svg.contains(">15:00<") && svg.contains(">16:00<"))
        // Line in three runs: 2 points, 2 points, a lone point drawn as a dot.
        let paths = parsed.attributes["path"] ?? []
        let line = try #require(paths.first { $0["stroke"] == SVGChart.lineColor }?["d"])
        #expect(line.filter { $0 == "M" }.count == 3)
        #expect(line.hasSuffix("h0"))
        // Three down markers.
        let downs = try #require(paths.first { $0["stroke"] == SVGChart.downColor }?["d"])
        #expect(downs.components(separatedBy: "h0").count - 1 == 3)
        // Coordinates have at most one decimal.
        let numbers = line.split(whereSeparator: { "MLh ".contains($0) })
        #expect(numbers.allSatisfy { $0.split(separator: ".").dropFirst().first.map { $0.count <= 1 } ?? true })
    }

    @Test func latencyLineSpanningDaysAndEmpty() throws {
        let svg = SVGChart.latencyLine(points: [], from: from, to: from.addingTimeInterval(3 * 86_400), width: 300,
                                       height: 100, title: "Trống", timeZone: hanoi)
        #expect(ElementCounter.parse(svg) != nil)
        #expect(svg.contains(">15/01 15:00<") && svg.contains(">18/01 15:00<"))
        #expect(svg.contains(">100 ms<"))
        #expect(!svg.contains(SVGChart.lineColor))
    }

    @Test func niceCeiling() {
        #expect(SVGChart.niceCeiling(410) == 500)
        #expect(SVGChart.niceCeiling(500) == 500)
        #expect(SVGChart.niceCeiling(501) == 1_000)
        #expect(SVGChart.niceCeiling(1_001) == 2_000)
        #expect(SVGChart.niceCeiling(0.3) == 0.5)
        #expect(SVGChart.niceCeiling(0) == 100)
        #expect(SVGChart.number(12.345) == "12.3" && SVGChart.number(-0.04) == "0" && SVGChart.number(7) == "7")
        #expect(SVGChart.number(0.25, decimals: 2) == "0.25" && SVGChart.number(-3.06) == "-3.1")
    }

    @Test func uptimeBars() throws {
        let calendar = Calendar.gregorian(in: hanoi)
        let first = calendar.startOfDay(for: from)
        let percents: [Double?] = [100, 99.95, 99.5, 97, 80, nil, 99.9]
        let days = percents.enumerated().map {
            DailyUptime(day: calendar.date(byAdding: .day, value: $0.offset, to: first)!, percent: $0.element)
        }
        let svg = SVGChart.uptimeBars(days: days, width: 700, height: 30, title: "Uptime 7 ngày <test>", timeZone: hanoi)
        let parsed = try #require(ElementCounter.parse(svg))
        #expect(parsed.counts["rect"] == 7)
        #expect(parsed.titles.first == "Uptime 7 ngày <test>")
        #expect(Array(parsed.titles.dropFirst()) == ["2027-01-15: 100%", "2027-01-16: 99.95%", "2027-01-17: 99.5%",
                                                     "2027-01-18: 97%", "2027-01-19: 80%", "2027-01-20: —",
                                                     "2027-01-21: 99.9%"])
        #expect(parsed.attributes["rect"]?.map { $0["fill"] ?? "" } == [
            "#2e7d32", "#2e7d32", "#c0ca33", "#fb8c00", "#d32f2f", "#bdbdbd", "#2e7d32",
        ])
        let custom = SVGChart.uptimeBars(days: Array(days.prefix(2)), width: 100, height: 20, title: "t",
                                         labelFor: { "Ngày <\($0.percent ?? 0)>" })
        let customParsed = try #require(ElementCounter.parse(custom))
        #expect(customParsed.titles.dropFirst().first == "Ngày <100.0>")
        let empty = try #require(ElementCounter.parse(SVGChart.uptimeBars(days: [], width: 100, height: 20, title: "t")))
        #expect(empty.counts["rect"] == nil)
    }

    @Test func escapeDropsInvalidCharacters() throws {
        #expect(SVGChart.escape("a\u{1}b'c") == "ab&apos;c")
        let svg = SVGChart.uptimeBars(days: [], width: 10, height: 10, title: "bad\u{0}\u{7}title")
        #expect(ElementCounter.parse(svg)?.titles == ["badtitle"])
    }
}
