import Fluent
import Foundation

/// The searchable contact directory, with the vCard export of the same search.
enum ContactList {}

extension ContactList {
    struct Model {
        struct Row {
            var contact: Contact
            var id: UUID
            /// The unit the contact belongs to; nil for a national contact.
            var unit: (id: UUID, name: String)?
            /// The viewer may edit and delete it.
            var mayChange: Bool
        }

        var rows: [Row]
        var metadata: PageMetadata
        var q: String
        var nationalOnly: Bool
        /// The request's query as sent, for the export link.
        var rawQuery: String?
    }
}
