import Fluent
import Foundation
import TrucCore

/// A network device, server or software component of a unit, with the CPE names it is matched by.
final class Asset: Model, @unchecked Sendable {
    static let schema = "assets"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: OrgUnit
    @OptionalParent(key: "system_id") var system: InformationSystem?
    @Field(key: "kind") var kind: AssetKind
    @Field(key: "name") var name: String
    @OptionalField(key: "vendor") var vendor: String?
    @OptionalField(key: "product") var product: String?
    @OptionalField(key: "version") var version: String?
    @OptionalField(key: "hostname") var hostname: String?
    @OptionalField(key: "ip_address") var ipAddress: String?
    /// Newline-separated CPE 2.3 formatted strings.
    @Field(key: "cpes") var cpesText: String
    /// Stable key of an imported asset (e.g. "nmap:10.0.0.1:tcp/22"): re-imports update instead of duplicating.
    @OptionalField(key: "source_key") var sourceKey: String?
    @OptionalField(key: "notes") var notes: String?
    @OptionalField(key: "matched_at") var matchedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, unitID: UUID, systemID: UUID?, draft: AssetDraft) {
        self.id = id
        self.$unit.id = unitID
        apply(draft, systemID: systemID)
    }

    /// Copies a draft's fields (the system is resolved by the caller).
    func apply(_ draft: AssetDraft, systemID: UUID?) {
        $system.id = systemID
        kind = draft.kind
        name = draft.name
        vendor = draft.vendor
        product = draft.product
        version = draft.version
        hostname = draft.hostname
        ipAddress = draft.ipAddress
        cpes = draft.cpes
        sourceKey = draft.sourceKey
        notes = draft.notes
    }

    var cpes: [CPEName] {
        get { cpesText.split(separator: "\n").compactMap { try? CPEName(parsing: String($0)) } }
        set { cpesText = newValue.map(\.formattedString).joined(separator: "\n") }
    }

    var cpeStrings: [String] { cpesText.split(separator: "\n").map(String.init) }
}
