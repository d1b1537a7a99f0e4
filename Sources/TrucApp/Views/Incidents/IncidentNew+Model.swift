import Foundation
import TrucCore

/// The initial report form (Mẫu 03), prefilled from the unit and, when chosen, one of its systems.
enum IncidentNew {}

extension IncidentNew {
    struct Model {
        struct SystemOption {
            let id: UUID
            let name: String
        }

        let unitID: UUID
        let unitName: String
        let report: InitialIncidentReport
        /// The system the form was prefilled from.
        let systemID: UUID?
        let systems: [SystemOption]
        /// Offered as the people named on a TLP:RED incident.
        let people: [IncidentPersonDTO]
    }
}
