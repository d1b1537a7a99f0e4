import Fluent
import TrucCore
import Foundation

/// An entry of the contact directory: a unit's contact, or a national one (VNCERT/CC, NCSC...) when `unit` is nil.
final class Contact: Model, @unchecked Sendable {
    static let schema = "contacts"

    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "unit_id") var unit: OrgUnit?
    @Field(key: "name") var name: String
    @OptionalField(key: "organization") var organization: String?
    @OptionalField(key: "title") var title: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "hotline") var hotline: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "note") var note: String?
    /// Lower-cased, accent-free concatenation of the searchable fields.
    @Field(key: "search_text") var searchText: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, unitID: UUID?, name: String, organization: String? = nil, title: String? = nil,
         phone: String? = nil, hotline: String? = nil, email: String? = nil, note: String? = nil) {
        self.id = id
        self.$unit.id = unitID
        self.name = name
        self.organization = organization
        self.title = title
        self.phone = phone
        self.hotline = hotline
        self.email = email
        self.note = note
        self.searchText = ""
        refreshSearchText()
    }

    func refreshSearchText() {
        searchText = SearchText.fold([name, organization, title, phone, hotline, email, note].compactMap { $0 }.joined(separator: " "))
    }
}
