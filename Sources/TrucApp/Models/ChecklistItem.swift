import Fluent
import Foundation
import TrucCore

/// A required action of a campaign, targeted at kinds of unit, with a deadline.
final class ChecklistItem: Model, @unchecked Sendable {
    static let schema = "checklist_items"

    @ID(key: .id) var id: UUID?
    @Parent(key: "campaign_id") var campaign: Campaign
    @Field(key: "position") var position: Int
    @Field(key: "title") var title: String
    @Field(key: "detail") var detail: String
    /// Comma-separated `UnitKind` raw values (portable across SQLite and PostgreSQL).
    @Field(key: "target_kinds") var targetKindsRaw: String
    @OptionalField(key: "due_at") var dueAt: Date?

    init() {}

    init(id: UUID? = nil, campaignID: UUID, position: Int, title: String, detail: String,
         targetKinds: [UnitKind], dueAt: Date?) {
        self.id = id
        self.$campaign.id = campaignID
        self.position = position
        self.title = title
        self.detail = detail
        self.targetKindsRaw = ChecklistItem.encodeKinds(targetKinds)
        self.dueAt = dueAt
    }

    var targetKinds: [UnitKind] {
        get { targetKindsRaw.split(separator: ",").compactMap { UnitKind(rawValue: String($0)) } }
        set { targetKindsRaw = ChecklistItem.encodeKinds(newValue) }
    }

    static func encodeKinds(_ kinds: [UnitKind]) -> String {
        UnitKind.allCases.filter(kinds.contains).map(\.rawValue).joined(separator: ",")
    }
}
