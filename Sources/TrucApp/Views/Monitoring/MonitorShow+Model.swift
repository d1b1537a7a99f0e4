import Foundation
import TrucCore

/// One monitor: its last check, uptime and latency figures with their charts, downtime, alerts and, for those who
/// manage it, its form.
enum MonitorShow {}

extension MonitorShow {
    struct Model {
        let monitor: Monitor
        let unitID: UUID
        /// Nil if the unit is gone.
        let unitName: String?
        let stats: MonitorStatsDTO
        /// The checks of the last 24 hours, for the latency chart.
        let recent: [MonitorCheckStore.StoredResult]
        /// The last 10.
        let alerts: [MonitorAlert]
        let canManage: Bool
        /// The unit's systems, for the form (empty when it is not shown).
        let systems: [SystemOption]
        let now: Date
    }
}
