import Fluent
import Foundation
import TrucCore

/// The units a person may read, searchable by name and code; coordinators also get the form to add one.
enum UnitList {}

extension UnitList {
    struct Model {
        struct Row {
            var id: UUID
            var code: String
            var name: String
            var kind: UnitKind
            var parentName: String?
        }

        /// A unit the new one may be placed under.
        struct ParentChoice {
            var id: UUID
            var name: String
        }

        var rows: [Row]
        var metadata: PageMetadata
        var q: String?
        /// Coordinators add units (the form's parent choices); nil for everyone else.
        var parentChoices: [ParentChoice]?
    }
}
