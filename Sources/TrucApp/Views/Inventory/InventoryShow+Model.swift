import Fluent
import Foundation
import TrucCore

/// A unit's inventory: its information systems and its assets (searchable, paged), with the forms to add them,
/// CPE proposals and file imports for inventory managers.
enum InventoryShow {}

extension InventoryShow {
    struct Model {
        let unitID: UUID
        let unitName: String
        let canManage: Bool
        let systems: [InformationSystem]
        let assets: [Asset]
        let metadata: PageMetadata
        /// Active findings per asset.
        let findingCounts: [UUID: Int]
        let search: String
        let kind: String?
        let proposal: Proposal
        /// The scan upload's limit (`TRUC_SCAN_MAX_MB`).
        var maxScanMegabytes = 100
    }

    /// The CPE proposals asked for with ?propose=1&vendor=&product=&version= (a plain GET form, no JavaScript).
    enum Proposal {
        case notAsked
        case missingInput
        case found([CPEProposalDTO])
    }
}
