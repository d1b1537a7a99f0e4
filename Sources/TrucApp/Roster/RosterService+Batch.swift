import Fluent
import Foundation
import TrucCore
import Vapor

extension RosterService {
    // MARK: - Bulk changes (generate and import)

    /// What a bulk change records in the audit log instead of one entry per shift.
    struct BatchSummary: Encodable, Sendable {
        var source: String
        var count: Int
        var startsAt: Date?
        var endsAt: Date?
        var campaignID: UUID?
        var pattern: String?
        var fromDay: LocalDay?
        var toDay: LocalDay?
        var people: [String]?
    }

    /// Inserts all shifts and one audit entry in one transaction.
    static func storeBatch(_ shifts: [DutyShift], action: String, unitID: UUID, summary: BatchSummary,
                           by principal: Principal?, on db: any Database) async throws {
        try await db.transaction { db in
            var index = 0
            while index < shifts.count {
                let chunk = Array(shifts[index..<min(index + 400, shifts.count)])
                try await chunk.create(on: db)
                index += 400
            }
            try await Audit.record(action, entity: "duty_shift", id: nil, unitID: unitID, after: summary, by: principal, on: db)
        }
    }

    static func batchDTO(_ shifts: [DutyShift]) -> ShiftBatchDTO {
        ShiftBatchDTO(count: shifts.count, startsAt: shifts.map(\.startsAt).min(), endsAt: shifts.map(\.endsAt).max(),
                      items: shifts.sorted { $0.startsAt < $1.startsAt }.map { $0.dtoWithLoadedPerson() })
    }
}
