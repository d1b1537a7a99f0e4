import Fluent
import Foundation
import TrucCore

/// A readiness campaign (đợt cao điểm) driven by a directive, e.g. "Lễ 30/4–01/5/2023".
final class Campaign: Model, @unchecked Sendable {
    static let schema = "campaigns"

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    /// IANA identifier; Asia/Ho_Chi_Minh by default.
    @Field(key: "time_zone") var timeZone: String
    @Field(key: "directive") var directive: String
    /// JSON array of `ReferencedDocument` (portable across SQLite and PostgreSQL).
    @Field(key: "documents") var documentsJSON: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Children(for: \.$campaign) var items: [ChecklistItem]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, title: String, startsAt: Date, endsAt: Date, timeZone: String,
         directive: String, documents: [ReferencedDocument], createdBy: UUID?) {
        self.id = id
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.timeZone = timeZone
        self.directive = directive
        self.documentsJSON = Campaign.encode(documents)
        self.createdBy = createdBy
    }

    var documents: [ReferencedDocument] {
        get { (try? JSONDecoder().decode([ReferencedDocument].self, from: Data(documentsJSON.utf8))) ?? [] }
        set { documentsJSON = Campaign.encode(newValue) }
    }

    var zone: TimeZone { TimeZone(identifier: timeZone) ?? AppConfig.defaultTimeZone }

    static func encode(_ documents: [ReferencedDocument]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(documents)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
