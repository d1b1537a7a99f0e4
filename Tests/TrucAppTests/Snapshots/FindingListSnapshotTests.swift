import Fluent
import Foundation
import Testing
import TrucCore
@testable import TrucApp

/// The findings list: findings of each severity in several statuses, one in CISA KEV, one overdue, a filter kept
/// selected.
@Suite struct FindingListSnapshotTests {
    typealias F = SnapshotFixture

    static func asset(_ n: Int, _ name: String) -> Asset {
        let asset = Asset()
        asset.id = F.id(600 + n)
        asset.$unit.id = F.department
        asset.kind = .server
        asset.name = name
        return asset
    }

    static func finding(_ n: Int, cve: String, asset: Asset, severity: CVSSSeverity?, score: Double?, status: FindingStatus,
                        dueInDays: Double?, kev: Bool = false, certain: Bool = true, stillMatches: Bool = true) -> Finding {
        let f = Finding()
        f.id = F.id(700 + n)
        f.$unit.id = F.department
        f.$asset.id = asset.id!
        f.$asset.value = asset
        f.$vulnerability.id = cve
        f.status = status
        f.certain = certain
        f.stillMatches = stillMatches
        f.scanPresent = false
        f.severity = severity
        f.cvssScore = score
        f.kev = kev
        f.kevDueDate = kev ? "2026-04-20" : nil
        f.matchedCPE = "cpe:2.3:a:example:product:1.0:*:*:*:*:*:*:*"
        f.criterion = "cpe:2.3:a:example:product:*:*:*:*:*:*:*:*"
        f.firstSeen = F.now.addingTimeInterval(-30 * 86_400)
        f.lastSeen = F.now
        f.dueAt = dueInDays.map { F.now.addingTimeInterval($0 * 86_400) }
        return f
    }

    static var model: FindingList.Model {
        let portal = asset(1, "Cổng thông tin điện tử tỉnh")
        let mail = asset(2, "Máy chủ thư điện tử")
        let firewall = asset(3, "Tường lửa FortiGate biên")
        let findings = [
            finding(1, cve: "CVE-2024-21762", asset: firewall, severity: .critical, score: 9.8, status: .open, dueInDays: -3, kev: true),
            finding(2, cve: "CVE-2023-44487", asset: portal, severity: .high, score: 7.5, status: .inProgress, dueInDays: 12),
            finding(3, cve: "CVE-2023-4863", asset: mail, severity: .medium, score: 6.5, status: .open, dueInDays: 40, certain: false),
            finding(4, cve: "CVE-2022-2068", asset: mail, severity: .low, score: 3.1, status: .riskAccepted, dueInDays: -10),
            finding(5, cve: "CVE-2021-0001", asset: portal, severity: nil, score: nil, status: .fixed, dueInDays: nil, stillMatches: false),
        ]
        let summary = FindingSummaryDTO(active: 3, overdue: 1, kev: 1, bySeverity: ["critical": 1, "high": 1, "medium": 1])
        return FindingList.Model(
            findings: findings, metadata: PageMetadata(page: 1, per: 25, total: 5), summary: summary,
            units: [(F.province, "UBND — UBND tỉnh"), (F.department, "STTTT — Sở Thông tin và Truyền thông")],
            systems: [(F.id(801), "Cổng dịch vụ công")],
            selection: .init(unitID: F.department, status: "all"), now: F.now)
    }

    @Test(arguments: [Lang.vi, Lang.en])
    func findings(_ lang: Lang) {
        let ctx = F.context(lang, path: FindingRoute.list.path)
        assertPage(FindingList.View(ctx: ctx, model: Self.model).document(), named: lang.rawValue)
    }
}
