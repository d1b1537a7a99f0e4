import Foundation
import TrucCore

/// One campaign: its period and state, directive and documents, checklist (with the coordinator's forms), the
/// answer forms of the person's own units, and the compliance board.
enum CampaignShow {}

extension CampaignShow {
    struct Model {
        /// A unit the person reports for, beyond those shown inline: a link to its answers page.
        struct UnitLink {
            var id: UUID
            var name: String
        }

        var campaign: Campaign
        var campaignID: UUID
        var items: [ChecklistItem]
        var board: CampaignService.BoardData
        /// The answers and forms of the person's own units (at most `inlineUnits`).
        var ownUnits: [UnitCampaignDTO]
        var otherUnits: [UnitLink]
        /// Coordinators edit the campaign and its items.
        var mayEdit: Bool
        var now: Date

        /// At most this many of one's own units get their answer forms inline on the campaign page; the rest are links.
        static let inlineUnits = 5

        /// The board shows when some unit is targeted, except to a person who answers for the single targeted unit.
        var showsBoard: Bool {
            !board.board.rows.isEmpty && (mayEdit || board.board.rows.count > 1 || ownUnits.isEmpty)
        }
    }
}
