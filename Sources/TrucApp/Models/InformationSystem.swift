import Fluent
import Foundation

/// An information system (hệ thống thông tin) a unit operates, with its security level (cấp độ 1–5, Decree 85/2016).
final class InformationSystem: Model, @unchecked Sendable {
    static let schema = "information_systems"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: OrgUnit
    @Field(key: "name") var name: String
    @OptionalField(key: "purpose") var purpose: String?
    @Field(key: "security_level") var securityLevel: Int
    @OptionalField(key: "owner") var owner: String?
    /// Newline-separated domain names.
    @Field(key: "domains") var domainsText: String
    /// Newline-separated public IP addresses.
    @Field(key: "public_ips") var publicIPsText: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, unitID: UUID, name: String, purpose: String?, securityLevel: Int, owner: String?,
         domains: [String], publicIPs: [String]) {
        self.id = id
        self.$unit.id = unitID
        self.name = name
        self.purpose = purpose
        self.securityLevel = securityLevel
        self.owner = owner
        self.domainsText = domains.joined(separator: "\n")
        self.publicIPsText = publicIPs.joined(separator: "\n")
    }

    var domains: [String] { domainsText.split(separator: "\n").map(String.init) }
    var publicIPs: [String] { publicIPsText.split(separator: "\n").map(String.init) }
}
