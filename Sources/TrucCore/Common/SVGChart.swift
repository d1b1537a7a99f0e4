import Foundation

/// Small inline SVG charts for monitor pages: no JavaScript, no external resources, text escaped,
/// `role="img"` with a `<title>` for screen readers, coordinates rounded to one decimal.
public enum SVGChart {
    /// Colours, readable on a white background.
    public static let lineColor = "#1565c0"
    public static let downColor = "#d32f2f"
    public static let gridColor = "#e0e0e0"
    public static let textColor = "#616161"

    /// A latency line over `from…to`: one polyline per run of answered checks (a gap where `ms` is nil), a red dot
    /// for each down check (on the line when it has a latency, on the x axis otherwise), the y axis from 0 to a
    /// nice round maximum (1, 2 or 5 × 10ⁿ ms, at least the slowest point) with three labelled gridlines (0, half,
    /// maximum), and the start and end times ("HH:mm", "dd/MM HH:mm" when the period is a day or more) in `timeZone`.
    /// Points outside `from…to` are left out.
    public static func latencyLine(points: [LatencyPoint], from: Date, to: Date, width: Int, height: Int,
                                   title: String, timeZone: TimeZone) -> String {
        let left = 52.0, right = 8.0, top = 8.0, bottom = 20.0
        let plotWidth = max(Double(width) - left - right, 1)
        let plotHeight = max(Double(height) - top - bottom, 1)
        let span = max(to.timeIntervalSince(from), 1)
        let visible = points.filter { $0.at >= from && $0.at <= to }.sorted { $0.at < $1.at }
        let slowest = visible.compactMap(\.ms).filter { $0.isFinite }.max() ?? 0
        let yMax = niceCeiling(max(slowest, 0))

        func x(_ date: Date) -> Double { left + date.timeIntervalSince(from) / span * plotWidth }
        func y(_ ms: Double) -> Double { top + plotHeight - min(max(ms, 0), yMax) / yMax * plotHeight }

        var svg = header(width: width, height: height, title: title)
        // Gridlines and their labels.
        var grid = ""
        var labels = ""
        for value in [0, yMax / 2, yMax] {
            let lineY = number(y(value))
            grid += "M\(number(left)) \(lineY)H\(number(left + plotWidth))"
            labels += "<text x=\"\(number(left - 4))\" y=\"\(number(y(value) + 3.5))\" text-anchor=\"end\">"
                + "\(number(value, decimals: 2)) ms</text>"
        }
        svg += "<path d=\"\(grid)\" stroke=\"\(gridColor)\" stroke-width=\"1\" fill=\"none\"/>"
        svg += "<g fill=\"\(textColor)\">\(labels)"
        let timeY = number(Double(height) - 5)
        svg += "<text x=\"\(number(left))\" y=\"\(timeY)\">\(timeLabel(from, span: span, timeZone: timeZone))</text>"
        svg += "<text x=\"\(number(left + plotWidth))\" y=\"\(timeY)\" text-anchor=\"end\">"
            + "\(timeLabel(to, span: span, timeZone: timeZone))</text></g>"

        // The line, broken where a check had no latency.
        var line = ""
        var segmentLength = 0
        for point in visible {
            guard let ms = point.ms, ms.isFinite else {
                if segmentLength == 1 { line += "h0" }
                segmentLength = 0
                continue
            }
            line += (segmentLength == 0 ? "M" : "L") + "\(number(x(point.at))) \(number(y(ms)))"
            segmentLength += 1
        }
        if segmentLength == 1 { line += "h0" }
        if !line.isEmpty {
            svg += "<path d=\"\(line)\" stroke=\"\(lineColor)\" stroke-width=\"1.5\" fill=\"none\" "
                + "stroke-linejoin=\"round\" stroke-linecap=\"round\"/>"
        }

        // Down checks as red dots (zero-length strokes with round caps).
        let downs = visible.filter { $0.outcome == .down }
            .map { "M\(number(x($0.at))) \(number(y($0.ms.flatMap { $0.isFinite ? $0 : nil } ?? 0)))h0" }
            .joined()
        if !downs.isEmpty {
            svg += "<path d=\"\(downs)\" stroke=\"\(downColor)\" stroke-width=\"5\" stroke-linecap=\"round\" fill=\"none\"/>"
        }
        return svg + "</svg>"
    }

    /// One bar per day, all the same height, coloured by uptime (`color(forPercent:)`), each with a `<title>`
    /// tooltip: `labelFor(day)`, by default "2026-11-20: 99.95%" (the day in `timeZone`, the percentage as
    /// `UptimeMath.percentText`) or "2026-11-20: —" for a day without checks.
    public static func uptimeBars(days: [DailyUptime], width: Int, height: Int, title: String,
                                  timeZone: TimeZone = TimeZone(identifier: "UTC")!,
                                  labelFor: ((DailyUptime) -> String)? = nil) -> String {
        var svg = header(width: width, height: height, title: title)
        guard !days.isEmpty else { return svg + "</svg>" }
        let calendar = Calendar.gregorian(in: timeZone)
        func defaultLabel(_ day: DailyUptime) -> String {
            let parts = calendar.dateComponents([.year, .month, .day], from: day.day)
            let date = "\((parts.year ?? 0).zeroPadded(4))-\((parts.month ?? 0).zeroPadded(2))-\((parts.day ?? 0).zeroPadded(2))"
            return "\(date): " + (day.percent.map(UptimeMath.percentText) ?? "—")
        }
        let count = Double(days.count)
        let gap = days.count > 1 ? min(2, Double(width) / count / 4) : 0
        let barWidth = max((Double(width) - gap * (count - 1)) / count, 0.1)
        for (index, day) in days.enumerated() {
            let label = labelFor?(day) ?? defaultLabel(day)
            svg += "<rect x=\"\(number(Double(index) * (barWidth + gap)))\" y=\"0\" width=\"\(number(barWidth))\" "
                + "height=\"\(height)\" rx=\"1\" fill=\"\(color(forPercent: day.percent))\"><title>\(escape(label))</title></rect>"
        }
        return svg + "</svg>"
    }

    /// The bar colour of an uptime: green from 99.9 %, yellow-green from 99 %, orange from 95 %, red below,
    /// grey without data.
    public static func color(forPercent percent: Double?) -> String {
        guard let percent else { return "#bdbdbd" }
        if percent >= 99.9 { return "#2e7d32" }
        if percent >= 99 { return "#c0ca33" }
        if percent >= 95 { return "#fb8c00" }
        return "#d32f2f"
    }

    /// The smallest of 1, 2 or 5 × 10ⁿ at least `value` (100 when `value` is 0).
    public static func niceCeiling(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 100 }
        let power = pow(10, (log10(value)).rounded(.down))
        for step in [1.0, 2, 5, 10] where step * power >= value * (1 - 1e-12) {
            return step * power
        }
        return 10 * power
    }

    /// Text for XML content and attributes: & < > " ' escaped; characters XML 1.0 does not allow are dropped.
    public static func escape(_ text: String) -> String { XMLText.escape(text) }

    private static func header(width: Int, height: Int, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" "
            + "role=\"img\" aria-label=\"\(escape(title))\" font-family=\"sans-serif\" font-size=\"10\">"
            + "<title>\(escape(title))</title>"
    }

    /// A number rounded to `decimals` decimals without trailing zeros ("12", "12.5", "-3.1").
    static func number(_ value: Double, decimals: Int = 1) -> String {
        guard value.isFinite else { return "0" }
        let scale = pow(10, Double(decimals))
        let scaled = Int((value * scale).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        let whole = magnitude / Int(scale)
        var fraction = String(magnitude % Int(scale))
        guard fraction != "0" else { return scaled == 0 ? "0" : "\(sign)\(whole)" }
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(sign)\(whole).\(fraction)"
    }

    /// "HH:mm", or "dd/MM HH:mm" when the chart spans a day or more (so the two ends of a 24-hour chart differ).
    private static func timeLabel(_ date: Date, span: TimeInterval, timeZone: TimeZone) -> String {
        let parts = Calendar.gregorian(in: timeZone).dateComponents([.month, .day, .hour, .minute], from: date)
        let time = "\((parts.hour ?? 0).zeroPadded(2)):\((parts.minute ?? 0).zeroPadded(2))"
        guard span >= 86_400 else { return time }
        return "\((parts.day ?? 0).zeroPadded(2))/\((parts.month ?? 0).zeroPadded(2)) \(time)"
    }
}
