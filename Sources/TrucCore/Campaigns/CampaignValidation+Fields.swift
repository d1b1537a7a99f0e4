import Foundation

extension CampaignValidation {
    /// A campaign as typed by a client, every field optional so that every problem can be named at once: either a
    /// full campaign, or a template key with an optional year and title. A change to a campaign uses the same fields
    /// (`template`, `year` and `items` are then ignored).
    public struct CampaignFields: Sendable, Equatable {
        public var template: String?
        public var year: Int?
        public var title: String?
        public var startsAt: Date?
        public var endsAt: Date?
        public var timeZone: String?
        public var directive: String?
        public var documents: [DocumentFields]?
        public var items: [ItemFields]?

        public init(template: String? = nil, year: Int? = nil, title: String? = nil, startsAt: Date? = nil, endsAt: Date? = nil,
                    timeZone: String? = nil, directive: String? = nil, documents: [DocumentFields]? = nil,
                    items: [ItemFields]? = nil) {
            self.template = template
            self.year = year
            self.title = title
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.timeZone = timeZone
            self.directive = directive
            self.documents = documents
            self.items = items
        }
    }

    /// A referenced document as typed: number "1520/BTTTT-CATTT", date "2023-04-26", issuer, optional title.
    public struct DocumentFields: Sendable, Equatable {
        public var number: String?
        public var date: String?
        public var issuer: String?
        public var title: String?

        public init(number: String? = nil, date: String? = nil, issuer: String? = nil, title: String? = nil) {
            self.number = number
            self.date = date
            self.issuer = issuer
            self.title = title
        }
    }

    /// A checklist item as typed: title, detail, target unit kinds (raw values), optional deadline and position.
    public struct ItemFields: Sendable, Equatable {
        public var title: String?
        public var detail: String?
        public var targetKinds: [String]?
        public var dueAt: Date?
        public var position: Int?

        public init(title: String? = nil, detail: String? = nil, targetKinds: [String]? = nil, dueAt: Date? = nil,
                    position: Int? = nil) {
            self.title = title
            self.detail = detail
            self.targetKinds = targetKinds
            self.dueAt = dueAt
            self.position = position
        }
    }

    /// A checked change to a campaign: the fields to set (nil: unchanged) and the period it will have.
    public struct Change: Sendable, Equatable {
        public var title: String?
        public var timeZone: String?
        public var startsAt: Date
        public var endsAt: Date
        public var directive: String?
        public var documents: [ReferencedDocument]?
    }

    /// A checked change to a checklist item: the fields to set (nil: unchanged).
    public struct ItemChange: Sendable, Equatable {
        public var title: String?
        public var detail: String?
        public var targetKinds: [UnitKind]?
    }
}
