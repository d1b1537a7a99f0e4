import Fluent
import TrucCore
import Vapor

/// Pages of the duty roster: a unit's roster (list, add, generate, import, coverage), editing a shift,
/// who is on duty (province board or one unit), and iCalendar downloads. Rules live in `RosterService`.
struct RosterWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(RosterRoute.roster(unit: .routeKey), use: roster)
        routes.on(RosterRoute.addShift(unit: .routeKey), use: addShift)
        routes.on(RosterRoute.generate(unit: .routeKey), use: generate)
        routes.on(RosterRoute.importCSV(unit: .routeKey), use: importCSV)
        routes.on(RosterRoute.unitCalendar(unit: .routeKey), use: unitCalendar)
        routes.on(RosterRoute.personCalendar(person: .routeKey), use: personCalendar)
        routes.on(RosterRoute.editShift(.routeKey), use: editPage)
        routes.on(RosterRoute.saveShift(.routeKey), use: edit)
        routes.on(RosterRoute.deleteShift(.routeKey), use: delete)
        routes.on(RosterRoute.onDuty, use: onDuty)
    }

    /// Web pages are not part of the JSON API.
    static let operations: [APIOperation] = []

    /// Runs `body`, turning roster rule errors into messages in the page's language.
    static func localized<T>(_ ctx: PageContext, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as BilingualError {
            throw Abort(error.status, reason: ctx.t(error.vi, error.en))
        }
    }

    // MARK: - The roster page

    func roster(req: Request) async throws -> HTML {
        let unit = try await req.findUnit()
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let filter = try Self.localizedSync(ctx) { try RosterService.filter(req) }
        let paging = try req.paging()
        let model = try await Self.localized(ctx) {
            try await RosterShow.Model.query(unit: unit, principal: principal, filter: filter, paging: paging,
                                             timeZone: req.timeZone, now: Date(), on: req.db)
        }
        return RosterShow.View(ctx: ctx, model: model).document()
    }

    // MARK: - Forms

    struct ShiftForm: Content, LimitedInput {
        var personID: String?
        var startsAt: String?
        var endsAt: String?
        var role: String?
        var note: String?
        var campaignID: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            for (field, value) in [("personID", personID), ("startsAt", startsAt), ("endsAt", endsAt), ("role", role),
                                   ("campaignID", campaignID)] {
                check.text(field, value, TextLimit.code)
            }
            check.text("note", note, TextLimit.shortNote)
        }
    }

    static func time(_ text: String?, _ label: String, _ ctx: PageContext) throws -> Date {
        guard let text = text.nonEmpty else {
            throw Abort(.badRequest, reason: ctx.t("Cần nhập \(label).", "\(label) is required."))
        }
        guard let date = VNDateFormat.parse(text, timeZone: ctx.timeZone) else {
            throw Abort(.badRequest, reason: ctx.t("Không đọc được thời gian \"\(text)\"; dùng dạng 30/04/2023 07:00.",
                                                    "\"\(text)\" is not a time such as 30/04/2023 07:00."))
        }
        return date
    }

    static func role(_ text: String?, _ ctx: PageContext) throws -> DutyRole {
        guard let text = text.nonEmpty else { return .technical }
        guard let role = DutyRole(lenient: text) else {
            throw Abort(.badRequest, reason: ctx.t("Vai trò phải là trực kỹ thuật hoặc lãnh đạo trực.", "role must be technical or leader."))
        }
        return role
    }

    static func uuid(_ text: String?, _ field: String, _ ctx: PageContext) throws -> UUID? {
        try localizedSync(ctx) { try RosterService.uuid(text, field: field) }
    }

    static func localizedSync<T>(_ ctx: PageContext, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as BilingualError {
            throw Abort(error.status, reason: ctx.t(error.vi, error.en))
        }
    }

    func addShift(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.authorize(.manageRoster, on: unitID)
        let ctx = PageContext(req)
        let form = try req.input(ShiftForm.self)
        let input = ShiftInput(personID: try Self.uuid(form.personID, "personID", ctx), personEmail: nil,
                               startsAt: try Self.time(form.startsAt, ctx.t("thời gian bắt đầu", "start"), ctx),
                               endsAt: try Self.time(form.endsAt, ctx.t("thời gian kết thúc", "end"), ctx),
                               role: try Self.role(form.role, ctx), note: form.note.nonEmpty,
                               campaignID: try Self.uuid(form.campaignID, "campaignID", ctx))
        _ = try await Self.localized(ctx) {
            try await RosterService.create(input, unitID: unitID, by: principal, on: req.db)
        }
        return req.redirect(to: RosterRoute.roster(unit: unitID), flash: Flash(.shiftAdded))
    }

    struct GenerateForm: Content, LimitedInput {
        var pattern: String?
        var slots: String?
        var from: String?
        var to: String?
        var people: [String]?
        var role: String?
        var campaignID: String?
        var note: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            for (field, value) in [("pattern", pattern), ("from", from), ("to", to), ("role", role), ("campaignID", campaignID)] {
                check.text(field, value, TextLimit.code)
            }
            check.text("slots", slots, TextLimit.line)
            check.texts("people", people, TextLimit.email)
            check.text("note", note, TextLimit.shortNote)
        }
    }

    static func day(_ text: String?, _ label: String, _ ctx: PageContext) throws -> LocalDay {
        guard let text = text.nonEmpty else {
            throw Abort(.badRequest, reason: ctx.t("Cần nhập \(label).", "\(label) is required."))
        }
        if let day = LocalDay(iso: text) { return day }
        guard let date = VNDateFormat.parse(text, timeZone: ctx.timeZone) else {
            throw Abort(.badRequest, reason: ctx.t("Không đọc được ngày \"\(text)\"; dùng dạng 30/04/2023.", "\"\(text)\" is not a date such as 30/04/2023."))
        }
        return LocalDay(date, in: ctx.timeZone)
    }

    func generate(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.authorize(.manageRoster, on: unitID)
        let ctx = PageContext(req)
        let form = try req.input(GenerateForm.self)
        let shifts = try await Self.localized(ctx) {
            let custom = form.pattern.nonEmpty == nil || form.pattern?.lowercased() == "custom"
            let slots = custom ? try RosterService.parseSlots(form.slots ?? "") : nil
            let input = ShiftGenerateInput(pattern: custom ? nil : form.pattern, slots: slots,
                                           from: try Self.day(form.from, ctx.t("ngày bắt đầu", "from day"), ctx),
                                           to: try Self.day(form.to, ctx.t("ngày kết thúc", "to day"), ctx),
                                           people: form.people ?? [], role: try Self.role(form.role, ctx),
                                           campaignID: try RosterService.uuid(form.campaignID, field: "campaignID"),
                                           note: form.note.nonEmpty, timeZone: nil)
            return try await RosterService.generate(input, unitID: unitID, defaultTimeZone: req.timeZone, by: principal, on: req.db)
        }
        return req.redirect(to: RosterRoute.roster(unit: unitID), flash: Flash(.shiftsGenerated, shifts.count))
    }

    struct ImportForm: Content, LimitedInput {
        var file: File?
        var campaignID: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("file.filename", file?.filename, TextLimit.line)
            check.text("campaignID", campaignID, TextLimit.code)
        }
    }

    func importCSV(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.authorize(.manageRoster, on: unitID)
        let ctx = PageContext(req)
        let form = try req.input(ImportForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            throw Abort(.badRequest, reason: ctx.t("Chọn tệp CSV cần nhập.", "Choose the CSV file to import."))
        }
        guard file.data.readableBytes <= RosterAPIController.maxCSVBytes else {
            throw Abort(.payloadTooLarge, reason: ctx.t("Tệp CSV lớn quá 2 MB; hãy chia nhỏ.", "The CSV file is larger than 2 MB; split it."))
        }
        guard let text = String(bytes: file.data.readableBytesView, encoding: .utf8) else {
            throw Abort(.badRequest, reason: ctx.t("Tệp không phải văn bản UTF-8; hãy lưu dạng CSV UTF-8.", "The file is not UTF-8 text; save it as CSV UTF-8."))
        }
        let campaignID = try Self.uuid(form.campaignID, "campaignID", ctx)
        let outcome = try await Self.localized(ctx) {
            try await RosterService.importCSV(text, unitID: unitID, campaignID: campaignID, defaultTimeZone: req.timeZone,
                                              by: principal, on: req.db)
        }
        switch outcome {
        case .imported(let shifts):
            return req.redirect(to: RosterRoute.roster(unit: unitID), flash: Flash(.shiftsImported, shifts.count))
        case .malformed(let message):
            throw Abort(.badRequest, reason: message)
        case .rowErrors(let rows):
            let page = RosterImportErrors.View(ctx: ctx, model: .init(unitID: unitID, filename: file.filename, rows: rows)).document()
            return try await page.encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    // MARK: - Editing one shift

    static func find(_ req: Request, _ permission: Permission) async throws -> (DutyShift, Principal) {
        let ctx = PageContext(req)
        guard let id = req.parameters.get("shiftID", as: UUID.self) else {
            throw Abort(.badRequest, reason: "shiftID must be a UUID")
        }
        let shift = try await localized(ctx) { try await RosterService.find(id, on: req.db) }
        return (shift, try req.authorize(permission, on: shift.$unit.id))
    }

    func editPage(req: Request) async throws -> HTML {
        let (shift, _) = try await Self.find(req, .manageRoster)
        let model = try await ShiftEdit.Model.query(shift, on: req.db)
        return ShiftEdit.View(ctx: PageContext(req), model: model).document()
    }

    func edit(req: Request) async throws -> Response {
        let (shift, principal) = try await Self.find(req, .manageRoster)
        let ctx = PageContext(req)
        let form = try req.input(ShiftForm.self)
        let campaignID = try Self.uuid(form.campaignID, "campaignID", ctx)
        let patch = ShiftPatch(personID: try Self.uuid(form.personID, "personID", ctx), personEmail: nil,
                               startsAt: try Self.time(form.startsAt, ctx.t("thời gian bắt đầu", "start"), ctx),
                               endsAt: try Self.time(form.endsAt, ctx.t("thời gian kết thúc", "end"), ctx),
                               role: try Self.role(form.role, ctx), note: form.note ?? "",
                               campaignID: campaignID, clearCampaign: campaignID == nil)
        _ = try await Self.localized(ctx) { try await RosterService.update(shift, with: patch, by: principal, on: req.db) }
        return req.redirect(to: RosterRoute.roster(unit: shift.$unit.id), flash: Flash(.shiftSaved))
    }

    func delete(req: Request) async throws -> Response {
        let (shift, principal) = try await Self.find(req, .manageRoster)
        let unitID = shift.$unit.id
        try await RosterService.delete(shift, by: principal, on: req.db)
        return req.redirect(to: RosterRoute.roster(unit: unitID), flash: Flash(.shiftDeleted))
    }

    // MARK: - Who is on duty

    func onDuty(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let now = Date()
        if let text = req.query[String.self, at: "unitID"].nonEmpty {
            guard let unitID = UUID(uuidString: text) else { throw Abort(.badRequest, reason: "unitID must be a UUID") }
            try req.authorize(.read, on: unitID)
            guard let unit = try await OrgUnit.find(unitID, on: req.db) else { throw Abort(.notFound, reason: ctx.t("Không có đơn vị này.", "No such unit.")) }
            let model = try await OnDuty.UnitModel.query(unit: unit, now: now, timeZone: req.timeZone, on: req.db)
            return OnDuty.UnitView(ctx: ctx, model: model).document()
        }
        let model = try await OnDuty.Model.query(principal: principal, all: req.query[Bool.self, at: "all"] ?? false,
                                                 paging: try req.paging(defaultPer: 50), now: now, timeZone: req.timeZone, on: req.db)
        return OnDuty.View(ctx: ctx, model: model).document()
    }

    // MARK: - iCalendar downloads

    func unitCalendar(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let ctx = PageContext(req)
        let filter = try Self.localizedSync(ctx) { try RosterService.filter(req) }
        return try await RosterService.unitCalendar(unit, filter: filter, on: req.db)
    }

    func personCalendar(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        guard let personID = req.parameters.get("personID", as: UUID.self) else {
            throw Abort(.badRequest, reason: "personID must be a UUID")
        }
        let (person, readable) = try await Self.localized(ctx) {
            try await RosterService.personForCalendar(personID, principal: principal, on: req.db)
        }
        let filter = try Self.localizedSync(ctx) { try RosterService.filter(req) }
        return try await RosterService.personCalendar(person, readable: readable, from: filter.from, to: filter.to, on: req.db)
    }
}
