import Foundation
import TrucCore

/// The overview page after sign-in.
enum HomeShow {}

extension HomeShow {
    struct Model {
        struct RoleRow {
            let role: Role
            let unitID: UUID
            let unitName: String
        }

        struct CampaignRow {
            let id: UUID
            let title: String
            let startsAt: Date
            let endsAt: Date
            /// Items still waiting for the person's own unit's answer.
            let waiting: Int
        }

        struct AdvisoryRow {
            let id: UUID
            let reference: String
            let title: String
            let unitName: String
            let state: AdvisoryUnitState
        }

        struct IncidentRow {
            let id: UUID
            let reference: String
            let title: String
            let unitName: String
            let status: IncidentStatus
        }

        let fullName: String
        let unitID: UUID
        let roles: [RoleRow]
        let campaigns: [CampaignRow]
        /// Who is on duty at the person's unit now (nil when the unit is unknown).
        let duty: UnitOnDutyDTO?
        let findings: FindingSummaryDTO
        /// Advisories waiting for an answer from the person's units (at most 10 shown).
        let advisories: [AdvisoryRow]
        let openIncidents: Int
        let supportRequests: Int
        let awaitingTriage: Int
        /// Open incidents, those asking for support first (at most 5).
        let incidents: [IncidentRow]
        /// For coordinators: knowledge sources whose sync keeps failing, with their last error.
        var failingSources: [FeedSource] = []
    }
}
