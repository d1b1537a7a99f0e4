import Foundation
import TrucCore
import Vapor

/// Small pieces shared by the inventory, findings, CVE and advisory pages.
enum VulnViews {
    static func severity(_ ctx: PageContext, _ severity: CVSSSeverity?, score: Double? = nil) -> HTML {
        guard let severity else { return "<span class=\"badge\">\(ctx.t("Chưa chấm điểm", "Not scored"))</span>" }
        let label = ctx.t(severity.vietnamese, severity.english)
        let text = score.map { String(format: "%.1f ", $0) } ?? ""
        return "<span class=\"badge sev-\(severity.rawValue)\">\(text)\(label)</span>"
    }

    static func status(_ ctx: PageContext, _ status: FindingStatus) -> HTML {
        "<span class=\"badge st-\(status.rawValue)\">\(ctx.t(status.vietnamese, status.english))</span>"
    }

    static func kev(_ ctx: PageContext, _ kev: Bool, due: String? = nil) -> HTML {
        guard kev else { return .empty }
        let title = due.map { ctx.t("Hạn CISA: \($0)", "CISA due: \($0)") } ?? ""
        return "<span class=\"badge kev\" title=\"\(title)\">KEV</span>"
    }

    /// "EPSS 0.97 (99%)", small, with the score date in the title.
    static func epss(_ ctx: PageContext, _ epss: EPSSDTO?) -> HTML {
        guard let epss else { return .empty }
        return self.epss(ctx, score: epss.score, percentile: epss.percentile, date: epss.date)
    }

    static func epss(_ ctx: PageContext, score: Double, percentile: Double?, date: String?) -> HTML {
        let percent = percentile.map { " (\(Int(($0 * 100).rounded(.down)))%)" } ?? ""
        let title = ctx.t("Xác suất bị khai thác trong 30 ngày (FIRST EPSS)", "Probability of exploitation in 30 days (FIRST EPSS)")
            + (date.map { ctx.t(", điểm ngày \($0)", ", scores of \($0)") } ?? "")
        return "<small class=\"epss\" title=\"\(title)\">EPSS \(epssScoreText(score))\(percent)</small>"
    }

    /// The score with two significant digits (0.97, 0.043, 0.00051).
    static func epssScoreText(_ score: Double) -> String {
        String(format: "%.2g", score)
    }

    static func tlp(_ tlp: TLP) -> HTML {
        "<span class=\"badge tlp-\(tlp.rawValue.lowercased().replacingOccurrences(of: "+", with: "-"))\">\(tlp.label)</span>"
    }

    static func kind(_ ctx: PageContext, _ kind: AssetKind) -> String { ctx.t(kind.vietnamese, kind.english) }

    /// A horizontal SVG bar chart drawn on the server (no JavaScript): one bar per label.
    static func barChart(_ bars: [(label: String, value: Int, cssClass: String)], title: String) -> HTML {
        let maxValue = max(bars.map(\.value).max() ?? 0, 1)
        let rowHeight = 26
        let width = 520
        let labelWidth = 150
        let height = bars.count * rowHeight + 10
        var body = ""
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 5
            let length = Int(Double(width - labelWidth - 60) * Double(bar.value) / Double(maxValue))
            body += "<text x=\"0\" y=\"\(y + 16)\">\(HTML.escape(bar.label))</text>"
            body += "<rect class=\"\(bar.cssClass)\" x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(max(length, bar.value > 0 ? 2 : 0))\" height=\"20\"></rect>"
            body += "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 16)\">\(bar.value)</text>"
        }
        return HTML(raw: """
        <svg class="chart" role="img" aria-label="\(HTML.escape(title))" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" xmlns="http://www.w3.org/2000/svg"><title>\(HTML.escape(title))</title>\(body)</svg>
        """)
    }

    static let stylesheet = """
    .sev-critical { background: #7f1d1d; color: #fff; } .sev-high { background: #fdecea; color: #b3261e; }
    .sev-medium { background: #fff4d6; color: #9a6700; } .sev-low { background: #eef6ff; color: #1f4e8c; } .sev-none { color: var(--muted); }
    .kev { background: #111; color: #fff; } .st-open { background: #fdecea; } .st-in_progress { background: #fff4d6; }
    .st-fixed, .st-mitigated { background: #e7f5ec; color: var(--ok); } .st-false_positive, .st-risk_accepted { background: #eef1f4; }
    .tlp-clear { background: #fff; } .tlp-green { background: #e7f5ec; color: #1e7b34; } .tlp-amber, .tlp-amber-strict { background: #fff4d6; color: #9a6700; }
    .tlp-red { background: #fdecea; color: #b3261e; }
    svg.chart text { font: 13px system-ui, sans-serif; fill: #1b1f24; } svg.chart rect { fill: #8a96a3; }
    svg.chart rect.sev-critical { fill: #7f1d1d; } svg.chart rect.sev-high { fill: #d93025; } svg.chart rect.sev-medium { fill: #e0a800; }
    svg.chart rect.sev-low { fill: #5b8def; } svg.chart rect.sev-none { fill: #c4c9cf; }
    .filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: .5rem 0; }
    .filters label { display: grid; font-size: .9rem; }
    code.cpe { font-size: .85rem; word-break: break-all; }
    """
}
