import Foundation

/// A new campaign that passed `CampaignValidation.draft(from:now:)`: ready to be stored.
public struct CampaignDraft: Sendable, Equatable {
    /// A checklist item that passed its checks.
    public struct Item: Sendable, Equatable {
        public var title: String
        public var detail: String
        public var targetKinds: [UnitKind]
        public var dueAt: Date?

        public init(title: String, detail: String, targetKinds: [UnitKind], dueAt: Date?) {
            self.title = title
            self.detail = detail
            self.targetKinds = targetKinds
            self.dueAt = dueAt
        }
    }

    public var title: String
    public var startsAt: Date
    public var endsAt: Date
    /// An IANA time zone identifier.
    public var timeZone: String
    public var directive: String
    public var documents: [ReferencedDocument]
    public var items: [Item]

    public init(title: String, startsAt: Date, endsAt: Date, timeZone: String, directive: String,
                documents: [ReferencedDocument], items: [Item]) {
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.timeZone = timeZone
        self.directive = directive
        self.documents = documents
        self.items = items
    }
}
