import Fluent
import Foundation
import TrucCore
import Vapor

extension RosterService {
    // MARK: - Generation from a daily pattern

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
}
