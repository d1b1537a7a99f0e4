import Fluent
import Foundation

/// The outbound allow-list page (/outbound): the entries of the reader's scope, and for the coordinator a form to
/// add one and a button to remove each.
enum OutboundList {}

extension OutboundList {
    struct Model {
        let entries: [OutboundAllowRecord]
        let metadata: PageMetadata
        /// "CODE — Name" of every unit, for the scope column and the form.
        let unitNames: [UUID: String]
        let units: [OrgUnit]
        let canManage: Bool
    }
}
