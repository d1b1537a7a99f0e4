import Fluent
import Foundation
import TrucCore

/// Who is on duty now: the board of units (province-wide or the signed-in person's units), or one unit.
enum OnDuty {}

extension OnDuty {
    /// The board of units.
    struct Model {
        let board: ProvinceOnDutyDTO
        /// The person sees every unit of the province.
        let provinceWide: Bool
        /// Every unit is listed, not only those with a gap.
        let all: Bool
        let personID: UUID
    }

    /// One unit.
    struct UnitModel {
        let unitID: UUID
        let unitName: String
        let board: UnitOnDutyDTO
        let now: Date
    }
}
