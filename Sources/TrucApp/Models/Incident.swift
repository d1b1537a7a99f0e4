import Fluent
import Foundation
import TrucCore

/// An incident (sự cố) reported by a unit, with the initial report of Circular 20/2017 (Mẫu 03), the response
/// team's triage and the final report.
final class Incident: Model, @unchecked Sendable {
    static let schema = "incidents"

    @ID(key: .id) var id: UUID?
    /// "SC-2026-0007".
    @Field(key: "reference") var reference: String
    /// The reporting unit.
    @Parent(key: "unit_id") var unit: OrgUnit
    @OptionalParent(key: "system_id") var system: InformationSystem?
    @Field(key: "title") var title: String
    /// `InitialIncidentReport` as JSON.
    @Field(key: "report") var reportJSON: String
    @Field(key: "status") var status: IncidentStatus
    @OptionalField(key: "severity") var severity: IncidentSeverity?
    @OptionalField(key: "category") var category: IncidentCategory?
    @Field(key: "tlp") var tlp: TLP
    @OptionalParent(key: "assignee_id") var assignee: Person?
    @Field(key: "detected_at") var detectedAt: Date
    @Field(key: "reported_at") var reportedAt: Date
    @Field(key: "support_requested") var supportRequested: Bool
    @Field(key: "confidential") var confidential: Bool
    /// `FinalIncidentReport` as JSON, once written.
    @OptionalField(key: "final_report") var finalReportJSON: String?
    @OptionalField(key: "final_reported_at") var finalReportedAt: Date?
    /// For TLP:RED: the people (ids, comma-separated) who may see it, besides its reporter and assignee.
    @Field(key: "named_people") var namedPeopleText: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var report: InitialIncidentReport? {
        get { IncidentJSON.decode(InitialIncidentReport.self, reportJSON) }
        set { reportJSON = newValue.map(IncidentJSON.encode) ?? "{}" }
    }

    var finalReport: FinalIncidentReport? {
        get { finalReportJSON.flatMap { IncidentJSON.decode(FinalIncidentReport.self, $0) } }
        set { finalReportJSON = newValue.map(IncidentJSON.encode) }
    }

    var namedPeople: [UUID] {
        get { namedPeopleText.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
        set { namedPeopleText = newValue.map(\.uuidString).joined(separator: ",") }
    }
}

/// JSON of the stored reports (dates as ISO 8601).
enum IncidentJSON {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(T.self, from: Data(text.utf8))
    }
}
