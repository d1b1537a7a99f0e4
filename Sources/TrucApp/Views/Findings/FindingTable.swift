import Foundation
import TrucCore

/// Findings as a table (the findings list, an asset's page, a CVE's page): overdue rows marked, KEV flagged.
/// The asset's name comes from the loaded `asset` relation.
struct FindingTable {
    let ctx: PageContext
    let findings: [Finding]
    /// The EPSS scores of the findings' CVEs, by CVE id (else the score copied on the finding, without percentile).
    var epss: [String: EPSSDTO] = [:]
    var showAsset = true
    let now: Date

    var html: HTML {
        guard !findings.isEmpty else { return "<p class=\"muted\">\(ctx.t("Không có lỗ hổng nào.", "No findings."))</p>" }
        let headers = ["CVE"] + (showAsset ? [ctx.t("Tài sản", "Asset")] : [])
            + [ctx.t(.severity), ctx.t(.status), ctx.t("Hạn xử lý", "Deadline"), ctx.t("Khớp", "Match")]
        return Table(headers: headers, rows: findings.map(row), className: "findings").html
    }

    func row(_ f: Finding) -> Table.Row {
        let overdue = SLAPolicy.isOverdue(deadline: f.dueAt, status: f.status, now: now)
        let cve: HTML = "<a href=\"\(FindingRoute.show(f.id ?? .routeKey))\">\(f.$vulnerability.id)</a> \(VulnViews.kev(ctx, f.kev, due: f.kevDueDate))\(epssText(f))"
        let asset: [HTML] = showAsset ? ["<a href=\"\(InventoryRoute.asset(f.$asset.id))\">\(f.$asset.value?.name ?? "")</a>"] : []
        let rest: [HTML] = [
            VulnViews.severity(ctx, f.severity, score: f.cvssScore), VulnViews.status(ctx, f.status),
            "\(ctx.day(f.dueAt))\(overdue ? " \(Badge(ctx.t(.overdue), className: "s-overdue"))" as HTML : .empty)",
            "\(f.certain ? ctx.t("Chắc chắn", "Certain") : ctx.t("Cần xác minh", "To verify"))\(f.stillMatches ? "" : " · " + ctx.t("không còn khớp", "no longer matches"))",
        ]
        return Table.Row([cve] + asset + rest, className: overdue ? "overdue" : nil)
    }

    func epssText(_ f: Finding) -> HTML {
        if let score = epss[f.$vulnerability.id] { return " \(VulnViews.epss(ctx, score))" }
        guard let score = f.epssScore else { return .empty }
        return " \(VulnViews.epss(ctx, score: score, percentile: nil, date: nil))"
    }
}
