import Fluent
import Foundation

/// The audit log page: one page of entries, newest first, filtered by action.
enum AuditList {}

extension AuditList {
    struct Model {
        let entries: [AuditEntryDTO]
        let metadata: PageMetadata
        let action: String
    }
}
