import Fluent
import Foundation
import TrucCore
import Vapor

/// The coordinator's outbound allow-list: reading it, adding and removing entries (audited).
enum OutboundAllowList {
    /// The longest note.
    static let maxNoteLength = 500

    /// Every entry, parsed; rows that no longer parse are left out (they allow nothing).
    static func all(on db: any Database) async throws -> [(unitID: UUID?, entry: OutboundAllowEntry)] {
        try await OutboundAllowRecord.query(on: db).all().compactMap { record in
            (try? OutboundAllowEntry(parsing: record.value)).map { (unitID: record.unitID, entry: $0) }
        }
    }

    /// The policy of a unit's monitors and webhooks, read now: the province's entries and the unit's.
    static func policy(forUnit unitID: UUID, on db: any Database) async throws -> OutboundPolicy {
        let records = try await OutboundAllowRecord.query(on: db)
            .group(.or) { $0.filter(\.$unitID == nil).filter(\.$unitID == unitID) }
            .all()
        return OutboundPolicy(allowing: records.compactMap { try? OutboundAllowEntry(parsing: $0.value) })
    }

    /// The entries `principal` may read: all for a coordinator, else the province's and those of units they may
    /// read; optionally only one unit's (and the province's).
    static func visible(to principal: Principal, unitID: UUID?, on db: any Database) -> QueryBuilder<OutboundAllowRecord> {
        let query = OutboundAllowRecord.query(on: db)
        if let readable = principal.policy.units(with: .read) {
            let units: [UUID?] = readable.map { $0 }
            query.group(.or) { $0.filter(\.$unitID == nil).filter(\.$unitID ~~ units) }
        }
        if let unitID {
            query.group(.or) { $0.filter(\.$unitID == nil).filter(\.$unitID == unitID) }
        }
        return query.sort(\.$unitID).sort(\.$value).sort(\.$id)
    }

    /// Adds an entry (coordinator). 422 naming the field for a bad value, a note that is empty or too long, an
    /// unknown unit or an entry already on the list for that scope.
    static func create(_ input: OutboundAllowInput, by principal: Principal, context: OutboundContext,
                       on db: any Database) async throws -> OutboundAllowRecord {
        var problems: [FieldValidationError.Problem] = []
        var entry: OutboundAllowEntry?
        do {
            entry = try OutboundAllowEntry(parsing: input.value, field: "value")
        } catch {
            problems += error.problems
        }
        let note = input.note.trimmingCharacters(in: .whitespacesAndNewlines)
        if note.isEmpty {
            problems.append(.init(field: "note", vietnamese: "Hãy ghi lý do cho phép (ví dụ: hệ thống nào, ai đề nghị).",
                                  english: "note: say why it is allowed (which system, who asked)."))
        } else if note.count > maxNoteLength {
            problems.append(.init(field: "note", vietnamese: "Lý do dài quá \(maxNoteLength) ký tự.",
                                  english: "note: at most \(maxNoteLength) characters."))
        }
        if let unitID = input.unitID, try await OrgUnit.find(unitID, on: db) == nil {
            problems.append(.init(field: "unitID", vietnamese: "Không có đơn vị này.", english: "unitID: no such unit."))
        }
        if let entry, try await OutboundAllowRecord.query(on: db).filter(\.$value == entry.description)
            .filter(\.$unitID == input.unitID).first() != nil {
            problems.append(.init(field: "value", vietnamese: "\(entry) đã có trong danh sách cho phạm vi này.",
                                  english: "value: \(entry) is already on the list for that scope."))
        }
        guard problems.isEmpty, let entry else {
            let error = FieldValidationError(problems: problems)
            throw BilingualError.invalid(error.vietnamese, error.english)
        }
        let record = OutboundAllowRecord()
        record.id = UUID()
        record.unitID = input.unitID
        record.kind = entry.kind
        record.value = entry.description
        record.note = note
        record.createdBy = principal.personID
        try await db.transaction { tx in
            try await record.create(on: tx)
            try await Audit.record("outbound.allow", entity: "outbound_allow_entry", id: record.id?.uuidString, unitID: record.unitID,
                                   after: record.dto(), by: principal, on: tx)
        }
        await context.policies.invalidate()
        return record
    }

    /// Removes an entry (coordinator); checks that depended on it are refused from their next connection.
    static func delete(_ record: OutboundAllowRecord, by principal: Principal, context: OutboundContext, on db: any Database) async throws {
        try await db.transaction { tx in
            try await Audit.record("outbound.disallow", entity: "outbound_allow_entry", id: record.id?.uuidString, unitID: record.unitID,
                                   before: record.dto(), by: principal, on: tx)
            try await record.delete(on: tx)
        }
        await context.policies.invalidate()
    }

    /// The entry of the request's `entryID` (404 when there is none or the caller may not read it).
    static func find(_ req: Request) async throws -> OutboundAllowRecord {
        let principal = try req.requirePrincipal()
        guard let id = req.parameters.get("entryID", as: UUID.self), let record = try await OutboundAllowRecord.find(id, on: req.db),
              record.unitID.map({ principal.policy.allows(.read, on: $0) }) ?? true else {
            throw BilingualError.notFound("Không có mục này trong danh sách cho phép.", "No such allow-list entry.")
        }
        return record
    }
}
