import Foundation
import Testing
import TrucCore
@testable import TrucApp

/// A degraded HTTP monitor seen by a coordinator who manages it: the last check, uptime and latency figures, the
/// latency and daily-uptime charts, one ended and one ongoing outage, alerts (one waiting for acknowledgement,
/// one acknowledged, one recovery) and the edit form.
@Suite struct MonitorSnapshotTests {
    typealias F = SnapshotFixture

    static func monitor() -> Monitor {
        let m = Monitor()
        m.id = F.id(1001)
        m.$unit.id = F.department
        m.name = "Cổng thông tin Sở Tài chính"
        m.kind = .http
        m.target = "https://stc.example.gov.vn/"
        m.settings = MonitorSettings(expectedStatus: "200-399", keyword: "Sở Tài chính", maxLatencyMs: 2000)
        m.intervalSeconds = 60
        m.timeoutMs = 10_000
        m.retries = 1
        m.enabled = true
        m.isPublic = true
        m.state = .degraded
        m.stateSince = F.now.addingTimeInterval(-35 * 60)
        m.lastCheckedAt = F.now.addingTimeInterval(-40)
        m.lastLatencyMs = 2_480
        m.lastConnectMs = 120
        m.lastMessage = "Phản hồi chậm: 2480 ms > 2000 ms"
        m.certExpiresAt = F.now.addingTimeInterval(40 * 86400)
        return m
    }

    static func alert(_ n: Int, event: MonitorState, minutesAgo: Double, stage: AlertStage, message: String,
                      acknowledgedBy: String? = nil, resolved: Bool = false) -> MonitorAlert {
        let a = MonitorAlert()
        a.id = F.id(n)
        a.$monitor.id = F.id(1001)
        a.unitID = F.department
        a.event = event
        a.previousState = event == .up ? .down : .up
        a.message = message
        a.raisedAt = F.now.addingTimeInterval(-minutesAgo * 60)
        a.stage = stage
        a.acknowledgedAt = acknowledgedBy.map { _ in F.now.addingTimeInterval(-(minutesAgo - 5) * 60) }
        a.acknowledgedBy = acknowledgedBy
        a.resolvedAt = resolved ? F.now.addingTimeInterval(-(minutesAgo - 20) * 60) : nil
        return a
    }

    static func model() -> MonitorShow.Model {
        let now = F.now
        // One check every 2 hours over the last day: up, then a down check with no latency, then slow.
        let recent = (0..<12).map { i -> MonitorCheckStore.StoredResult in
            let outcome: ProbeOutcome = i == 5 ? .down : (i >= 10 ? .degraded : .up)
            return MonitorCheckStore.StoredResult(monitorID: F.id(1001), at: now.addingTimeInterval(Double(i - 12) * 7200 + 60), outcome: outcome,
                                                  latencyMs: outcome == .down ? nil : 300 + i * 40 + (outcome == .degraded ? 2000 : 0), message: nil)
        }
        let days = (0..<7).map { i -> DailyUptimeDTO in
            DailyUptimeDTO(day: String(format: "2026-04-%02d", 22 + i), uptimePercent: [100, 100, 99.3, 100, 87.5, 100, 98.6][i])
        }
        let stats = MonitorStatsDTO(
            monitorID: F.id(1001), uptime24h: 98.6, uptime30d: 99.71, latencyP50Ms24h: 420, latencyP95Ms24h: 1_950, latencyP99Ms24h: 2_480,
            latencyP50Ms30d: 380, latencyP99Ms30d: 2_100, checks24h: 1_440, days: days,
            outages: [OutageDTO(id: F.id(1101), startedAt: now.addingTimeInterval(-14 * 3600), endedAt: now.addingTimeInterval(-14 * 3600 + 754),
                                durationSeconds: 754, cause: "Hết thời gian chờ kết nối", inMaintenance: false),
                      OutageDTO(id: F.id(1102), startedAt: now.addingTimeInterval(-35 * 60), endedAt: nil, durationSeconds: nil,
                                cause: "Phản hồi chậm", inMaintenance: false)])
        return MonitorShow.Model(
            monitor: monitor(), unitID: F.department, unitName: "Sở Tài chính", stats: stats, recent: recent,
            alerts: [alert(1201, event: .degraded, minutesAgo: 35, stage: .unitAdmin, message: "Phản hồi chậm: 2480 ms"),
                     alert(1202, event: .up, minutesAgo: 827, stage: .onDuty, message: "Đã hoạt động trở lại", resolved: true),
                     alert(1203, event: .down, minutesAgo: 840, stage: .onDuty, message: "Hết thời gian chờ kết nối",
                           acknowledgedBy: "Trần Thị Trực", resolved: true)],
            canManage: true, systems: [SystemOption(id: F.id(1301), name: "Cổng thông tin điện tử")], now: now)
    }

    @Test(arguments: [Lang.vi, Lang.en])
    func degradedMonitor(_ lang: Lang) {
        let view = MonitorShow.View(ctx: F.context(lang, F.coordinator, path: "/monitors/\(F.id(1001).uuidString)"), model: Self.model())
        assertPage(view.document(), named: lang.rawValue)
    }
}
