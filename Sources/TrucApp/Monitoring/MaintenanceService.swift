import Fluent
import Foundation
import TrucCore
import Vapor

/// Maintenance windows: planned work during which a unit's monitors (or one monitor) raise no alerts.
enum MaintenanceService {
    static func isInMaintenance(monitorID: UUID, unitID: UUID, at: Date, on db: any Database) async throws -> Bool {
        try await MaintenanceWindowRecord.query(on: db).filter(\.$unitID == unitID)
            .filter(\.$startsAt <= at).filter(\.$endsAt > at)
            .group(.or) { $0.filter(\.$monitorID == nil).filter(\.$monitorID == monitorID) }
            .first() != nil
    }

    static func create(unitID: UUID, input: MaintenanceInput, by principal: Principal, on db: any Database,
                       now: Date = Date()) async throws -> MaintenanceWindowRecord {
        do {
            try MaintenanceWindow.validate(start: input.startsAt, end: input.endsAt, reason: input.reason, now: now)
        } catch {
            throw BilingualError.invalid(error.description, error.english)
        }
        if let monitorID = input.monitorID {
            guard let monitor = try await Monitor.find(monitorID, on: db), monitor.$unit.id == unitID else {
                throw BilingualError.invalid("Không có giám sát này trong đơn vị.", "monitorID: no such monitor in this unit.")
            }
        }
        let record = MaintenanceWindowRecord()
        record.id = UUID()
        record.unitID = unitID
        record.monitorID = input.monitorID
        record.startsAt = input.startsAt
        record.endsAt = input.endsAt
        record.reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        record.createdBy = principal.personID
        try await db.transaction { tx in
            try await record.create(on: tx)
            try await Audit.record("maintenance.create", entity: "maintenance_window", id: record.id?.uuidString, unitID: unitID,
                                   after: record.dto(), by: principal, on: tx)
        }
        return record
    }

    static func delete(_ record: MaintenanceWindowRecord, by principal: Principal, on db: any Database) async throws {
        try await db.transaction { tx in
            try await Audit.record("maintenance.delete", entity: "maintenance_window", id: record.id?.uuidString,
                                   unitID: record.unitID, before: record.dto(), by: principal, on: tx)
            try await record.delete(on: tx)
        }
    }
}
