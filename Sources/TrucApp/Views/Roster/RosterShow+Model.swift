import Fluent
import Foundation
import TrucCore

/// A unit's duty roster: the 24/7 coverage check, the shifts, and (for roster managers) the forms to add, generate
/// and import shifts.
enum RosterShow {}

extension RosterShow {
    struct Model {
        let unitID: UUID
        let unitName: String
        /// The signed-in person (for "my shifts").
        let personID: UUID
        let manages: Bool
        let campaigns: [RosterChoice.Campaign]
        /// The campaign chosen for the coverage check (its period is the list's).
        let selectedCampaign: UUID?
        let period: Period
        let coverage: CoverageDTO
        /// The list's range (shifts ending after `from`, starting before `to`).
        let from: Date?
        let to: Date?
        let shifts: [Shift]
        let metadata: PageMetadata
        /// Empty unless `manages`.
        let people: [RosterChoice.Person]
        let now: Date
    }

    struct Period {
        let from: Date
        let to: Date
        let timeZone: TimeZone
        let campaignTitle: String?
    }

    struct Shift {
        let id: UUID
        let startsAt: Date
        let endsAt: Date
        let role: DutyRole
        let personName: String
        let phone: String?
        let email: String
        let campaignTitle: String?
        let note: String?
    }
}
