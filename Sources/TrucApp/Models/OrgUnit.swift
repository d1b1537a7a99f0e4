import Fluent
import Foundation
import TrucCore

/// A unit (đơn vị) of the province: the province itself, a department or district, an agency, a provider.
/// Named OrgUnit because `Unit` is taken by Foundation's measurement units.
final class OrgUnit: Model, @unchecked Sendable {
    static let schema = "units"

    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "parent_id") var parent: OrgUnit?
    /// Short unique code, e.g. "STTTT", "UBND-HALONG".
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: UnitKind
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "email") var email: String?
    /// The unit publishes a status page of its public monitors at /status/{code} (opt-in; nil means no).
    @OptionalField(key: "status_page_public") var statusPagePublic: Bool?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, parentID: UUID?, code: String, name: String, kind: UnitKind,
         address: String? = nil, phone: String? = nil, email: String? = nil) {
        self.id = id
        self.$parent.id = parentID
        self.code = code
        self.name = name
        self.kind = kind
        self.address = address
        self.phone = phone
        self.email = email
    }
}
