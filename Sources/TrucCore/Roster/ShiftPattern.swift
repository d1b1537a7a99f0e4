import Foundation

/// A daily recurring roster: each slot occurs once per local day, at a wall-clock time.
public struct ShiftPattern: Sendable, Equatable, Codable {
    public struct Slot: Sendable, Equatable, Codable {
        /// Minutes after local midnight, 0..<1440.
        public var startMinute: Int
        /// 1...1440; a slot may run past midnight into the next day.
        public var durationMinutes: Int
        public var role: DutyRole

        public init(startMinute: Int, durationMinutes: Int, role: DutyRole) {
            self.startMinute = startMinute
            self.durationMinutes = durationMinutes
            self.role = role
        }

        public var isValid: Bool {
            (0..<1440).contains(startMinute) && (1...1440).contains(durationMinutes)
        }
    }

    /// A shift produced by `generate`.
    public struct Generated: Sendable, Equatable {
        public var start: Date
        public var end: Date
        public var role: DutyRole
        /// Index into the caller's list of assignees, 0..<assigneeCount.
        public var assigneeIndex: Int

        public init(start: Date, end: Date, role: DutyRole, assigneeIndex: Int) {
            self.start = start
            self.end = end
            self.role = role
            self.assigneeIndex = assigneeIndex
        }
    }

    /// The longest range `generate` accepts, in days.
    public static let maxDays = 366

    public var slots: [Slot]

    public init(slots: [Slot]) {
        self.slots = slots
    }

    /// Ca 1 00:00–08:00, ca 2 08:00–16:00, ca 3 16:00–24:00; technical.
    public static let threeEightHour = ShiftPattern(slots: [
        Slot(startMinute: 0, durationMinutes: 480, role: .technical),
        Slot(startMinute: 480, durationMinutes: 480, role: .technical),
        Slot(startMinute: 960, durationMinutes: 480, role: .technical),
    ])

    /// Day 07:00–19:00 and night 19:00–07:00 (next day); technical.
    public static let twelveHourDayNight = ShiftPattern(slots: [
        Slot(startMinute: 420, durationMinutes: 720, role: .technical),
        Slot(startMinute: 1140, durationMinutes: 720, role: .technical),
    ])

    /// Built-in patterns by name: "3x8" (or "3x8h"), "12h" (or "12x2", "2x12"); case-insensitive.
    public static func named(_ name: String) -> ShiftPattern? {
        switch name.trimmingCharacters(in: .whitespaces).lowercased() {
        case "3x8", "3x8h": threeEightHour
        case "12h", "12x2", "2x12", "2x12h": twelveHourDayNight
        default: nil
        }
    }

    /// One occurrence of every slot on every local day from `first` through `last` inclusive; assignee rotates
    /// round-robin over `assigneeCount` (>=1) in chronological order; sorted by start.
    ///
    /// Start and end are wall-clock times, so consecutive slots stay seamless across DST changes
    /// (a shift may then last an hour more or less).
    public func generate(from first: LocalDay, through last: LocalDay, timeZone: TimeZone,
                         assigneeCount: Int) throws -> [Generated] {
        guard !slots.isEmpty else { throw ShiftPatternError.emptyPattern }
        if let bad = slots.firstIndex(where: { !$0.isValid }) { throw ShiftPatternError.invalidSlot(bad) }
        let dayCount = first.days(to: last) + 1
        guard dayCount >= 1 else { throw ShiftPatternError.rangeReversed }
        guard dayCount <= Self.maxDays else { throw ShiftPatternError.tooManyDays(dayCount) }
        guard assigneeCount >= 1 else { throw ShiftPatternError.noAssignees }

        let calendar = Calendar.gregorian(in: timeZone)
        var shifts: [(generated: Generated, order: Int)] = []
        shifts.reserveCapacity(dayCount * slots.count)
        for offset in 0..<dayCount {
            let day = first.adding(days: offset)
            for (index, slot) in slots.enumerated() {
                let start = day.date(atMinute: slot.startMinute, calendar: calendar)
                let end = day.date(atMinute: slot.startMinute + slot.durationMinutes, calendar: calendar)
                shifts.append((Generated(start: start, end: end, role: slot.role, assigneeIndex: 0),
                               offset * slots.count + index))
            }
        }
        shifts.sort { ($0.generated.start, $0.order) < ($1.generated.start, $1.order) }
        return shifts.enumerated().map { position, shift in
            var generated = shift.generated
            generated.assigneeIndex = position % assigneeCount
            return generated
        }
    }
}
