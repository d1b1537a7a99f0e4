import Fluent
import Foundation
import TrucCore

/// The figures of a public status page: per monitor, 30-day uptime and one bar per day. Counted by the database
/// (`MonitorCheckStore.dailyCounts`) and kept for a minute per unit, since the page needs no sign-in and must stay
/// cheap however often it is loaded.
actor PublicStatusFigures {
    static let shared = PublicStatusFigures()
    static let lifetime: TimeInterval = 60

    struct Figures: Sendable {
        var uptime30d: Double?
        var days: [DailyUptime]
    }

    private var cache: [UUID: (until: Date, figures: [UUID: Figures])] = [:]

    func figures(unitID: UUID, monitorIDs: [UUID], now: Date = Date(), timeZone: TimeZone,
                 on db: any Database) async throws -> [UUID: Figures] {
        if let hit = cache[unitID], hit.until > now, Set(hit.figures.keys) == Set(monitorIDs) { return hit.figures }
        let counts = try await MonitorCheckStore.dailyCounts(of: monitorIDs, since: now.addingTimeInterval(-30 * 86_400),
                                                             utcOffsetSeconds: timeZone.secondsFromGMT(for: now), on: db)
        var figures: [UUID: Figures] = [:]
        for id in monitorIDs {
            let rollups = counts[id] ?? []
            figures[id] = Figures(uptime30d: UptimeMath.uptimePercent(of: rollups),
                                  days: UptimeMath.dailyUptime(rollups: rollups, days: 30, endingAt: now, timeZone: timeZone))
        }
        cache = cache.filter { $0.value.until > now }
        cache[unitID] = (now.addingTimeInterval(Self.lifetime), figures)
        return figures
    }
}
