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

    // MARK: - Single shifts

    static func create(_ input: ShiftInput, unitID: UUID, by principal: Principal?, on db: any Database) async throws -> DutyShift {
        try checkTimes(input.startsAt, input.endsAt)
        try checkNote(input.note)
        let person = try await person(id: input.personID, email: input.personEmail, in: unitID, on: db)
        _ = try await campaign(input.campaignID, on: db)
        let shift = DutyShift(id: UUID(), unitID: unitID, campaignID: input.campaignID, personID: try person.requireID(),
                              startsAt: input.startsAt, endsAt: input.endsAt, role: input.role, note: input.note.nonEmpty)
        try await db.transaction { db in
            try await shift.create(on: db)
            try await Audit.record("shift.create", entity: "duty_shift", id: shift.id?.uuidString, unitID: unitID,
                                   after: shift.dto(), by: principal, on: db)
        }
        shift.$person.value = person
        return shift
    }

    static func update(_ shift: DutyShift, with patch: ShiftPatch, by principal: Principal?, on db: any Database) async throws -> DutyShift {
        let before = shift.dto()
        let unitID = shift.$unit.id
        var person: Person?
        if patch.personID != nil || patch.personEmail.nonEmpty != nil {
            person = try await self.person(id: patch.personID, email: patch.personEmail, in: unitID, on: db)
        }
        let start = patch.startsAt ?? shift.startsAt
        let end = patch.endsAt ?? shift.endsAt
        try checkTimes(start, end)
        try checkNote(patch.note)
        if patch.clearCampaign == true {
            shift.$campaign.id = nil
        } else if let campaignID = patch.campaignID {
            _ = try await campaign(campaignID, on: db)
            shift.$campaign.id = campaignID
        }
        if let person { shift.$person.id = try person.requireID() }
        shift.startsAt = start
        shift.endsAt = end
        if let role = patch.role { shift.role = role }
        if let note = patch.note { shift.note = Optional(note).nonEmpty }
        try await db.transaction { db in
            try await shift.save(on: db)
            try await Audit.record("shift.update", entity: "duty_shift", id: shift.id?.uuidString, unitID: unitID,
                                   before: before, after: shift.dto(), by: principal, on: db)
        }
        if let person {
            shift.$person.value = person
        } else {
            shift.$person.value = try await Person.find(shift.$person.id, on: db)
        }
        return shift
    }

    static func delete(_ shift: DutyShift, by principal: Principal?, on db: any Database) async throws {
        let before = shift.dto()
        try await db.transaction { db in
            try await shift.delete(on: db)
            try await Audit.record("shift.delete", entity: "duty_shift", id: before.id.uuidString, unitID: before.unitID,
                                   before: before, by: principal, on: db)
        }
    }

    /// The shift by id, with its person loaded; 404 when missing.
    static func find(_ id: UUID, on db: any Database) async throws -> DutyShift {
        guard let shift = try await DutyShift.query(on: db).filter(\.$id == id).with(\.$person).first() else {
            throw BilingualError(.notFound, "Không có ca trực này.", "No such shift.")
        }
        return shift
    }

    // MARK: - Bulk: generate and import

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

    /// The daily pattern of a generate request: a named one ("3x8", "12h") with `role` on every slot, or custom slots.
    static func pattern(named name: String?, slots: [ShiftGenerateInput.Slot]?, role: DutyRole?) throws -> ShiftPattern {
        let role = role ?? .technical
        if let slots, !slots.isEmpty {
            if let name = name.nonEmpty, name.lowercased() != "custom" {
                throw BilingualError.badRequest("Chọn mẫu có sẵn hoặc tự nhập các ca, không cả hai.",
                                             "Give either pattern or slots, not both.")
            }
            guard slots.count <= 48 else {
                throw BilingualError.invalid("Tối đa 48 ca mỗi ngày.", "slots: at most 48 per day.")
            }
            return ShiftPattern(slots: try slots.enumerated().map { index, slot in try self.slot(slot, index: index, role: role) })
        }
        guard let name = name.nonEmpty else {
            throw BilingualError.badRequest("Cần chọn mẫu ca (3x8, 12h) hoặc nhập các ca.", "pattern (\"3x8\" or \"12h\") or slots is required.")
        }
        guard let named = ShiftPattern.named(name) else {
            throw BilingualError.invalid("Mẫu ca \"\(name)\" không có; dùng 3x8 hoặc 12h, hoặc tự nhập các ca.",
                                      "pattern \"\(name)\" is unknown; use \"3x8\", \"12h\" or custom slots.")
        }
        return ShiftPattern(slots: named.slots.map { ShiftPattern.Slot(startMinute: $0.startMinute, durationMinutes: $0.durationMinutes, role: role) })
    }

    static func slot(_ input: ShiftGenerateInput.Slot, index: Int, role: DutyRole) throws -> ShiftPattern.Slot {
        let number = index + 1
        guard let start = minuteOfDay(input.start) else {
            throw BilingualError.invalid("Ca \(number): giờ bắt đầu \"\(input.start)\" không hợp lệ (HH:mm).",
                                      "slots[\(index)].start \"\(input.start)\" is not a time HH:mm.")
        }
        let duration: Int
        if let minutes = input.durationMinutes {
            duration = minutes
        } else if let endText = input.end {
            guard let end = minuteOfDay(endText) else {
                throw BilingualError.invalid("Ca \(number): giờ kết thúc \"\(endText)\" không hợp lệ (HH:mm).",
                                          "slots[\(index)].end \"\(endText)\" is not a time HH:mm.")
            }
            duration = end > start ? end - start : end + 1440 - start
        } else {
            throw BilingualError.invalid("Ca \(number): cần giờ kết thúc hoặc thời lượng.", "slots[\(index)]: end or durationMinutes is required.")
        }
        guard (1...1440).contains(duration) else {
            throw BilingualError.invalid("Ca \(number): thời lượng phải từ 1 phút đến 24 giờ.", "slots[\(index)]: a slot lasts 1 minute to 24 hours.")
        }
        return ShiftPattern.Slot(startMinute: start, durationMinutes: duration, role: input.role ?? role)
    }

    /// "07:00" -> 420; "24:00" is not a start time.
    static func minuteOfDay(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }

    /// Slots typed in a form: "07:00-19:00, 19:00-07:00" (commas, semicolons or new lines between slots).
    static func parseSlots(_ text: String) throws -> [ShiftGenerateInput.Slot] {
        try text.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .map { piece in
                let ends = piece.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { $0.trimmingCharacters(in: .whitespaces) }
                guard ends.count == 2 else {
                    throw BilingualError.invalid("Ca \"\(piece)\" không hợp lệ; viết dạng 07:00-19:00.",
                                              "Slot \"\(piece)\" is not like 07:00-19:00.")
                }
                return ShiftGenerateInput.Slot(start: ends[0], end: ends[1], durationMinutes: nil, role: nil)
            }
    }

    static func zone(_ identifier: String?) throws -> TimeZone? {
        guard let identifier = identifier.nonEmpty else { return nil }
        guard let zone = TimeZone(identifier: identifier) else {
            throw BilingualError.invalid("Múi giờ \"\(identifier)\" không hợp lệ.", "timeZone \"\(identifier)\" is not an IANA time zone such as Asia/Ho_Chi_Minh.")
        }
        return zone
    }

    /// Generates the pattern over the local days and stores every shift, or nothing.
    static func generate(_ input: ShiftGenerateInput, unitID: UUID, defaultTimeZone: TimeZone,
                         by principal: Principal?, on db: any Database) async throws -> [DutyShift] {
        let pattern = try pattern(named: input.pattern, slots: input.slots, role: input.role)
        try checkNote(input.note)
        let campaign = try await campaign(input.campaignID, on: db)
        let timeZone = try zone(input.timeZone) ?? campaign?.zone ?? defaultTimeZone
        let days = input.from.days(to: input.to) + 1
        guard days >= 1 else {
            throw BilingualError.invalid("Ngày kết thúc phải không sớm hơn ngày bắt đầu.", "to must not be before from.")
        }
        guard days <= ShiftPattern.maxDays else {
            throw BilingualError.invalid("Khoảng thời gian tối đa \(ShiftPattern.maxDays) ngày.", "The range spans \(days) days; at most \(ShiftPattern.maxDays).")
        }
        guard days * pattern.slots.count <= maxBatch else {
            throw BilingualError.invalid("Quá nhiều ca (\(days * pattern.slots.count)); tối đa \(maxBatch) mỗi lần.",
                                      "That would make \(days * pattern.slots.count) shifts; at most \(maxBatch) at once.")
        }
        let people = try await people(input.people, in: unitID, on: db)
        let generated: [ShiftPattern.Generated]
        do {
            generated = try pattern.generate(from: input.from, through: input.to, timeZone: timeZone, assigneeCount: people.count)
        } catch let error as ShiftPatternError {
            throw BilingualError.invalid(error.description, english(error))
        }
        let note = input.note.nonEmpty
        let shifts = try generated.map { g in
            try checkTimes(g.start, g.end)
            return DutyShift(id: UUID(), unitID: unitID, campaignID: input.campaignID, personID: try people[g.assigneeIndex].requireID(),
                             startsAt: g.start, endsAt: g.end, role: g.role, note: note)
        }
        let byID = Dictionary(people.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        for shift in shifts { shift.$person.value = byID[shift.$person.id] }
        let summary = BatchSummary(source: "generate", count: shifts.count, startsAt: shifts.map(\.startsAt).min(),
                                   endsAt: shifts.map(\.endsAt).max(), campaignID: input.campaignID,
                                   pattern: input.pattern.nonEmpty ?? "custom", fromDay: input.from, toDay: input.to,
                                   people: people.map(\.email))
        try await storeBatch(shifts, action: "shift.generate", unitID: unitID, summary: summary, by: principal, on: db)
        return shifts
    }

    static func english(_ error: ShiftPatternError) -> String {
        switch error {
        case .emptyPattern: "The pattern has no slots."
        case .invalidSlot(let index): "slots[\(index)]: start must be 00:00-23:59 and the duration 1 minute to 24 hours."
        case .rangeReversed: "to must not be before from."
        case .tooManyDays(let days): "The range spans \(days) days; at most \(ShiftPattern.maxDays)."
        case .noAssignees: "people: give at least one person."
        }
    }

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

    static func batchDTO(_ shifts: [DutyShift]) -> ShiftBatchDTO {
        ShiftBatchDTO(count: shifts.count, startsAt: shifts.map(\.startsAt).min(), endsAt: shifts.map(\.endsAt).max(),
                      items: shifts.sorted { $0.startsAt < $1.startsAt }.map { $0.dtoWithLoadedPerson() })
    }

    // MARK: - Listing

    struct Filter: Sendable {
        /// Shifts ending after this instant.
        var from: Date?
        /// Shifts starting before this instant.
        var to: Date?
        var campaignID: UUID?
        var personID: UUID?
        var role: DutyRole?
    }

    static let listFilters: [APIOperation.Param] = [
        .init(name: "from", description: "Only shifts ending after this time (ISO 8601, or local dd/MM/yyyy [HH:mm] / yyyy-MM-dd)"),
        .init(name: "to", description: "Only shifts starting before this time; a date alone means the end of that day"),
        .init(name: "campaignID", description: "Only shifts of this campaign"),
        .init(name: "personID", description: "Only this person's shifts"),
        .init(name: "role", description: "technical or leader"),
    ]

    /// Reads the list filters from the query string.
    static func filter(_ req: Request) throws -> Filter {
        Filter(from: try instant(req.query[String.self, at: "from"], field: "from", timeZone: req.timeZone, endOfDay: false),
               to: try instant(req.query[String.self, at: "to"], field: "to", timeZone: req.timeZone, endOfDay: true),
               campaignID: try uuid(req.query[String.self, at: "campaignID"], field: "campaignID"),
               personID: try uuid(req.query[String.self, at: "personID"], field: "personID"),
               role: try req.query[String.self, at: "role"].nonEmpty.map { text in
                   guard let role = DutyRole(lenient: text) else {
                       throw BilingualError.badRequest("Vai trò phải là technical hoặc leader.", "role must be technical or leader.")
                   }
                   return role
               })
    }

    static func uuid(_ text: String?, field: String) throws -> UUID? {
        guard let text = text.nonEmpty else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw BilingualError.badRequest("\(field) phải là UUID.", "\(field) must be a UUID.")
        }
        return id
    }

    /// A time from a query or form: ISO 8601, "dd/MM/yyyy HH:mm", "yyyy-MM-ddTHH:mm" (local), or a date alone
    /// (its start, or with `endOfDay` the start of the next day, so that "to=2023-05-01" includes that day).
    static func instant(_ text: String?, field: String, timeZone: TimeZone, endOfDay: Bool) throws -> Date? {
        guard let text = text.nonEmpty else { return nil }
        var parsed = VNDateFormat.parse(text, timeZone: timeZone)
        if parsed == nil, text.contains("T"), text.contains(" ") {
            // A "+07:00" offset whose "+" became a space in a query string.
            parsed = VNDateFormat.parse(text.replacingOccurrences(of: " ", with: "+"), timeZone: timeZone)
        }
        guard var date = parsed else {
            throw BilingualError.badRequest("\(field): không đọc được thời gian \"\(text)\"; dùng dạng 30/04/2023 07:00.",
                                         "\(field): \"\(text)\" is not a time such as 2023-04-30T07:00:00+07:00 or 30/04/2023 07:00.")
        }
        if endOfDay && !text.contains(":") {
            date = LocalDay(date, in: timeZone).adding(days: 1).start(in: timeZone)
        }
        return date
    }

    static func query(unitID: UUID, filter: Filter, on db: any Database) -> QueryBuilder<DutyShift> {
        let query = DutyShift.query(on: db).filter(\.$unit.$id == unitID)
        if let from = filter.from { query.filter(\.$endsAt > from) }
        if let to = filter.to { query.filter(\.$startsAt < to) }
        if let campaignID = filter.campaignID { query.filter(\.$campaign.$id == campaignID) }
        if let personID = filter.personID { query.filter(\.$person.$id == personID) }
        if let role = filter.role { query.filter(\.$role == role) }
        return query.sort(\.$startsAt).sort(\.$endsAt)
    }

    // MARK: - Coverage

    /// The period of a coverage check: a campaign's (with its zone), an explicit range, or by default the next 7 days.
    struct Period: Sendable {
        var from: Date
        var to: Date
        var timeZone: TimeZone
        var campaign: Campaign?
    }

    static func period(campaignID: UUID?, from: Date?, to: Date?, timeZone: TimeZone?, defaultTimeZone: TimeZone,
                       now: Date = Date(), on db: any Database) async throws -> Period {
        if let campaign = try await campaign(campaignID, on: db) {
            return Period(from: from ?? campaign.startsAt, to: to ?? campaign.endsAt, timeZone: timeZone ?? campaign.zone, campaign: campaign)
        }
        let start = from ?? Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60)
        let end = to ?? start.addingTimeInterval(7 * 86_400)
        return Period(from: start, to: end, timeZone: timeZone ?? defaultTimeZone, campaign: nil)
    }

    static func coverage(unitID: UUID, period: Period, on db: any Database) async throws -> CoverageDTO {
        guard period.to > period.from else {
            throw BilingualError.invalid("Thời điểm kết thúc phải sau thời điểm bắt đầu.", "to must be after from.")
        }
        guard period.to.timeIntervalSince(period.from) <= Double(maxCoverageDays) * 86_400 else {
            throw BilingualError.invalid("Khoảng kiểm tra tối đa \(maxCoverageDays) ngày.", "The period is at most \(maxCoverageDays) days.")
        }
        let shifts = try await DutyShift.query(on: db).filter(\.$unit.$id == unitID)
            .filter(\.$startsAt < period.to).filter(\.$endsAt > period.from).all()
        let report = DutyCoverage.check(shifts: shifts.map(coverageShift), from: period.from, to: period.to, timeZone: period.timeZone)
        return CoverageDTO(unitID: unitID, campaignID: period.campaign?.id, from: period.from, to: period.to,
                           timeZone: period.timeZone.identifier, fullyCovered: report.isFullyCovered, gapMinutes: report.gapMinutes,
                           gaps: report.gaps.map(gapDTO), daysWithoutLeader: report.daysWithoutLeader, shiftCount: shifts.count)
    }

    static func coverageShift(_ shift: DutyShift) -> DutyCoverage.Shift {
        DutyCoverage.Shift(start: shift.startsAt, end: shift.endsAt, role: shift.role)
    }

    static func gapDTO(_ gap: DutyCoverage.Gap) -> CoverageGapDTO {
        CoverageGapDTO(start: gap.start, end: gap.end, minutes: gap.minutes)
    }

    // MARK: - On duty

    /// Who is on duty at `at` in each unit, and each unit's gaps in [at, at+24h). `unitIDs` nil: every unit.
    static func onDuty(units: [OrgUnit], restrictTo unitIDs: Set<UUID>?, at: Date, timeZone: TimeZone,
                       on db: any Database) async throws -> [UnitOnDutyDTO] {
        let until = at.addingTimeInterval(lookahead)
        var shifts: [DutyShift] = []
        if let unitIDs {
            for chunk in Array(unitIDs).rosterChunks(1000) {
                shifts += try await DutyShift.query(on: db).filter(\.$unit.$id ~~ chunk)
                    .filter(\.$startsAt < until).filter(\.$endsAt > at).all()
            }
        } else {
            shifts = try await DutyShift.query(on: db).filter(\.$startsAt < until).filter(\.$endsAt > at).all()
        }
        let current = shifts.filter { $0.startsAt <= at && at < $0.endsAt }
        var people: [UUID: Person] = [:]
        for chunk in Array(Set(current.map { $0.$person.id })).rosterChunks(1000) {
            for p in try await Person.query(on: db).filter(\.$id ~~ chunk).all() { people[p.id!] = p }
        }
        let byUnit = Dictionary(grouping: shifts, by: { $0.$unit.id })
        return units.map { unit in
            let unitID = unit.id!
            let unitShifts = byUnit[unitID] ?? []
            let report = DutyCoverage.check(shifts: unitShifts.map(coverageShift), from: at, to: until, timeZone: timeZone)
            let now = unitShifts.filter { $0.startsAt <= at && at < $0.endsAt }
                .sorted { ($0.role == .leader ? 1 : 0, $0.endsAt) < ($1.role == .leader ? 1 : 0, $1.endsAt) }
                .compactMap { shift -> OnDutyPersonDTO? in
                    guard let person = people[shift.$person.id] else { return nil }
                    return OnDutyPersonDTO(shiftID: shift.id!, personID: person.id!, fullName: person.fullName, role: shift.role,
                                           phone: person.phone, email: person.email, startsAt: shift.startsAt, endsAt: shift.endsAt,
                                           note: shift.note)
                }
            return UnitOnDutyDTO(unitID: unitID, unitCode: unit.code, unitName: unit.name, at: at, until: until, onDuty: now,
                                 technicalNow: now.contains { $0.role == .technical }, leaderNow: now.contains { $0.role == .leader },
                                 gaps: report.gaps.map(gapDTO), daysWithoutLeader: report.daysWithoutLeader, hasGap: !report.gaps.isEmpty)
        }
    }

    /// The province board for `principal`: every unit if they see province duty, else the units they may read;
    /// only units with a gap in the next 24 hours unless `all`; paginated in memory.
    static func provinceOnDuty(for principal: Principal, at: Date, all: Bool, paging: Paging, timeZone: TimeZone,
                               on db: any Database) async throws -> ProvinceOnDutyDTO {
        let visible: Set<UUID>? = principal.policy.seesProvinceDuty ? nil : principal.policy.units(with: .read)
        var units: [OrgUnit] = []
        if let visible {
            for chunk in Array(visible).rosterChunks(1000) { units += try await OrgUnit.query(on: db).filter(\.$id ~~ chunk).all() }
        } else {
            units = try await OrgUnit.query(on: db).all()
        }
        units.sort { ($0.name, $0.code) < ($1.name, $1.code) }
        let board = try await onDuty(units: units, restrictTo: visible, at: at, timeZone: timeZone, on: db)
        let flagged = board.filter(\.hasGap)
        let listed = all ? board : flagged
        let page = paging.page(of: listed)
        return ProvinceOnDutyDTO(at: at, until: at.addingTimeInterval(lookahead), unitCount: board.count, unitsWithGap: flagged.count,
                                 items: page.items, metadata: page.metadata)
    }

    // MARK: - iCalendar

    static func roleSummary(_ role: DutyRole) -> String {
        switch role {
        case .technical: "Trực kỹ thuật"
        case .leader: "Lãnh đạo trực"
        }
    }

    /// One VEVENT per shift, UID "<shift id>@truc-attt". Shifts need their person loaded for the description.
    static func calendar(name: String, shifts: [DutyShift], unitNames: [UUID: String], personInSummary: Bool) -> ICalendar {
        let events = shifts.map { shift in
            let unitName = unitNames[shift.$unit.id] ?? ""
            let person = shift.$person.value
            var summary = "\(roleSummary(shift.role)) – \(unitName)"
            if personInSummary, let person { summary += ": \(person.fullName)" }
            var lines: [String] = []
            if let person {
                lines.append("Cán bộ trực: \(person.fullName)")
                if let phone = person.phone { lines.append("Điện thoại: \(phone)") }
                lines.append("Email: \(person.email)")
            }
            if let note = shift.note { lines.append("Ghi chú: \(note)") }
            return ICalendar.Event(uid: "\(shift.id!.uuidString.lowercased())@truc-attt", start: shift.startsAt, end: shift.endsAt,
                                   summary: summary, description: lines.isEmpty ? nil : lines.joined(separator: "\n"),
                                   location: unitName.isEmpty ? nil : unitName,
                                   categories: [roleSummary(shift.role)])
        }
        return ICalendar(productID: "-//Truc ATTT//Lich truc//VI", name: name, events: events)
    }

    static func calendarResponse(_ calendar: ICalendar, filename: String, now: Date = Date()) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(string: calendar.render(stamp: now)))
    }

    /// Most events in one export.
    static let calendarLimit = 5000

    /// The unit's shifts as a calendar: by default those ending after 31 days ago (filters as for lists).
    static func unitCalendar(_ unit: OrgUnit, filter: Filter, on db: any Database) async throws -> Response {
        var filter = filter
        if filter.from == nil { filter.from = Date().addingTimeInterval(-31 * 86_400) }
        let shifts = try await query(unitID: unit.requireID(), filter: filter, on: db).with(\.$person).limit(calendarLimit).all()
        let calendar = calendar(name: "Lịch trực – \(unit.name)", shifts: shifts, unitNames: [try unit.requireID(): unit.name],
                                personInSummary: true)
        return calendarResponse(calendar, filename: "lich-truc-\(safeFilename(unit.code)).ics")
    }

    /// A person's shifts in all units (only units in `readable`, nil: all), by default those ending after 31 days ago.
    static func personCalendar(_ person: Person, readable: Set<UUID>?, from: Date?, to: Date?, on db: any Database) async throws -> Response {
        let query = DutyShift.query(on: db).filter(\.$person.$id == (try person.requireID()))
            .filter(\.$endsAt > (from ?? Date().addingTimeInterval(-31 * 86_400)))
        if let to { query.filter(\.$startsAt < to) }
        var shifts = try await query.sort(\.$startsAt).limit(calendarLimit).all()
        if let readable { shifts = shifts.filter { readable.contains($0.$unit.id) } }
        for shift in shifts { shift.$person.value = person }
        let unitIDs = Array(Set(shifts.map { $0.$unit.id }))
        var names: [UUID: String] = [:]
        for chunk in unitIDs.rosterChunks(1000) {
            for unit in try await OrgUnit.query(on: db).filter(\.$id ~~ chunk).all() { names[unit.id!] = unit.name }
        }
        let calendar = calendar(name: "Lịch trực – \(person.fullName)", shifts: shifts, unitNames: names, personInSummary: false)
        return calendarResponse(calendar, filename: "lich-truc-\(safeFilename(person.email)).ics")
    }

    /// Whom `principal` may export the calendar of: themselves always; others when they may read the person's unit.
    static func personForCalendar(_ personID: UUID, principal: Principal, on db: any Database) async throws -> (Person, Set<UUID>?) {
        guard let person = try await Person.find(personID, on: db) else {
            throw BilingualError(.notFound, "Không tìm thấy.", "Not found.")
        }
        if personID == principal.personID { return (person, nil) }
        guard principal.policy.allows(.read, on: person.$unit.id) else {
            throw BilingualError(.notFound, "Không tìm thấy.", "Not found.")
        }
        return (person, principal.policy.units(with: .read))
    }

    static func safeFilename(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-_.@".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
        })
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements (keeps IN lists within the databases' bind limits).
    fileprivate func rosterChunks(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
