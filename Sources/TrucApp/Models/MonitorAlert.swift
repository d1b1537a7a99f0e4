import Fluent
import Foundation
import TrucCore

/// An alert raised by a state change of a monitor, routed to people by stage and escalated until acknowledged.
final class MonitorAlert: Model, @unchecked Sendable {
    static let schema = "monitor_alerts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "monitor_id") var monitor: Monitor
    @Field(key: "unit_id") var unitID: UUID
    @OptionalField(key: "outage_id") var outageID: UUID?
    /// The state the monitor entered: down, degraded or up (a recovery).
    @Field(key: "event") var event: MonitorState
    @Field(key: "previous_state") var previousState: MonitorState
    @Field(key: "message") var message: String
    @Field(key: "raised_at") var raisedAt: Date
    /// The furthest stage the alert has reached.
    @Field(key: "stage") var stage: AlertStage
    /// When it escalates to the next stage if nobody acknowledges; nil when it no longer escalates.
    @OptionalField(key: "next_escalation_at") var nextEscalationAt: Date?
    @OptionalField(key: "acknowledged_at") var acknowledgedAt: Date?
    @OptionalField(key: "acknowledged_by") var acknowledgedBy: String?
    /// Set when the monitor recovered (a down alert) or for recoveries themselves.
    @OptionalField(key: "resolved_at") var resolvedAt: Date?

    init() {}

    var needsAcknowledgement: Bool { event != .up && acknowledgedAt == nil && resolvedAt == nil }
}
