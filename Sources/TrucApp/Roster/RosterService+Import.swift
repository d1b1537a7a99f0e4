import Fluent
import Foundation
import TrucCore
import Vapor

extension RosterService {
    // MARK: - CSV import

    enum ImportOutcome {
        case imported([DutyShift])
        /// Not a usable CSV file at all (no header, empty, too long).
        case malformed(String)
        /// Every row problem; nothing stored.
        case rowErrors([ShiftCSV.RowError])
    }

    /// Parses a roster CSV (`person_email,start,end,role[,note]`), resolves every e-mail within the unit's subtree,
    /// and stores all rows in one transaction, or nothing.
    static func importCSV(_ text: String, unitID: UUID, campaignID: UUID?, defaultTimeZone: TimeZone,
                          by principal: Principal?, on db: any Database) async throws -> ImportOutcome {
        let campaign = try await campaign(campaignID, on: db)
        let timeZone = campaign?.zone ?? defaultTimeZone
        let rows: [ShiftCSV.Row]
        switch ShiftCSV.parse(text, timeZone: timeZone) {
        case .failure(.malformed(let message)): return .malformed(message)
        case .failure(.rows(let errors)): return .rowErrors(errors)
        case .success(let parsed): rows = parsed
        }
        guard rows.count <= maxBatch else { return .malformed("Tệp có hơn \(maxBatch) ca; hãy chia nhỏ tệp.") }
        let emails = Set(rows.map(\.personEmail))
        var byEmail: [String: Person] = [:]
        for chunk in Array(emails).rosterChunks(400) {
            for p in try await Person.query(on: db).filter(\.$email ~~ chunk).all() { byEmail[p.email] = p }
        }
        let allowed = try await subtree(of: unitID, on: db)
        var errors: [ShiftCSV.RowError] = []
        var shifts: [DutyShift] = []
        for row in rows {
            guard let person = byEmail[row.personEmail], allowed.contains(person.$unit.id) else {
                errors.append(.init(line: row.line, message: "Không có cán bộ với email \(row.personEmail) thuộc đơn vị này hoặc đơn vị cấp dưới."))
                continue
            }
            guard person.isActive else {
                errors.append(.init(line: row.line, message: "Cán bộ \(row.personEmail) đã ngừng hoạt động."))
                continue
            }
            if let note = row.note, note.count > noteLimit {
                errors.append(.init(line: row.line, message: "Ghi chú dài quá \(noteLimit) ký tự."))
                continue
            }
            let shift = DutyShift(id: UUID(), unitID: unitID, campaignID: campaignID, personID: try person.requireID(),
                                  startsAt: row.start, endsAt: row.end, role: row.role, note: row.note)
            shift.$person.value = person
            shifts.append(shift)
        }
        guard errors.isEmpty else { return .rowErrors(errors) }
        let summary = BatchSummary(source: "import", count: shifts.count, startsAt: shifts.map(\.startsAt).min(),
                                   endsAt: shifts.map(\.endsAt).max(), campaignID: campaignID,
                                   people: Array(emails).sorted())
        try await storeBatch(shifts, action: "shift.import", unitID: unitID, summary: summary, by: principal, on: db)
        return .imported(shifts)
    }
}
