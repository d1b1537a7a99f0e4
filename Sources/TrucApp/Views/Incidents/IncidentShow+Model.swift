import Foundation
import TrucCore

/// One incident: its state, the response forms, timeline, tasks, observables, evidence, sharing, the reports to
/// VNCERT/CC and the final report.
enum IncidentShow {}

extension IncidentShow {
    struct Model {
        let id: UUID
        let unitName: String
        let dto: IncidentDTO
        /// Offered in the assignment and named-people pickers (empty for those who may use neither).
        let people: [IncidentPersonDTO]
        /// VNCERT/CC's address from the contact directory.
        let nationalEmail: String?
        /// The response team triages, assigns and manages tasks.
        let responseTeam: Bool
        let mayManageSharing: Bool
        let mayNotifyNational: Bool

        var incident: IncidentSummaryDTO { dto.incident }
    }
}
