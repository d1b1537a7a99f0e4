import Fluent
import Foundation
import TrucCore

/// A planned maintenance window: alerts of the unit's monitors (or of one monitor) are silenced within it.
final class MaintenanceWindowRecord: Model, @unchecked Sendable {
    static let schema = "maintenance_windows"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    /// nil: every monitor of the unit.
    @OptionalField(key: "monitor_id") var monitorID: UUID?
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "reason") var reason: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var window: MaintenanceWindow { MaintenanceWindow(start: startsAt, end: endsAt, reason: reason) }
}
