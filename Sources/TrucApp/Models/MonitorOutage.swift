import Fluent
import Foundation

/// A downtime episode of a monitor: from the confirmed "down" until it is confirmed up again.
final class MonitorOutage: Model, @unchecked Sendable {
    static let schema = "monitor_outages"

    @ID(key: .id) var id: UUID?
    @Parent(key: "monitor_id") var monitor: Monitor
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "ended_at") var endedAt: Date?
    /// The probe's message when it went down.
    @Field(key: "cause") var cause: String
    /// Began inside a maintenance window (no alert was sent).
    @Field(key: "in_maintenance") var inMaintenance: Bool

    init() {}

    init(monitorID: UUID, unitID: UUID, startedAt: Date, cause: String, inMaintenance: Bool) {
        self.$monitor.id = monitorID
        self.unitID = unitID
        self.startedAt = startedAt
        self.endedAt = nil
        self.cause = cause
        self.inMaintenance = inMaintenance
    }
}
