import Fluent
import Foundation
import TrucCore

/// A unit's current answer to a checklist item; changes are kept in the audit log.
final class ItemReport: Model, @unchecked Sendable {
    static let schema = "item_reports"

    @ID(key: .id) var id: UUID?
    @Parent(key: "item_id") var item: ChecklistItem
    @Parent(key: "unit_id") var unit: OrgUnit
    @Field(key: "status") var status: ItemStatus
    @Field(key: "note") var note: String
    @OptionalParent(key: "evidence_id") var evidence: EvidenceFile?
    @Parent(key: "reported_by") var reporter: Person
    @Field(key: "reported_at") var reportedAt: Date

    init() {}

    init(id: UUID? = nil, itemID: UUID, unitID: UUID, status: ItemStatus, note: String,
         evidenceID: UUID?, reporterID: UUID, reportedAt: Date) {
        self.id = id
        self.$item.id = itemID
        self.$unit.id = unitID
        self.status = status
        self.note = note
        self.$evidence.id = evidenceID
        self.$reporter.id = reporterID
        self.reportedAt = reportedAt
    }
}
