import Fluent
import Foundation
import TrucCore

/// One asset: what it is, its CPE names, its findings, and (for inventory managers) the edit and delete forms.
enum AssetShow {}

extension AssetShow {
    struct Model {
        let asset: Asset
        /// The unit's systems (for the edit form).
        let systems: [InformationSystem]
        let findings: [Finding]
        let canManage: Bool
        let now: Date

        var system: InformationSystem? { systems.first { $0.id != nil && $0.id == asset.$system.id } }
    }
}
