import Fluent
import Foundation
import TrucCore

/// A unit's monitoring page: its monitors, maintenance windows, webhooks and public status page.
enum UnitMonitors {}

extension UnitMonitors {
    struct Model {
        struct WindowRow {
            let id: UUID
            let startsAt: Date
            let endsAt: Date
            /// The monitor's name, nil for the whole unit.
            let monitorName: String?
            let reason: String
        }

        struct WebhookRow {
            let id: UUID
            let name: String
            let url: String
            let includeSubunits: Bool
        }

        let unitID: UUID
        let unitName: String
        let unitCode: String
        let statusPagePublic: Bool
        let canManage: Bool
        /// This page of the unit's monitors.
        let monitors: [Monitor]
        let metadata: PageMetadata
        /// Every monitor of the unit, for the maintenance window's choice.
        let allMonitors: [(id: UUID, name: String)]
        let systems: [SystemOption]
        /// Windows not over yet.
        let windows: [WindowRow]
        /// Only for those who manage the unit's monitors.
        let webhooks: [WebhookRow]
    }
}
