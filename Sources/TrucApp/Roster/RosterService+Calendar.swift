import Fluent
import Foundation
import TrucCore
import Vapor

extension RosterService {
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
        headers.replaceOrAdd(name: .contentDisposition, value: EvidencePolicy.contentDisposition(.attachment, filename: filename))
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
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
        return calendarResponse(calendar, filename: "lich-truc-\(unit.code).ics")
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
        return calendarResponse(calendar, filename: "lich-truc-\(person.email).ics")
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
}
