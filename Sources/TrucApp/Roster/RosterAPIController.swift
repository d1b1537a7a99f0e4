import Fluent
import TrucCore
import Vapor

/// The duty roster (lịch trực): shifts, recurring patterns, CSV import, coverage, who is on duty, iCalendar.
/// Rules live in `RosterService`.
struct RosterAPIController: RouteCollection {
    /// Largest CSV body accepted by the import.
    static let maxCSVBytes = 2 * 1024 * 1024

    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.list, use: list)
        routes.on(API.create, use: create)
        routes.on(API.generate, use: generate)
        routes.on(API.importCSV, body: .collect(maxSize: ByteCount(value: Self.maxCSVBytes)), use: importCSV)
        routes.on(API.unitCalendar, use: unitCalendar)
        routes.on(API.coverage, use: coverage)
        routes.on(API.unitOnDuty, use: unitOnDuty)
        routes.on(API.provinceOnDuty, use: provinceOnDuty)
        routes.on(API.personCalendar, use: personCalendar)
        routes.on(API.show, use: show)
        routes.on(API.update, use: update)
        routes.on(API.delete, use: delete)
    }

    static let atParam = APIOperation.Param(name: "at", description: "The moment to look at (ISO 8601; default now)")

    /// The operations of this controller: the router registers them and /openapi.json describes them.
    enum API {
        static let list = APIOperation(method: .GET, path: "/api/v1/units/{unitID}/shifts", summary: "The unit's duty shifts, by start time", tag: "Roster",
              query: APIOperation.paging + RosterService.listFilters, reply: .page("Shift"))
        static let create = APIOperation(method: .POST, path: "/api/v1/units/{unitID}/shifts",
              summary: "Add a shift (unit admin, coordinator); the person must belong to the unit or a unit below it",
              tag: "Roster", body: .json("ShiftInput"), reply: .created("Shift"))
        static let generate = APIOperation(method: .POST, path: "/api/v1/units/{unitID}/shifts/generate",
              summary: "Generate shifts from a daily pattern (3x8, 12h or custom slots) over local days, rotating people; all or nothing",
              tag: "Roster", body: .json("ShiftGenerateInput"), reply: .created("ShiftBatch"))
        static let importCSV = APIOperation(method: .POST, path: "/api/v1/units/{unitID}/shifts/import",
              summary: "Import shifts from CSV (person_email,start,end,role[,note]); any row error: 422 with rows[], nothing stored",
              tag: "Roster", query: [.init(name: "campaignID", description: "Tag every imported shift with this campaign (its time zone is used)")],
              body: .raw("text/csv"), reply: .created("ShiftBatch"))
        static let unitCalendar = APIOperation(method: .GET, path: "/api/v1/units/{unitID}/shifts/ical", summary: "The unit's roster as iCalendar (RFC 5545)", tag: "Roster",
              query: RosterService.listFilters, reply: .file("text/calendar"))
        static let coverage = APIOperation(method: .GET, path: "/api/v1/units/{unitID}/coverage",
              summary: "24/7 coverage: technical gaps to the minute and local days without a leader (campaign period, range, or next 7 days)",
              tag: "Roster",
              query: [.init(name: "campaignID", description: "Check the campaign's period in its time zone"),
                      .init(name: "from", description: "Start (ISO 8601 or local time); default the campaign's start or now"),
                      .init(name: "to", description: "End, exclusive; a date alone includes that day; default the campaign's end or 7 days after from"),
                      .init(name: "timeZone", description: "IANA zone of the local days (default the campaign's, else the server's)")],
              reply: .json("Coverage"))
        static let unitOnDuty = APIOperation(method: .GET, path: "/api/v1/units/{unitID}/on-duty",
              summary: "Who is on duty in the unit now, with phone and e-mail, and the gaps in the next 24 hours", tag: "Roster",
              query: [atParam], reply: .json("UnitOnDuty"))
        static let provinceOnDuty = APIOperation(method: .GET, path: "/api/v1/on-duty",
              summary: "Province-wide duty board: units with a technical gap now or in the next 24 hours", tag: "Roster",
              query: APIOperation.paging + [atParam, .init(name: "all", description: "true: list every unit, not only those with a gap", type: "boolean")],
              reply: .json("ProvinceOnDuty"))
        static let personCalendar = APIOperation(method: .GET, path: "/api/v1/people/{personID}/shifts/ical",
              summary: "A person's shifts as iCalendar (anyone may export their own)", tag: "Roster",
              query: [.init(name: "from", description: "Only shifts ending after this time (default 31 days ago)"),
                      .init(name: "to", description: "Only shifts starting before this time")],
              reply: .file("text/calendar"))
        static let show = APIOperation(method: .GET, path: "/api/v1/shifts/{shiftID}", summary: "One shift", tag: "Roster", reply: .json("Shift"))
        static let update = APIOperation(method: .PATCH, path: "/api/v1/shifts/{shiftID}", summary: "Change a shift (unit admin, coordinator)", tag: "Roster",
              body: .json("ShiftPatch"), reply: .json("Shift"))
        static let delete = APIOperation(method: .DELETE, path: "/api/v1/shifts/{shiftID}", summary: "Delete a shift (unit admin, coordinator)", tag: "Roster",
              reply: .noContent)
    }

    static let operations: [APIOperation] = [API.list, API.create, API.generate, API.importCSV, API.unitCalendar, API.coverage, API.unitOnDuty, API.provinceOnDuty, API.personCalendar, API.show, API.update, API.delete]

    // MARK: - Shifts

    func list(req: Request) async throws -> Page<ShiftDTO> {
        let unit = try await req.findUnit()
        let filter = try RosterService.filter(req)
        return try await RosterService.query(unitID: unit.requireID(), filter: filter, on: req.db).with(\.$person)
            .page(req.paging()).map { $0.dtoWithLoadedPerson() }
    }

    func create(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageRoster, on: unit.requireID())
        try ShiftInput.validate(content: req)
        let input = try req.input(ShiftInput.self)
        let shift = try await RosterService.create(input, unitID: unit.requireID(), by: principal, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(shift.dtoWithLoadedPerson())
        return response
    }

    /// The shift named by `:shiftID` if the caller may read its unit (404 otherwise), after checking `permission`.
    static func find(_ req: Request, _ permission: Permission) async throws -> (DutyShift, Principal) {
        guard let id = req.parameters.get("shiftID", as: UUID.self) else {
            throw Abort(.badRequest, reason: "shiftID must be a UUID")
        }
        let shift = try await RosterService.find(id, on: req.db)
        let principal = try req.authorize(permission, on: shift.$unit.id)
        return (shift, principal)
    }

    func show(req: Request) async throws -> ShiftDTO {
        try await Self.find(req, .read).0.dtoWithLoadedPerson()
    }

    func update(req: Request) async throws -> ShiftDTO {
        let (shift, principal) = try await Self.find(req, .manageRoster)
        try ShiftPatch.validate(content: req)
        let patch = try req.input(ShiftPatch.self)
        return try await RosterService.update(shift, with: patch, by: principal, on: req.db).dtoWithLoadedPerson()
    }

    func delete(req: Request) async throws -> HTTPStatus {
        let (shift, principal) = try await Self.find(req, .manageRoster)
        try await RosterService.delete(shift, by: principal, on: req.db)
        return .noContent
    }

    // MARK: - Bulk

    func generate(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageRoster, on: unit.requireID())
        let input = try req.input(ShiftGenerateInput.self)
        let shifts = try await RosterService.generate(input, unitID: unit.requireID(), defaultTimeZone: req.timeZone,
                                                      by: principal, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(RosterService.batchDTO(shifts))
        return response
    }

    func importCSV(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageRoster, on: unit.requireID())
        if let type = req.headers.contentType,
           ![("text", "csv"), ("text", "plain"), ("application", "csv"), ("application", "octet-stream"), ("text", "comma-separated-values")]
            .contains(where: { $0.0 == type.type.lowercased() && $0.1 == type.subType.lowercased() }) {
            throw Abort(.unsupportedMediaType, reason: "Send the CSV file itself as the body, with Content-Type: text/csv (got \(type.type)/\(type.subType)).")
        }
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            return try Self.importFailure(.badRequest, reason: "The body is empty: send the CSV file (person_email,start,end,role[,note]).", rows: [])
        }
        guard let text = String(bytes: buffer.readableBytesView, encoding: .utf8) else {
            return try Self.importFailure(.badRequest, reason: "The file is not UTF-8 text; save it as CSV UTF-8.", rows: [])
        }
        let campaignID = try RosterService.uuid(req.query[String.self, at: "campaignID"], field: "campaignID")
        switch try await RosterService.importCSV(text, unitID: unit.requireID(), campaignID: campaignID, defaultTimeZone: req.timeZone,
                                                 by: principal, on: req.db) {
        case .imported(let shifts):
            let response = Response(status: .created)
            try response.content.encode(RosterService.batchDTO(shifts))
            return response
        case .malformed(let message):
            return try Self.importFailure(.badRequest, reason: message, rows: [])
        case .rowErrors(let rows):
            return try Self.importFailure(.unprocessableEntity,
                                          reason: "\(rows.count) row error(s); nothing was imported. Fix the rows listed and send the whole file again.",
                                          rows: rows)
        }
    }

    static func importFailure(_ status: HTTPResponseStatus, reason: String, rows: [ShiftCSV.RowError]) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(ShiftImportErrorDTO(error: true, reason: reason, rows: rows))
        return response
    }

    // MARK: - Coverage and on duty

    func coverage(req: Request) async throws -> CoverageDTO {
        let unit = try await req.findUnit()
        let filter = try RosterService.filter(req)
        let period = try await RosterService.period(
            campaignID: filter.campaignID, from: filter.from, to: filter.to,
            timeZone: try RosterService.zone(req.query[String.self, at: "timeZone"]), defaultTimeZone: req.timeZone, on: req.db)
        return try await RosterService.coverage(unitID: unit.requireID(), period: period, on: req.db)
    }

    static func at(_ req: Request) throws -> Date {
        try RosterService.instant(req.query[String.self, at: "at"], field: "at", timeZone: req.timeZone, endOfDay: false) ?? Date()
    }

    func unitOnDuty(req: Request) async throws -> UnitOnDutyDTO {
        let unit = try await req.findUnit()
        let board = try await RosterService.onDuty(units: [unit], restrictTo: [unit.requireID()], at: Self.at(req),
                                                   timeZone: req.timeZone, on: req.db)
        return board[0]
    }

    func provinceOnDuty(req: Request) async throws -> ProvinceOnDutyDTO {
        let principal = try req.requirePrincipal()
        let paging = try req.paging()
        return try await RosterService.provinceOnDuty(for: principal, at: Self.at(req), all: req.query[Bool.self, at: "all"] ?? false,
                                                      paging: paging, timeZone: req.timeZone, on: req.db)
    }

    // MARK: - iCalendar

    func unitCalendar(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        return try await RosterService.unitCalendar(unit, filter: RosterService.filter(req), on: req.db)
    }

    func personCalendar(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        guard let personID = req.parameters.get("personID", as: UUID.self) else {
            throw Abort(.badRequest, reason: "personID must be a UUID")
        }
        let (person, readable) = try await RosterService.personForCalendar(personID, principal: principal, on: req.db)
        let filter = try RosterService.filter(req)
        return try await RosterService.personCalendar(person, readable: readable, from: filter.from, to: filter.to, on: req.db)
    }
}
