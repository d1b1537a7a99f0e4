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

    static func roleName(_ ctx: PageContext, _ role: DutyRole) -> String { ctx.t(role.vietnamese, role.english) }

    static func roleOptions(_ ctx: PageContext, selected: DutyRole = .technical) -> HTML {
        DutyRole.allCases.html { role in
            "<option value=\"\(role.rawValue)\"\(role == selected ? HTML(raw: " selected") : .empty)>\(roleName(ctx, role))</option>"
        }
    }

    static func campaignOptions(_ campaigns: [Campaign], selected: UUID?, none: String) -> HTML {
        let first: HTML = "<option value=\"\">\(none)</option>"
        return HTML(raw: first.raw + campaigns.html { c in
            "<option value=\"\(c.id)\"\(c.id == selected ? HTML(raw: " selected") : .empty)>\(c.title)</option>"
        }.raw)
    }

    static func duration(_ ctx: PageContext, minutes: Int) -> String {
        let (h, m) = (minutes / 60, minutes % 60)
        if h == 0 { return "\(m) \(ctx.t("phút", "min"))" }
        return m == 0 ? "\(h) \(ctx.t("giờ", "h"))" : "\(h) \(ctx.t("giờ", "h")) \(m) \(ctx.t("phút", "min"))"
    }

    static func recentCampaigns(on db: any Database) async throws -> [Campaign] {
        try await Campaign.query(on: db).sort(\.$startsAt, .descending).limit(50).all()
    }

    /// Active people of the unit and the units below it, for the forms.
    static func assignable(unitID: UUID, on db: any Database) async throws -> [Person] {
        let subtree = try await RosterService.subtree(of: unitID, on: db)
        return try await Person.query(on: db).filter(\.$unit.$id ~~ Array(subtree)).filter(\.$isActive == true)
            .sort(\.$fullName).limit(1000).all()
    }

    // MARK: - The roster page

    func roster(req: Request) async throws -> HTML {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let manages = principal.policy.allows(.manageRoster, on: unitID)
        let campaigns = try await Self.recentCampaigns(on: req.db)

        let (filter, period, coverage) = try await Self.localized(ctx) {
            var filter = try RosterService.filter(req)
            let period = try await RosterService.period(campaignID: filter.campaignID, from: nil, to: nil, timeZone: nil,
                                                        defaultTimeZone: req.timeZone, on: req.db)
            let coverage = try await RosterService.coverage(unitID: unitID, period: period, on: req.db)
            // The list shows the chosen campaign's period (all shifts in it), else from the start of today.
            if period.campaign != nil {
                filter.from = filter.from ?? period.from
                filter.to = filter.to ?? period.to
                filter.campaignID = nil
            } else if filter.from == nil {
                filter.from = LocalDay(Date(), in: req.timeZone).start(in: req.timeZone)
            }
            return (filter, period, coverage)
        }
        let page = try await RosterService.query(unitID: unitID, filter: filter, on: req.db).with(\.$person).with(\.$campaign)
            .page(req.paging())
        let people = manages ? try await Self.assignable(unitID: unitID, on: req.db) : []
        let selectedCampaign = period.campaign?.id
        let periodZone = period.timeZone

        let coverageHTML: HTML = """
        <section class="coverage">
        <h2>\(ctx.t("Kiểm tra trực 24/7", "24/7 coverage check"))</h2>
        <form method="get" action="/units/\(unitID)/roster">
          <label>\(ctx.t(.campaign)) <select name="campaignID">\(Self.campaignOptions(campaigns, selected: selectedCampaign, none: ctx.t("7 ngày tới", "Next 7 days")))</select></label>
          <button type="submit">\(ctx.t("Kiểm tra", "Check"))</button>
        </form>
        <p>\(ctx.t("Giai đoạn", "Period")): \(VNDateFormat.format(period.from, timeZone: periodZone)) – \(VNDateFormat.format(period.to, timeZone: periodZone)) (\(periodZone.identifier))\(period.campaign.map { " · \($0.title)" } ?? "")</p>
        \(coverage.fullyCovered
          ? "<p class=\"s-done\">\(ctx.t("Đủ người trực kỹ thuật suốt giai đoạn và có lãnh đạo trực mỗi ngày.", "Technical duty covers the whole period and every day has a leader on duty."))</p>" as HTML
          : .empty)
        \(coverage.gaps.isEmpty ? .empty : """
          <h3>\(ctx.t("Khoảng trống không có người trực kỹ thuật", "Gaps with nobody on technical duty")) (\(coverage.gaps.count), \(Self.duration(ctx, minutes: coverage.gapMinutes)))</h3>
          <table class="gaps"><thead><tr><th>\(ctx.t(.from))</th><th>\(ctx.t(.to))</th><th>\(ctx.t("Thời lượng", "Duration"))</th></tr></thead>
          <tbody>\(coverage.gaps.html { gap in
            "<tr class=\"gap\"><td>\(VNDateFormat.format(gap.start, timeZone: periodZone))</td><td>\(VNDateFormat.format(gap.end, timeZone: periodZone))</td><td>\(Self.duration(ctx, minutes: gap.minutes))</td></tr>" })</tbody></table>
          """)
        \(coverage.daysWithoutLeader.isEmpty ? .empty : """
          <h3>\(ctx.t("Ngày không có lãnh đạo trực", "Days without a leader on duty"))</h3>
          <ul class="leaderless">\(coverage.daysWithoutLeader.html { "<li class=\"gap\">\(VNDateFormat.formatDay($0))</li>" })</ul>
          """)
        </section>
        """

        let rows: HTML = page.items.html { shift in
            let person = shift.$person.value
            let actions: HTML = manages ? """
            <a href="/shifts/\(shift.id)/edit">\(ctx.t(.edit))</a>
            <form class="inline" method="post" action="/shifts/\(shift.id)/delete">\(ctx.csrfField)<button type="submit">\(ctx.t(.delete))</button></form>
            """ : .empty
            return """
            <tr><td>\(ctx.date(shift.startsAt))</td><td>\(ctx.date(shift.endsAt))</td><td>\(Self.roleName(ctx, shift.role))</td>
            <td>\(person?.fullName ?? "")<br><span class="muted">\(person?.phone ?? "") \(person?.email ?? "")</span></td>
            <td>\(shift.$campaign.value??.title ?? "")</td><td>\(shift.note ?? "")</td>\(manages ? "<td>\(actions)</td>" as HTML : .empty)</tr>
            """
        }
        let peopleOptions: HTML = people.html { "<option value=\"\($0.id)\">\($0.fullName) (\($0.email))</option>" }
        let peopleChecks: HTML = people.html {
            "<label class=\"check\"><input type=\"checkbox\" name=\"people[]\" value=\"\($0.id)\"> \($0.fullName) (\($0.email))</label>"
        }
        let campaignSelect = Self.campaignOptions(campaigns, selected: selectedCampaign, none: ctx.t("— Không gắn đợt —", "— No campaign —"))
        let today = LocalDay(Date(), in: req.timeZone)
        let forms: HTML = manages ? """
        <h2>\(ctx.t("Thêm ca trực", "Add a shift"))</h2>
        <form class="stack" method="post" action="/units/\(unitID)/roster/shifts">\(ctx.csrfField)
          <label>\(ctx.t("Cán bộ trực", "Person on duty")) <select name="personID" required>\(peopleOptions)</select></label>
          <label>\(ctx.t(.start)) <input type="datetime-local" name="startsAt" required></label>
          <label>\(ctx.t("Kết thúc (tối đa 24 giờ sau)", "End (at most 24 hours later)")) <input type="datetime-local" name="endsAt" required></label>
          <label>\(ctx.t(.role)) <select name="role">\(Self.roleOptions(ctx))</select></label>
          <label>\(ctx.t(.campaign)) <select name="campaignID">\(campaignSelect)</select></label>
          <label>\(ctx.t(.note)) <input name="note" maxlength="1000"></label>
          <button type="submit">\(ctx.t(.add))</button>
        </form>
        <h2>\(ctx.t("Tạo lịch theo mẫu", "Generate from a pattern"))</h2>
        <form class="stack" method="post" action="/units/\(unitID)/roster/generate">\(ctx.csrfField)
          <label>\(ctx.t("Mẫu ca", "Pattern")) <select name="pattern">
            <option value="3x8">\(ctx.t("3 ca x 8 giờ (00–08, 08–16, 16–24)", "3 x 8 hours (00–08, 08–16, 16–24)"))</option>
            <option value="12h">\(ctx.t("2 ca x 12 giờ (07–19, 19–07)", "12 hours day/night (07–19, 19–07)"))</option>
            <option value="custom">\(ctx.t("Tự nhập các ca bên dưới", "Custom slots below"))</option></select></label>
          <label>\(ctx.t("Các ca tự nhập, ví dụ 08:00-08:00 hoặc 07:30-17:00, 17:00-07:30", "Custom slots, e.g. 08:00-08:00 or 07:30-17:00, 17:00-07:30")) <input name="slots"></label>
          <label>\(ctx.t("Từ ngày", "From day")) <input type="date" name="from" value="\(today.description)" required></label>
          <label>\(ctx.t("Đến ngày (tính cả ngày này)", "To day (inclusive)")) <input type="date" name="to" value="\(today.adding(days: 6).description)" required></label>
          <fieldset><legend>\(ctx.t("Cán bộ luân phiên (theo thứ tự)", "People to rotate through (in order)"))</legend>\(peopleChecks)</fieldset>
          <label>\(ctx.t(.role)) <select name="role">\(Self.roleOptions(ctx))</select></label>
          <label>\(ctx.t(.campaign)) <select name="campaignID">\(campaignSelect)</select></label>
          <label>\(ctx.t(.note)) <input name="note" maxlength="1000"></label>
          <button type="submit">\(ctx.t("Tạo lịch", "Generate"))</button>
        </form>
        <h2>\(ctx.t("Nhập lịch từ tệp CSV", "Import shifts from CSV"))</h2>
        <form class="stack" method="post" action="/units/\(unitID)/roster/import" enctype="multipart/form-data">\(ctx.csrfField)
          <p class="muted">\(ctx.t("Dòng tiêu đề: person_email,start,end,role,note — thời gian dạng 30/04/2023 07:00; vai trò technical/leader (kỹ thuật/lãnh đạo). Có dòng lỗi thì không nhập dòng nào.",
                                   "Header: person_email,start,end,role,note — times like 30/04/2023 07:00; role technical/leader. Any bad row: nothing is imported."))</p>
          <label>\(ctx.t("Tệp CSV (UTF-8)", "CSV file (UTF-8)")) <input type="file" name="file" accept=".csv,text/csv" required></label>
          <label>\(ctx.t(.campaign)) <select name="campaignID">\(campaignSelect)</select></label>
          <button type="submit">\(ctx.t("Nhập", "Import"))</button>
        </form>
        """ : .empty

        return PageFrame.page(ctx, title: ctx.t(.dutyRoster) + " – " + unit.name, body: """
        <h1>\(ctx.t(.dutyRoster)) – \(unit.name)</h1>
        <p><a href="/units/\(unitID)">\(unit.name)</a> · <a href="/on-duty?unitID=\(unitID)">\(ctx.t("Ai đang trực", "Who is on duty now"))</a> · <a href="/units/\(unitID)/roster.ics">\(ctx.t("Tải lịch iCalendar (.ics)", "Download iCalendar (.ics)"))</a> · <a href="/people/\(principal.personID)/roster.ics">\(ctx.t("Lịch trực của tôi (.ics)", "My shifts (.ics)"))</a></p>
        \(coverageHTML)
        <h2>\(ctx.t("Các ca trực", "Shifts"))</h2>
        <form method="get" action="/units/\(unitID)/roster">
          <label>\(ctx.t(.from)) <input type="date" name="from" value="\(filter.from.map { LocalDay($0, in: req.timeZone).description } ?? "")"></label>
          <label>\(ctx.t(.to)) <input type="date" name="to" value="\(filter.to.map { LocalDay($0.addingTimeInterval(-1), in: req.timeZone).description } ?? "")"></label>
          \(selectedCampaign.map { "<input type=\"hidden\" name=\"campaignID\" value=\"\($0)\">" as HTML } ?? .empty)
          <button type="submit">\(ctx.t(.filter))</button>
        </form>
        <table class="shifts"><thead><tr><th>\(ctx.t(.start))</th><th>\(ctx.t("Kết thúc", "End"))</th><th>\(ctx.t(.role))</th><th>\(ctx.t("Cán bộ", "Person"))</th><th>\(ctx.t("Đợt", "Campaign"))</th><th>\(ctx.t(.note))</th>\(manages ? "<th></th>" as HTML : .empty)</tr></thead>
        <tbody>\(rows)</tbody></table>
        \(page.items.isEmpty ? "<p class=\"muted\">\(ctx.t("Chưa có ca trực nào trong khoảng này.", "No shifts in this range."))</p>" as HTML : .empty)
        \(PageFrame.pager(ctx, metadata: page.metadata, request: req))
        \(forms)
        """)
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
        return req.redirect(to: "/units/\(unitID)/roster", flash: Flash(.shiftAdded))
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
        return req.redirect(to: "/units/\(unitID)/roster", flash: Flash(.shiftsGenerated, shifts.count))
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
            return req.redirect(to: "/units/\(unitID)/roster", flash: Flash(.shiftsImported, shifts.count))
        case .malformed(let message):
            throw Abort(.badRequest, reason: message)
        case .rowErrors(let rows):
            let page = PageFrame.page(ctx, title: ctx.t("Lỗi nhập lịch trực", "Roster import errors"), body: """
            <section class="error">
            <h1>\(ctx.t("Không nhập được tệp \(file.filename)", "Could not import \(file.filename)"))</h1>
            <p class="reason">\(ctx.t("Có \(rows.count) lỗi; chưa nhập ca trực nào. Sửa các dòng dưới đây rồi nhập lại cả tệp.",
                                      "\(rows.count) error(s); no shift was imported. Fix the rows below and import the whole file again."))</p>
            <table class="import-errors"><thead><tr><th>\(ctx.t("Dòng", "Line"))</th><th>\(ctx.t("Lỗi", "Problem"))</th></tr></thead>
            <tbody>\(rows.html { "<tr class=\"gap\"><td>\($0.line)</td><td>\($0.message)</td></tr>" })</tbody></table>
            <p><a href="/units/\(unitID)/roster">\(ctx.t("Quay lại lịch trực", "Back to the roster"))</a></p>
            </section>
            """)
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
        let ctx = PageContext(req)
        let unitID = shift.$unit.id
        let unit = try await OrgUnit.find(unitID, on: req.db)
        let people = try await Self.assignable(unitID: unitID, on: req.db)
        let campaigns = try await Self.recentCampaigns(on: req.db)
        let options: HTML = people.html { p in
            "<option value=\"\(p.id)\"\(p.id == shift.$person.id ? HTML(raw: " selected") : .empty)>\(p.fullName) (\(p.email))</option>"
        }
        return PageFrame.page(ctx, title: ctx.t("Sửa ca trực", "Edit shift"), body: """
        <h1>\(ctx.t("Sửa ca trực", "Edit shift")) – \(unit?.name ?? "")</h1>
        <form class="stack" method="post" action="/shifts/\(shift.id)/edit">\(ctx.csrfField)
          <label>\(ctx.t("Cán bộ trực", "Person on duty")) <select name="personID" required>\(options)</select></label>
          <label>\(ctx.t(.start)) <input type="datetime-local" name="startsAt" value="\(ctx.inputDate(shift.startsAt))" required></label>
          <label>\(ctx.t("Kết thúc", "End")) <input type="datetime-local" name="endsAt" value="\(ctx.inputDate(shift.endsAt))" required></label>
          <label>\(ctx.t(.role)) <select name="role">\(Self.roleOptions(ctx, selected: shift.role))</select></label>
          <label>\(ctx.t(.campaign)) <select name="campaignID">\(Self.campaignOptions(campaigns, selected: shift.$campaign.id, none: ctx.t("— Không gắn đợt —", "— No campaign —")))</select></label>
          <label>\(ctx.t(.note)) <input name="note" maxlength="1000" value="\(shift.note ?? "")"></label>
          <button type="submit">\(ctx.t(.save))</button>
        </form>
        <p><a href="/units/\(unitID)/roster">\(ctx.t("Quay lại lịch trực", "Back to the roster"))</a></p>
        """)
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
        return req.redirect(to: "/units/\(shift.$unit.id)/roster", flash: Flash(.shiftSaved))
    }

    func delete(req: Request) async throws -> Response {
        let (shift, principal) = try await Self.find(req, .manageRoster)
        let unitID = shift.$unit.id
        try await RosterService.delete(shift, by: principal, on: req.db)
        return req.redirect(to: "/units/\(unitID)/roster", flash: Flash(.shiftDeleted))
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
            let board = try await RosterService.onDuty(units: [unit], restrictTo: [unitID], at: now, timeZone: req.timeZone, on: req.db)[0]
            return PageFrame.page(ctx, title: ctx.t(.whoIsOnDuty) + " – " + unit.name, body: """
            <h1>\(ctx.t(.whoIsOnDuty)) – \(unit.name)</h1>
            <p class="muted">\(ctx.t(.at)) \(ctx.date(now)) · <a href="/units/\(unitID)/roster">\(ctx.t(.dutyRoster))</a> · <a href="/on-duty">\(ctx.t("Toàn tỉnh", "Province-wide"))</a></p>
            \(board.onDuty.isEmpty
              ? "<p class=\"gap\">\(ctx.t("Không có ai đang trực.", "Nobody is on duty now."))</p>" as HTML
              : Self.dutyTable(ctx, board.onDuty))
            \(board.technicalNow || board.onDuty.isEmpty ? .empty : "<p class=\"gap\">\(ctx.t("Không có ai trực kỹ thuật lúc này.", "Nobody is on technical duty now."))</p>" as HTML)
            <h2>\(ctx.t("24 giờ tới", "Next 24 hours"))</h2>
            \(Self.gapList(ctx, board))
            """)
        }

        let paging = try req.paging(defaultPer: 50)
        let all = req.query[Bool.self, at: "all"] ?? false
        let board = try await RosterService.provinceOnDuty(for: principal, at: now, all: all, paging: paging,
                                                           timeZone: req.timeZone, on: req.db)
        let province = principal.policy.seesProvinceDuty
        let title = province ? ctx.t("Trực toàn tỉnh", "Province-wide duty") : ctx.t("Trực tại các đơn vị của bạn", "Duty in your units")
        let rows: HTML = board.items.html { unit in
            """
            <tr\(unit.hasGap ? HTML(raw: " class=\"gap\"") : .empty)><td><a href="/on-duty?unitID=\(unit.unitID)">\(unit.unitName)</a> <span class="badge">\(unit.unitCode)</span></td>
            <td>\(unit.onDuty.isEmpty ? "\(ctx.t("Không có ai", "Nobody"))" as HTML : unit.onDuty.html { p in
                "\(p.fullName) (\(Self.roleName(ctx, p.role))) \(p.phone.map { "<a href=\"tel:\($0)\">\($0)</a>" as HTML } ?? .empty)<br>" })</td>
            <td>\(unit.gaps.isEmpty ? "\(ctx.t("Đủ người trực", "Covered"))" as HTML : unit.gaps.html { g in
                "\(ctx.date(g.start)) – \(ctx.date(g.end))<br>" })</td></tr>
            """
        }
        return PageFrame.page(ctx, title: title, body: """
        <h1>\(title)</h1>
        <p>\(ctx.t(.at)) \(ctx.date(board.at)) · \(ctx.t("\(board.unitsWithGap)/\(board.unitCount) đơn vị có khoảng trống không người trực kỹ thuật trong 24 giờ tới.",
                                                               "\(board.unitsWithGap) of \(board.unitCount) units have a gap in technical duty within the next 24 hours."))
        \(all ? "<a href=\"/on-duty\">\(ctx.t("Chỉ đơn vị có khoảng trống", "Only units with a gap"))</a>" as HTML
              : "<a href=\"/on-duty?all=true\">\(ctx.t("Xem tất cả đơn vị", "Show every unit"))</a>" as HTML)
        · <a href="/people/\(principal.personID)/roster.ics">\(ctx.t("Lịch trực của tôi (.ics)", "My shifts (.ics)"))</a></p>
        <table class="duty-board"><thead><tr><th>\(ctx.t(.unit))</th><th>\(ctx.t("Đang trực", "On duty now"))</th><th>\(ctx.t("Khoảng trống 24 giờ tới", "Gaps in the next 24 hours"))</th></tr></thead>
        <tbody>\(rows)</tbody></table>
        \(board.items.isEmpty ? "<p class=\"muted\">\(ctx.t("Không có đơn vị nào có khoảng trống.", "No unit has a gap."))</p>" as HTML : .empty)
        \(PageFrame.pager(ctx, metadata: board.metadata, request: req))
        """)
    }

    static func dutyTable(_ ctx: PageContext, _ people: [OnDutyPersonDTO]) -> HTML {
        """
        <table class="on-duty"><thead><tr><th>\(ctx.t(.fullName))</th><th>\(ctx.t(.role))</th><th>\(ctx.t(.phone))</th><th>Email</th><th>\(ctx.t("Hết ca lúc", "Shift ends"))</th></tr></thead>
        <tbody>\(people.html { p in
          "<tr><td>\(p.fullName)</td><td>\(roleName(ctx, p.role))</td><td>\(p.phone.map { "<a href=\"tel:\($0)\">\($0)</a>" as HTML } ?? .empty)</td><td><a href=\"mailto:\(p.email)\">\(p.email)</a></td><td>\(ctx.date(p.endsAt))</td></tr>" })</tbody></table>
        """
    }

    static func gapList(_ ctx: PageContext, _ board: UnitOnDutyDTO) -> HTML {
        var parts: [HTML] = []
        if board.gaps.isEmpty {
            parts.append("<p class=\"s-done\">\(ctx.t("Có người trực kỹ thuật suốt 24 giờ tới.", "Technical duty is covered for the next 24 hours."))</p>")
        } else {
            parts.append("""
            <table class="gaps"><thead><tr><th>\(ctx.t("Khoảng trống từ", "Gap from"))</th><th>\(ctx.t(.to))</th><th>\(ctx.t("Thời lượng", "Duration"))</th></tr></thead>
            <tbody>\(board.gaps.html { g in "<tr class=\"gap\"><td>\(ctx.date(g.start))</td><td>\(ctx.date(g.end))</td><td>\(duration(ctx, minutes: g.minutes))</td></tr>" })</tbody></table>
            """)
        }
        if !board.daysWithoutLeader.isEmpty {
            parts.append("<p class=\"gap\">\(ctx.t("Chưa có lãnh đạo trực ngày", "No leader on duty on")) \(board.daysWithoutLeader.map(VNDateFormat.formatDay).joined(separator: ", "))</p>")
        }
        return HTML(raw: parts.map(\.raw).joined(separator: "\n"))
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
