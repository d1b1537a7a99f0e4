import Fluent
import Foundation
import TrucCore
import Vapor

extension RosterService {
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
}
