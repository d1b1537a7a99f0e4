import Fluent
import Foundation
import TrucCore
import Vapor

/// Rules and queries of the duty roster (lịch trực), shared by the API, the web pages and the tests.
///
/// - A shift belongs to a unit, optionally to a campaign; its person must belong to the unit or a unit below it
///   and be active; it ends after it starts and lasts at most 24 hours. Overlaps are allowed.
/// - Every change is audited in the same transaction; bulk changes (generate, import) write one summary entry.
/// - Coverage uses `DutyCoverage.check` over all of the unit's shifts overlapping the period (whatever campaign
///   they are tagged with): a person on duty is on duty.
///
/// Split by concern: the rules here; `+Shifts` (single shifts), `+Batch`, `+Generation` and `+Import` (bulk changes),
/// `+Listing`, `+Coverage`, `+OnDuty`, `+Calendar` (iCalendar export).
enum RosterService {
    static let maxShiftSeconds: TimeInterval = 24 * 3600
    /// Most shifts one generate or import may store.
    static let maxBatch = 5000
    /// Longest coverage period, in days.
    static let maxCoverageDays = 400
    /// The window of "who is on duty now" and the province board.
    static let lookahead: TimeInterval = 24 * 3600
    static let noteLimit = 1000

    // MARK: - Rules

    static func checkTimes(_ start: Date, _ end: Date) throws {
        guard end > start else {
            throw BilingualError.invalid("Thời gian kết thúc phải sau thời gian bắt đầu.", "endsAt must be after startsAt.")
        }
        guard end.timeIntervalSince(start) <= maxShiftSeconds else {
            throw BilingualError.invalid("Một ca trực dài tối đa 24 giờ.", "A shift lasts at most 24 hours.")
        }
    }

    static func checkNote(_ note: String?) throws {
        if let note, note.count > noteLimit {
            throw BilingualError.invalid("Ghi chú dài tối đa \(noteLimit) ký tự.", "note is at most \(noteLimit) characters.")
        }
    }

    /// The unit and every unit below it.
    static func subtree(of unitID: UUID, on db: any Database) async throws -> Set<UUID> {
        try await UnitTreeLoader.load(on: db).subtree(of: unitID)
    }

    /// The person named by id (preferred) or e-mail, if they are active and belong to the unit or a unit below it.
    static func person(id: UUID?, email: String?, in unitID: UUID, on db: any Database) async throws -> Person {
        let found: Person?
        let label: String
        if let id {
            found = try await Person.find(id, on: db)
            label = id.uuidString
        } else if let email = email.nonEmpty {
            found = try await Person.query(on: db).filter(\.$email == email.lowercased()).first()
            label = email
        } else {
            throw BilingualError.badRequest("Cần chọn cán bộ trực (personID hoặc personEmail).", "personID or personEmail is required.")
        }
        guard let person = found, try await subtree(of: unitID, on: db).contains(person.$unit.id) else {
            throw BilingualError.invalid("Không có cán bộ \(label) thuộc đơn vị này hoặc đơn vị cấp dưới.",
                                      "No person \(label) belongs to this unit or a unit below it.")
        }
        guard person.isActive else {
            throw BilingualError.invalid("Cán bộ \(person.fullName) đã ngừng hoạt động.", "\(person.fullName) is no longer active.")
        }
        return person
    }

    /// People named by id or e-mail, in the given order; every one must qualify as in `person(id:email:in:on:)`.
    static func people(_ refs: [String], in unitID: UUID, on db: any Database) async throws -> [Person] {
        let cleaned = refs.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard !cleaned.isEmpty else {
            throw BilingualError.invalid("Cần ít nhất một cán bộ trực.", "people: give at least one person (e-mail or id).")
        }
        guard cleaned.count <= 500 else {
            throw BilingualError.invalid("Quá nhiều cán bộ (tối đa 500).", "people: at most 500.")
        }
        let ids = Set(cleaned.compactMap(UUID.init(uuidString:)))
        let emails = Set(cleaned.filter { UUID(uuidString: $0) == nil }.map { $0.lowercased() })
        var byID: [UUID: Person] = [:]
        var byEmail: [String: Person] = [:]
        if !ids.isEmpty {
            for p in try await Person.query(on: db).filter(\.$id ~~ Array(ids)).all() { byID[p.id!] = p }
        }
        if !emails.isEmpty {
            for p in try await Person.query(on: db).filter(\.$email ~~ Array(emails)).all() { byEmail[p.email] = p }
        }
        let allowed = try await subtree(of: unitID, on: db)
        var result: [Person] = []
        var unknown: [String] = []
        var inactive: [String] = []
        for ref in cleaned {
            let person = UUID(uuidString: ref).flatMap { byID[$0] } ?? byEmail[ref.lowercased()]
            guard let person, allowed.contains(person.$unit.id) else {
                unknown.append(ref)
                continue
            }
            if !person.isActive { inactive.append(person.fullName) }
            result.append(person)
        }
        if !unknown.isEmpty {
            let list = unknown.joined(separator: ", ")
            throw BilingualError.invalid("Không có cán bộ thuộc đơn vị này hoặc đơn vị cấp dưới: \(list).",
                                      "people: not in this unit or a unit below it: \(list).")
        }
        if !inactive.isEmpty {
            let list = inactive.joined(separator: ", ")
            throw BilingualError.invalid("Cán bộ đã ngừng hoạt động: \(list).", "people: no longer active: \(list).")
        }
        return result
    }

    /// The campaign, or nil for none; 422 when it does not exist.
    static func campaign(_ id: UUID?, on db: any Database) async throws -> Campaign? {
        guard let id else { return nil }
        guard let campaign = try await Campaign.find(id, on: db) else {
            throw BilingualError.invalid("Không có đợt cao điểm này.", "campaignID: no such campaign.")
        }
        return campaign
    }
}
