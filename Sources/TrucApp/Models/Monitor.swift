import Fluent
import Foundation
import TrucCore

/// An uptime monitor of a unit: what to check, how often, and the state the scheduler keeps.
final class Monitor: Model, @unchecked Sendable {
    static let schema = "monitors"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: OrgUnit
    @OptionalParent(key: "system_id") var system: InformationSystem?
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: MonitorKind
    /// Canonical target text (`MonitorTarget.text`).
    @Field(key: "target") var target: String
    /// `MonitorSettings` as JSON.
    @Field(key: "settings") var settingsJSON: String
    @Field(key: "interval_s") var intervalSeconds: Int
    @Field(key: "timeout_ms") var timeoutMs: Int
    @Field(key: "retries") var retries: Int
    @Field(key: "enabled") var enabled: Bool
    /// Shown on the unit's public status page (when the unit has opted in).
    @Field(key: "is_public") var isPublic: Bool

    // Kept by the scheduler.
    @Field(key: "state") var state: MonitorState
    @OptionalField(key: "state_since") var stateSince: Date?
    /// `MonitorStateTracker` as JSON.
    @Field(key: "tracker") var trackerJSON: String
    @OptionalField(key: "last_checked_at") var lastCheckedAt: Date?
    @OptionalField(key: "last_outcome") var lastOutcomeCode: Int?
    @OptionalField(key: "last_latency_ms") var lastLatencyMs: Double?
    /// Time the last check took to get a connection (HTTP), apart from `lastLatencyMs`.
    @OptionalField(key: "last_connect_ms") var lastConnectMs: Double?
    @OptionalField(key: "last_message") var lastMessage: String?
    @OptionalField(key: "cert_expires_at") var certExpiresAt: Date?
    @Field(key: "next_due_at") var nextDueAt: Date
    /// Instance that has claimed the check now due, until `lease_until`.
    @OptionalField(key: "lease_owner") var leaseOwner: String?
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var settings: MonitorSettings {
        get { (try? JSONDecoder().decode(MonitorSettings.self, from: Data(settingsJSON.utf8))) ?? MonitorSettings() }
        set { settingsJSON = MonitorJSON.text(newValue) }
    }

    var tracker: MonitorStateTracker {
        get { MonitorJSON.tracker(trackerJSON) }
        set { trackerJSON = MonitorJSON.text(newValue) }
    }

    var lastOutcome: ProbeOutcome? { lastOutcomeCode.flatMap(ProbeOutcome.init(code:)) }
}

/// JSON (de)coding of the monitor's stored settings and tracker.
enum MonitorJSON {
    static func text(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func tracker(_ text: String) -> MonitorStateTracker {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return (try? decoder.decode(MonitorStateTracker.self, from: Data(text.utf8))) ?? MonitorStateTracker()
    }

    static func settings(_ text: String) -> MonitorSettings {
        (try? JSONDecoder().decode(MonitorSettings.self, from: Data(text.utf8))) ?? MonitorSettings()
    }
}
