import Fluent
import Foundation
import TrucCore
import Vapor

/// A duty shift as the API shows it. `personName`/`personEmail`/`personPhone` are filled in lists and replies
/// (when the person was loaded), and left out of audit entries.
struct ShiftDTO: Content, Equatable {
    var id: UUID
    var unitID: UUID
    var campaignID: UUID?
    var personID: UUID
    var startsAt: Date
    var endsAt: Date
    var role: DutyRole
    var note: String?
    var personName: String?
    var personEmail: String?
    var personPhone: String?
}

extension DutyShift {
    /// The API form; includes the person's name and contacts when `person` is given.
    func dto(person: Person? = nil) -> ShiftDTO {
        ShiftDTO(id: id!, unitID: $unit.id, campaignID: $campaign.id, personID: $person.id, startsAt: startsAt, endsAt: endsAt,
                 role: role, note: note, personName: person?.fullName, personEmail: person?.email, personPhone: person?.phone)
    }

    /// The API form using the eager-loaded person, if any.
    func dtoWithLoadedPerson() -> ShiftDTO {
        dto(person: $person.value)
    }
}

/// Body of POST /units/{unitID}/shifts. The person is named by `personID` or `personEmail`.
struct ShiftInput: Content, Validatable, LimitedInput {
    var personID: UUID?
    var personEmail: String?
    var startsAt: Date
    var endsAt: Date
    var role: DutyRole
    var note: String?
    var campaignID: UUID?

    func checkLimits(_ check: inout TextLimitCheck) {
        check.text("personEmail", personEmail, TextLimit.email)
        check.text("note", note, TextLimit.shortNote)
    }

    static func validations(_ validations: inout Validations) {
        validations.add("role", as: String.self, is: .in(DutyRole.allCases.map(\.rawValue)),
                        customFailureDescription: "role must be technical or leader")
    }
}

/// Body of PATCH /shifts/{shiftID}: every field optional. `note: ""` clears the note; `clearCampaign: true`
/// detaches the shift from its campaign.
struct ShiftPatch: Content, Validatable, LimitedInput {
    var personID: UUID?
    var personEmail: String?
    var startsAt: Date?
    var endsAt: Date?
    var role: DutyRole?
    var note: String?
    var campaignID: UUID?
    var clearCampaign: Bool?

    func checkLimits(_ check: inout TextLimitCheck) {
        check.text("personEmail", personEmail, TextLimit.email)
        check.text("note", note, TextLimit.shortNote)
    }

    static func validations(_ validations: inout Validations) {
        validations.add("role", as: String?.self, is: .nil || .in(DutyRole.allCases.map(\.rawValue)), required: false,
                        customFailureDescription: "role must be technical or leader")
    }
}

/// Body of POST /units/{unitID}/shifts/generate.
struct ShiftGenerateInput: Content {
    /// One slot of a custom daily pattern: `start` "HH:mm" and either `end` "HH:mm" (at or before start: the next day)
    /// or `durationMinutes` (1...1440).
    struct Slot: Content, Equatable {
        var start: String
        var end: String?
        var durationMinutes: Int?
        var role: DutyRole?
    }

    /// "3x8" (00–08, 08–16, 16–24) or "12h" (07–19, 19–07); leave out when giving `slots`.
    var pattern: String?
    var slots: [Slot]?
    /// First and last local day, inclusive, "yyyy-MM-dd".
    var from: LocalDay
    var to: LocalDay
    /// People to rotate through, in order: e-mail addresses or person ids.
    var people: [String]
    /// Role of every generated shift (default technical); a custom slot's own role wins.
    var role: DutyRole?
    var campaignID: UUID?
    var note: String?
    /// IANA time zone of the local days; default the campaign's zone, else the server's.
    var timeZone: String?
}

extension ShiftGenerateInput: LimitedInput {
    func checkLimits(_ check: inout TextLimitCheck) {
        check.text("pattern", pattern, TextLimit.code)
        check.each("slots", slots, maxEntries: 48) { check, field, slot in
            check.text(field + ".start", slot.start, TextLimit.code)
            check.text(field + ".end", slot.end, TextLimit.code)
        }
        check.texts("people", people, TextLimit.email)
        check.text("note", note, TextLimit.shortNote)
        check.text("timeZone", timeZone, TextLimit.code)
    }
}

/// Reply of generate and import: how many shifts were stored and the time they span.
struct ShiftBatchDTO: Content, Equatable {
    var count: Int
    var startsAt: Date?
    var endsAt: Date?
    var items: [ShiftDTO]
}

/// One stretch without anybody on technical duty.
struct CoverageGapDTO: Content, Equatable {
    var start: Date
    var end: Date
    var minutes: Int
}

/// The 24/7 coverage check of a unit over a period.
struct CoverageDTO: Content, Equatable {
    var unitID: UUID
    var campaignID: UUID?
    var from: Date
    var to: Date
    var timeZone: String
    var fullyCovered: Bool
    var gapMinutes: Int
    var gaps: [CoverageGapDTO]
    /// Local days ("yyyy-MM-dd") touching the period with no leader on duty.
    var daysWithoutLeader: [LocalDay]
    var shiftCount: Int
}

/// Somebody on duty at a moment.
struct OnDutyPersonDTO: Content, Equatable {
    var shiftID: UUID
    var personID: UUID
    var fullName: String
    var role: DutyRole
    var phone: String?
    var email: String
    var startsAt: Date
    var endsAt: Date
    var note: String?
}

/// Who is on duty in a unit at `at`, and the technical gaps in the 24 hours from then.
struct UnitOnDutyDTO: Content, Equatable {
    var unitID: UUID
    var unitCode: String
    var unitName: String
    var at: Date
    var until: Date
    var onDuty: [OnDutyPersonDTO]
    /// Somebody is on technical duty at `at`.
    var technicalNow: Bool
    /// A leader is on duty at `at`.
    var leaderNow: Bool
    /// Technical gaps within [at, at+24h).
    var gaps: [CoverageGapDTO]
    /// Local days touching [at, at+24h) with no leader on duty within it.
    var daysWithoutLeader: [LocalDay]
    /// Whether `gaps` is not empty.
    var hasGap: Bool
}

/// The province-wide duty board: units with a gap now or in the next 24 hours (or all, with `all=true`).
struct ProvinceOnDutyDTO: Content, Equatable {
    var at: Date
    var until: Date
    /// Units considered (those the caller may see).
    var unitCount: Int
    /// Units with a technical gap in [at, until).
    var unitsWithGap: Int
    var items: [UnitOnDutyDTO]
    var metadata: PageMetadata

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.at == rhs.at && lhs.until == rhs.until && lhs.unitCount == rhs.unitCount && lhs.unitsWithGap == rhs.unitsWithGap
            && lhs.items == rhs.items && lhs.metadata.page == rhs.metadata.page && lhs.metadata.per == rhs.metadata.per
            && lhs.metadata.total == rhs.metadata.total
    }
}

/// 422 reply of a CSV import with row errors (nothing is stored).
struct ShiftImportErrorDTO: Content, Equatable {
    var error: Bool
    var reason: String
    var rows: [ShiftCSV.RowError]
}
