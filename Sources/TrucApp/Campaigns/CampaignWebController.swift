import Fluent
import TrucCore
import Vapor

/// Pages for campaigns (đợt cao điểm): the list, the creation form, one campaign (directive, documents, checklist,
/// the units' answer forms, the compliance board), one unit's answers, the printable summary, CSV and evidence downloads.
/// Works without JavaScript; every form carries the CSRF token. The rules live in CampaignService.
struct CampaignWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(CampaignRoute.list, use: list)
        routes.on(CampaignRoute.new, use: newForm)
        routes.on(CampaignRoute.create, use: create)
        routes.on(CampaignRoute.createFromTemplate, use: createFromTemplate)
        routes.on(CampaignRoute.show(.routeKey), use: show)
        routes.on(CampaignRoute.update(.routeKey), use: update)
        routes.on(CampaignRoute.addItem(.routeKey), use: addItem)
        routes.on(CampaignRoute.updateItem(.routeKey, item: .routeKey), use: updateItem)
        routes.on(CampaignRoute.deleteItem(.routeKey, item: .routeKey), use: deleteItem)
        routes.on(CampaignRoute.unit(.routeKey, unit: .routeKey), use: unitPage)
        routes.on(CampaignRoute.acknowledge(.routeKey, unit: .routeKey), use: acknowledge)
        routes.on(CampaignRoute.report(.routeKey, item: .routeKey, unit: .routeKey), use: report)
        routes.on(CampaignRoute.complianceCSV(.routeKey), use: complianceCSV)
        routes.on(CampaignRoute.summary(.routeKey), use: summary)
        routes.on(CampaignRoute.evidence(.routeKey), use: evidence)
    }

    /// Web pages are not part of the JSON API document.
    static let operations: [APIOperation] = []

    /// At most this many of one's own units get their answer forms inline on the campaign page; the rest are links.
    static let inlineUnits = 5

    // MARK: - List and creation

    func list(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let now = Date()
        let q = req.query[String.self, at: "q"]
        let state = req.query[String.self, at: "state"]
        let page = try await Self.localized(req) {
            try await CampaignService.listQuery(for: principal, q: q, state: state, now: now, on: req.db).page(req.paging())
        }
        let states: [(String, String)] = [("", ctx.t(.all)), ("active", ctx.t("Đang diễn ra", "Active")),
                                          ("upcoming", ctx.t("Sắp diễn ra", "Upcoming")), ("ended", ctx.t("Đã kết thúc", "Ended"))]
        return PageFrame.page(ctx, title: ctx.t(.campaigns), body: """
        <h1>\(ctx.t("Đợt cao điểm bảo đảm ATTT", "Security readiness campaigns"))</h1>
        \(principal.isCoordinator ? "<p><a href=\"/campaigns/new\">\(ctx.t("Tạo đợt cao điểm mới", "New campaign"))</a></p>" as HTML : .empty)
        <form method="get" action="/campaigns">
          <input name="q" value="\(q ?? "")" placeholder="\(ctx.t("Tìm theo tiêu đề", "Search the title"))">
          <select name="state">\(states.html { s in
            "<option value=\"\(s.0)\"\((state ?? "") == s.0 ? HTML(raw: " selected") : .empty)>\(s.1)</option>" })</select>
          <button>\(ctx.t(.search))</button>
        </form>
        \(page.items.isEmpty ? "<p class=\"muted\">\(ctx.t("Chưa có đợt cao điểm nào.", "No campaigns yet."))</p>" as HTML : """
        <table><thead><tr><th>\(ctx.t(.title))</th><th>\(ctx.t(.period))</th><th>\(ctx.t(.state))</th></tr></thead>
        <tbody>\(page.items.html { c in
          "<tr><td><a href=\"/campaigns/\(c.id)\">\(c.title)</a></td><td>\(Self.period(c))</td><td>\(Self.stateLabel(ctx, c, now: now))</td></tr>" })</tbody></table>
        """)
        \(PageFrame.pager(ctx, metadata: page.metadata, request: req))
        """)
    }

    func newForm(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        try Self.localized(req) { try CampaignService.requireCoordinator(principal) }
        let ctx = PageContext(req)
        let year = LocalDay(Date(), in: TimeZone(identifier: CampaignService.defaultTimeZone)!).year
        let itemRows: HTML = (1...5).html { i in """
            <fieldset><legend>\(ctx.t("Mục kiểm tra", "Checklist item")) \(i)</legend>
              <label>\(ctx.t(.title)) <input name="item\(i)_title" maxlength="300"></label>
              <label>\(ctx.t(.detail)) <textarea name="item\(i)_detail"></textarea></label>
              \(Self.kindBoxes(ctx, name: "item\(i)_kinds", checked: []))
              <label>\(ctx.t(.itemDeadline)) <input type="datetime-local" name="item\(i)_due"></label>
            </fieldset>
            """ }
        return PageFrame.page(ctx, title: ctx.t("Tạo đợt cao điểm", "New campaign"), body: """
        <h1>\(ctx.t("Tạo đợt cao điểm", "New campaign"))</h1>
        <h2>\(ctx.t("Từ mẫu chỉ đạo năm 2023 (Lễ 30/4 – 01/5)", "From the 2023 directive template (30/4 – 01/5 holidays)"))</h2>
        <form class="stack" method="post" action="/campaigns/from-template">\(ctx.csrfField)
          <input type="hidden" name="template" value="le-30-4">
          <label>\(ctx.t("Năm", "Year")) <input type="number" name="year" min="2000" max="2100" value="\(year)" required></label>
          <p class="muted">\(ctx.t("Tạo 5 mục kiểm tra theo văn bản chỉ đạo, kèm các văn bản dẫn chiếu; thời gian 29/4 – 04/5 giờ địa phương.",
                                   "Creates the directive's 5 checklist items with its referenced documents; period 29/4 – 04/5 local time."))</p>
          <button type="submit">\(ctx.t("Tạo từ mẫu chỉ đạo 2023", "Create from the 2023 directive template"))</button>
        </form>
        <h2>\(ctx.t("Tự soạn", "Write your own"))</h2>
        <form class="stack" method="post" action="/campaigns">\(ctx.csrfField)
          \(Self.campaignFields(ctx, title: "", start: "", end: "", timeZone: CampaignService.defaultTimeZone, directive: "", documents: ""))
          \(itemRows)
          <p class="muted">\(ctx.t("Có thể thêm mục kiểm tra sau khi tạo.", "More items can be added after creating the campaign."))</p>
          <button type="submit">\(ctx.t("Tạo", "Create"))</button>
        </form>
        """)
    }

    struct CampaignForm: Content, LimitedInput {
        var title: String?
        var startsAt: String?
        var endsAt: String?
        var timeZone: String?
        var directive: String?
        var documents: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            CampaignInput.checkLimits(&check, title: title, timeZone: timeZone, directive: directive, documents: nil)
            check.text("startsAt", startsAt, TextLimit.code)
            check.text("endsAt", endsAt, TextLimit.code)
            // One document a line: number, date, issuer, title.
            check.text("documents", documents, CampaignService.maxDocuments * (CampaignService.maxDocumentNumber + CampaignService.maxDocumentIssuer + CampaignService.maxDocumentTitle + 20))
        }
    }

    /// The checklist items of the new-campaign form (fields item1_title … item20_due), each within its limits.
    struct CampaignItemFields: LimitedInput {
        static let count = 20
        var fields: [String: String] = [:]
        var kinds: [String: [String]] = [:]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            for i in 1...Self.count {
                for suffix in ["title", "detail", "due"] {
                    let key = AnyKey("item\(i)_\(suffix)")
                    if let value = try? container.decodeIfPresent(String.self, forKey: key) { fields[key.stringValue] = value }
                }
                let key = AnyKey("item\(i)_kinds")
                if let values = try? container.decodeIfPresent([String].self, forKey: key) { kinds[key.stringValue] = values }
            }
        }

        func checkLimits(_ check: inout TextLimitCheck) {
            for i in 1...Self.count {
                ChecklistItemInput.checkLimits(&check, prefix: "item\(i)_", title: fields["item\(i)_title"], detail: fields["item\(i)_detail"],
                                               targetKinds: nil)
                check.text("item\(i)_due", fields["item\(i)_due"], TextLimit.code)
                check.texts("item\(i)_kinds", kinds["item\(i)_kinds"], TextLimit.code, maxEntries: UnitKind.allCases.count)
            }
        }

        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ string: String) { stringValue = string }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    func create(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        return try await Self.localized(req) {
            try CampaignService.requireCoordinator(principal)
            let form = try req.input(CampaignForm.self)
            _ = try req.input(CampaignItemFields.self)
            var problems = CampaignProblems()
            let zone = CampaignService.checkTimeZone(form.timeZone, &problems)
            let tz = TimeZone(identifier: zone) ?? AppConfig.defaultTimeZone
            let start = Self.parseDate(form.startsAt, field: "startsAt", tz, &problems)
            let end = Self.parseDate(form.endsAt, field: "endsAt", tz, &problems)
            let documents = Self.parseDocuments(form.documents, &problems)
            var items: [ChecklistItemInput] = []
            for i in 1...CampaignItemFields.count {
                let title = (try? req.content.get(String.self, at: "item\(i)_title")).nonEmpty
                let detail = (try? req.content.get(String.self, at: "item\(i)_detail")).nonEmpty
                let kinds = (try? req.content.get([String].self, at: "item\(i)_kinds")) ?? []
                let due = Self.parseDate((try? req.content.get(String.self, at: "item\(i)_due")), field: "item\(i) deadline", tz, &problems)
                if title == nil && detail == nil && kinds.isEmpty && due == nil { continue }
                items.append(ChecklistItemInput(title: title, detail: detail, targetKinds: kinds, dueAt: due))
            }
            try problems.check()
            let input = CampaignInput(title: form.title, startsAt: start, endsAt: end, timeZone: zone, directive: form.directive,
                                      documents: documents, items: items)
            let (campaign, _) = try await CampaignService.create(input, by: principal, on: req.db)
            return req.redirect(to: "/campaigns/\(campaign.id!)", flash: Flash(.campaignCreated))
        }
    }

    struct TemplateForm: Content, LimitedInput {
        var template: String?
        var year: String?
        var title: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("template", template, TextLimit.code)
            check.text("year", year, TextLimit.code)
            check.text("title", title, CampaignService.maxTitle)
        }
    }

    func createFromTemplate(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        return try await Self.localized(req) {
            try CampaignService.requireCoordinator(principal)
            let form = try req.input(TemplateForm.self)
            var year: Int?
            if let text = form.year.nonEmpty {
                guard let y = Int(text) else { throw BilingualError(.unprocessableEntity, "Năm không hợp lệ.", "The year is not a number.") }
                year = y
            }
            let input = CampaignInput(template: form.template.nonEmpty ?? "le-30-4", year: year, title: form.title.nonEmpty)
            let (campaign, _) = try await CampaignService.create(input, by: principal, on: req.db)
            return req.redirect(to: "/campaigns/\(campaign.id!)", flash: Flash(.campaignCreatedFromTemplate))
        }
    }

    // MARK: - One campaign

    func show(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let (campaign, items) = try await Self.campaign(req)
        let now = Date()
        let data = try await CampaignService.boardData(campaign, items: items, for: principal, now: now, on: req.db)
        let reportable = try await CampaignService.reportableUnits(items, for: principal, on: req.db)
        var mine: [HTML] = []
        for unit in reportable.prefix(Self.inlineUnits) {
            let view = try await CampaignService.unitView(campaign, unit: unit, for: principal, now: now, on: req.db)
            mine.append(Self.unitSection(ctx, campaign: campaign, view: view, back: "/campaigns/\(campaign.id!)"))
        }
        let more: HTML = reportable.count > Self.inlineUnits ? """
            <p>\(ctx.t("Các đơn vị khác của bạn:", "Your other units:")) \(reportable.dropFirst(Self.inlineUnits).html { u in
              "<a href=\"/campaigns/\(campaign.id)/units/\(u.id)\">\(u.name)</a> " })</p>
            """ : .empty
        let zone = campaign.zone
        let itemsTable: HTML = """
        <table><thead><tr><th>#</th><th>\(ctx.t("Mục kiểm tra", "Checklist item"))</th><th>\(ctx.t("Áp dụng cho", "For"))</th><th>\(ctx.t(.deadline))</th>\(principal.isCoordinator ? "<th></th>" as HTML : .empty)</tr></thead>
        <tbody>\(items.html { item in
            let due = item.dueAt ?? campaign.endsAt
            return """
            <tr><td>\(item.position)</td><td><strong>\(item.title)</strong>\(item.detail.isEmpty ? .empty : "<br><span class=\"muted\">\(item.detail)</span>" as HTML)</td>
            <td>\(item.targetKinds.map { ctx.kind($0) }.joined(separator: ", "))</td>
            <td>\(VNDateFormat.format(due, timeZone: zone))\(item.dueAt == nil ? " (\(ctx.t("cuối đợt", "end of campaign")))" : "")\(now > due ? " <span class=\"badge s-overdue\">\(ctx.t("đã qua hạn", "past due"))</span>" as HTML : .empty)</td>
            \(principal.isCoordinator ? "<td>\(Self.itemEditForms(ctx, campaign: campaign, item: item))</td>" as HTML : .empty)</tr>
            """ })</tbody></table>
        """
        let showBoard = !data.board.rows.isEmpty && (principal.isCoordinator || data.board.rows.count > 1 || reportable.isEmpty)
        return PageFrame.page(ctx, title: campaign.title, body: """
        <h1>\(campaign.title)</h1>
        <p>\(ctx.t(.period)): <strong>\(Self.period(campaign))</strong> (\(campaign.timeZone)) · \(Self.stateLabel(ctx, campaign, now: now))</p>
        \(Self.directiveBlock(ctx, campaign))
        <h2>\(ctx.t("Các mục kiểm tra", "Checklist"))</h2>
        \(items.isEmpty ? "<p class=\"muted\">\(ctx.t("Chưa có mục kiểm tra.", "No checklist items yet."))</p>" as HTML : itemsTable)
        \(principal.isCoordinator ? Self.coordinatorForms(ctx, campaign: campaign) : .empty)
        \(mine.isEmpty ? .empty : "<h2>\(ctx.t("Báo cáo của đơn vị bạn", "Your units' answers"))</h2>\(mine)\(more)" as HTML)
        \(showBoard ? Self.boardBlock(ctx, data) : .empty)
        """)
    }

    func update(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let (campaign, _) = try await Self.campaign(req)
        return try await Self.localized(req) {
            try CampaignService.requireCoordinator(principal)
            let form = try req.input(CampaignForm.self)
            var problems = CampaignProblems()
            let zone = CampaignService.checkTimeZone(form.timeZone.nonEmpty ?? campaign.timeZone, &problems)
            let tz = TimeZone(identifier: zone) ?? campaign.zone
            let start = Self.parseDate(form.startsAt, field: "startsAt", tz, &problems)
            let end = Self.parseDate(form.endsAt, field: "endsAt", tz, &problems)
            let documents = Self.parseDocuments(form.documents, &problems)
            try problems.check()
            let patch = CampaignPatch(title: form.title, startsAt: start, endsAt: end, timeZone: zone,
                                      directive: form.directive, documents: documents)
            _ = try await CampaignService.update(campaign, with: patch, by: principal, on: req.db)
            return req.redirect(to: "/campaigns/\(campaign.id!)", flash: Flash(.saved))
        }
    }

    struct ItemForm: Content, LimitedInput {
        var title: String?
        var detail: String?
        var kinds: [String]?
        var dueAt: String?
        var position: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            ChecklistItemInput.checkLimits(&check, title: title, detail: detail, targetKinds: nil)
            check.texts("kinds", kinds, TextLimit.code, maxEntries: UnitKind.allCases.count)
            check.text("dueAt", dueAt, TextLimit.code)
            check.text("position", position, TextLimit.code)
        }
    }

    func addItem(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let (campaign, _) = try await Self.campaign(req)
        return try await Self.localized(req) {
            try CampaignService.requireCoordinator(principal)
            let form = try req.input(ItemForm.self)
            var problems = CampaignProblems()
            let due = Self.parseDate(form.dueAt, field: "dueAt", campaign.zone, &problems)
            let position = Self.parsePosition(form.position, &problems)
            try problems.check()
            _ = try await CampaignService.addItem(
                to: campaign, ChecklistItemInput(title: form.title, detail: form.detail, targetKinds: form.kinds ?? [], dueAt: due, position: position),
                by: principal, on: req.db)
            return req.redirect(to: "/campaigns/\(campaign.id!)", flash: Flash(.itemAdded))
        }
    }

    func updateItem(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let (campaign, _) = try await Self.campaign(req)
        return try await Self.localized(req) {
            try CampaignService.requireCoordinator(principal)
            let item = try await CampaignService.findItem(try Self.id(req, "itemID"), in: campaign, on: req.db)
            let form = try req.input(ItemForm.self)
            var problems = CampaignProblems()
            let due = Self.parseDate(form.dueAt, field: "dueAt", campaign.zone, &problems)
            let position = Self.parsePosition(form.position, &problems)
            try problems.check()
            let patch = ChecklistItemPatch(title: form.title, detail: form.detail ?? "", targetKinds: form.kinds ?? [],
                                           position: position, dueAtGiven: true, dueAt: due)
            _ = try await CampaignService.updateItem(item, of: campaign, with: patch, by: principal, on: req.db)
            return req.redirect(to: "/campaigns/\(campaign.id!)", flash: Flash(.itemSaved))
        }
    }

    struct DeleteForm: Content, LimitedInput {
        var force: String?
        func checkLimits(_ check: inout TextLimitCheck) { check.text("force", force, TextLimit.code) }
    }

    func deleteItem(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let (campaign, _) = try await Self.campaign(req)
        return try await Self.localized(req) {
            try CampaignService.requireCoordinator(principal)
            let item = try await CampaignService.findItem(try Self.id(req, "itemID"), in: campaign, on: req.db)
            let form = try req.input(DeleteForm.self)
            try await CampaignService.deleteItem(item, of: campaign, force: form.force.nonEmpty != nil, by: principal, on: req.db)
            return req.redirect(to: "/campaigns/\(campaign.id!)", flash: Flash(.itemDeleted))
        }
    }

    // MARK: - Units answering

    func unitPage(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let (campaign, _) = try await Self.campaign(req)
        let unit = try await req.findUnit()
        let ctx = PageContext(req)
        let view = try await Self.localized(req) {
            try await CampaignService.unitView(campaign, unit: unit, for: principal, on: req.db)
        }
        return PageFrame.page(ctx, title: "\(unit.name) · \(campaign.title)", body: """
        <p><a href="/campaigns/\(campaign.id)">« \(campaign.title)</a></p>
        <h1>\(unit.name)</h1>
        <p>\(ctx.t(.period)): \(Self.period(campaign)) (\(campaign.timeZone))</p>
        \(Self.unitSection(ctx, campaign: campaign, view: view, back: "/campaigns/\(campaign.id!)/units/\(unit.id!)"))
        """)
    }

    struct BackForm: Content {
        var next: String?
    }

    func acknowledge(req: Request) async throws -> Response {
        let (campaign, _) = try await Self.campaign(req)
        let unit = try await req.findUnit()
        return try await Self.localized(req) {
            let principal = try req.authorize(.report, on: unit.requireID())
            let (_, created) = try await CampaignService.acknowledge(campaign, unit: unit, by: principal, on: req.db)
            let back = (try? req.content.decode(BackForm.self))?.next
            return req.redirect(to: back ?? "/campaigns/\(campaign.id!)",
                                flash: Flash(created ? .campaignAcknowledged : .campaignAlreadyAcknowledged))
        }
    }

    func report(req: Request) async throws -> Response {
        let (campaign, _) = try await Self.campaign(req)
        let unit = try await req.findUnit()
        return try await Self.localized(req) {
            let principal = try req.authorize(.report, on: unit.requireID())
            let item = try await CampaignService.findItem(try Self.id(req, "itemID"), in: campaign, on: req.db)
            let input = try req.input(ReportInput.self)
            _ = try await CampaignService.report(campaign, item: item, unit: unit, input: input,
                                                 maxUploadBytes: req.config.maxUploadBytes, by: principal, on: req.db)
            let back = (try? req.content.decode(BackForm.self))?.next
            return req.redirect(to: back ?? "/campaigns/\(campaign.id!)", flash: Flash(.answerSaved))
        }
    }

    // MARK: - Board, CSV, summary, evidence

    func complianceCSV(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let (campaign, items) = try await Self.campaign(req)
        let data = try await CampaignService.boardData(campaign, items: items, for: principal, on: req.db)
        return CampaignAPIController.csvResponse(data, lang: Lang.of(req))
    }

    func summary(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let (campaign, items) = try await Self.campaign(req)
        let data = try await CampaignService.boardData(campaign, items: items, for: principal, on: req.db)
        let s = try await CampaignService.summary(data, on: req.db)
        let zone = campaign.zone
        func d(_ date: Date?) -> String { date.map { VNDateFormat.format($0, timeZone: zone) } ?? "" }
        let counts: (StatusCountsDTO) -> HTML = { c in
            "<td>\(c.done)</td><td>\(c.notApplicable)</td><td>\(c.problem)</td><td>\(c.pending)</td><td>\(c.overdue)</td>"
        }
        let countHeads: HTML = """
        <th>\(ctx.t("Đã thực hiện", "Done"))</th><th>\(ctx.t("Không áp dụng", "Not applicable"))</th><th>\(ctx.t("Có vướng mắc", "Problem"))</th>
        <th>\(ctx.t("Chưa báo cáo", "Pending"))</th><th>\(ctx.t(.overdue))</th>
        """
        return PageFrame.page(ctx, title: ctx.t("Báo cáo tổng hợp", "Summary report") + " · " + campaign.title, body: """
        <p class="noprint"><a href="/campaigns/\(campaign.id)">« \(campaign.title)</a> · \(ctx.t("Dùng chức năng In của trình duyệt (Ctrl+P) để in.", "Use the browser's Print (Ctrl+P) to print."))</p>
        <h1>\(ctx.t("Báo cáo tổng hợp kết quả thực hiện", "Summary report")): \(campaign.title)</h1>
        <p>\(ctx.t(.period)): \(Self.period(campaign)) (\(campaign.timeZone)) · \(ctx.t("Lập lúc", "Generated")): \(d(s.generatedAt))</p>
        \(Self.documentsTable(ctx, campaign.documents))
        <h2>\(ctx.t(.overview))</h2>
        <table><tbody>
          <tr><th>\(ctx.t("Số đơn vị được yêu cầu", "Units targeted"))</th><td>\(s.targetedUnits)</td></tr>
          <tr><th>\(ctx.t("Số đơn vị đã tiếp nhận", "Units that acknowledged"))</th><td>\(s.acknowledgedUnits)</td></tr>
          <tr><th>\(ctx.t("Tỷ lệ hoàn thành", "Completion"))</th><td>\(s.completionPercent)%</td></tr>
        </tbody></table>
        <table><thead><tr>\(countHeads)</tr></thead><tbody><tr>\(counts(s.byStatus))</tr></tbody></table>
        <h2>\(ctx.t("Theo mục kiểm tra", "By checklist item"))</h2>
        <table><thead><tr><th>#</th><th>\(ctx.t(.checklistItem))</th><th>\(ctx.t("Số đơn vị", "Units"))</th>\(countHeads)</tr></thead>
        <tbody>\(s.items.html { i in
          "<tr><td>\(i.item.position)</td><td>\(i.item.title)</td><td>\(i.targetedUnits)</td>\(counts(i.counts))</tr>" })</tbody></table>
        <h2>\(ctx.t("Đơn vị chưa tiếp nhận", "Units that have not acknowledged")) (\(s.unacknowledged.count))</h2>
        \(s.unacknowledged.isEmpty ? "<p>\(ctx.t(.none))</p>" as HTML : "<ul>\(s.unacknowledged.html { "<li>\($0.name) (\($0.code))</li>" })</ul>" as HTML)
        <h2>\(ctx.t("Vướng mắc được báo cáo", "Problems reported")) (\(s.problems.count))</h2>
        \(s.problems.isEmpty ? "<p>\(ctx.t(.none))</p>" as HTML : """
        <table><thead><tr><th>\(ctx.t(.unit))</th><th>\(ctx.t(.checklistItem))</th><th>\(ctx.t(.note))</th><th>\(ctx.t("Người báo cáo", "Reported by"))</th><th>\(ctx.t(.at))</th></tr></thead>
        <tbody>\(s.problems.html { p in
          "<tr><td>\(p.unit.name)</td><td>\(p.itemTitle)</td><td>\(p.note)</td><td>\(p.reporterName ?? "")</td><td>\(d(p.reportedAt))</td></tr>" })</tbody></table>
        """)
        <h2>\(ctx.t("Quá hạn chưa báo cáo", "Overdue, not answered")) (\(s.overdue.count))</h2>
        \(s.overdue.isEmpty ? "<p>\(ctx.t(.none))</p>" as HTML : """
        <table><thead><tr><th>\(ctx.t(.unit))</th><th>\(ctx.t(.checklistItem))</th><th>\(ctx.t(.deadline))</th></tr></thead>
        <tbody>\(s.overdue.html { o in "<tr><td>\(o.unit.name)</td><td>\(o.itemTitle)</td><td>\(d(o.dueAt))</td></tr>" })</tbody></table>
        """)
        """)
    }

    func evidence(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let file = try await Self.localized(req) {
            try await CampaignService.evidence(try Self.id(req, "evidenceID"), for: principal, on: req.db)
        }
        return CampaignService.download(file)
    }

    // MARK: - Fragments

    static func period(_ c: Campaign) -> String {
        VNDateFormat.format(c.startsAt, timeZone: c.zone) + " – " + VNDateFormat.format(c.endsAt, timeZone: c.zone)
    }

    static func stateLabel(_ ctx: PageContext, _ c: Campaign, now: Date) -> HTML {
        if now < c.startsAt { return "<span class=\"badge\">\(ctx.t("Sắp diễn ra", "Upcoming"))</span>" }
        if now < c.endsAt { return "<span class=\"badge s-done\">\(ctx.t("Đang diễn ra", "Active"))</span>" }
        return "<span class=\"badge s-not_applicable\">\(ctx.t("Đã kết thúc", "Ended"))</span>"
    }

    static func directiveBlock(_ ctx: PageContext, _ c: Campaign) -> HTML {
        let paragraphs = c.directive.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        return """
        \(paragraphs.isEmpty ? .empty : "<h2>\(ctx.t("Nội dung chỉ đạo", "Directive"))</h2>\(paragraphs.html { "<p>\($0)</p>" })" as HTML)
        \(documentsTable(ctx, c.documents))
        """
    }

    static func documentsTable(_ ctx: PageContext, _ documents: [ReferencedDocument]) -> HTML {
        guard !documents.isEmpty else { return .empty }
        return """
        <h2>\(ctx.t("Văn bản dẫn chiếu", "Referenced documents"))</h2>
        <table><thead><tr><th>\(ctx.t("Số hiệu", "Number"))</th><th>\(ctx.t("Ngày", "Date"))</th><th>\(ctx.t("Cơ quan ban hành", "Issuer"))</th><th>\(ctx.t("Trích yếu", "Title"))</th></tr></thead>
        <tbody>\(documents.html { d in
          "<tr><td>\(d.number)</td><td>\(LocalDay(iso: d.date).map { VNDateFormat.formatDay($0) } ?? d.date)</td><td>\(d.issuer)</td><td>\(d.title ?? "")</td></tr>" })</tbody></table>
        """
    }

    static func kindBoxes(_ ctx: PageContext, name: String, checked: [UnitKind]) -> HTML {
        """
        <fieldset><legend>\(ctx.t("Áp dụng cho loại đơn vị", "For units of kind"))</legend>\(UnitKind.allCases.html { k in
          "<label><input type=\"checkbox\" name=\"\(name)[]\" value=\"\(k.rawValue)\"\(checked.contains(k) ? HTML(raw: " checked") : .empty)> \(ctx.kind(k))</label>" })</fieldset>
        """
    }

    static func campaignFields(_ ctx: PageContext, title: String, start: String, end: String, timeZone: String,
                               directive: String, documents: String) -> HTML {
        """
        <label>\(ctx.t(.title)) <input name="title" required maxlength="300" value="\(title)"></label>
        <label>\(ctx.t("Bắt đầu", "Starts")) <input type="datetime-local" name="startsAt" required value="\(start)"></label>
        <label>\(ctx.t("Kết thúc", "Ends")) <input type="datetime-local" name="endsAt" required value="\(end)"></label>
        <label>\(ctx.t("Múi giờ (IANA)", "Time zone (IANA)")) <input name="timeZone" value="\(timeZone)"></label>
        <label>\(ctx.t("Nội dung chỉ đạo", "Directive")) <textarea name="directive">\(directive)</textarea></label>
        <label>\(ctx.t("Văn bản dẫn chiếu: mỗi dòng “số hiệu | ngày (dd/MM/yyyy) | cơ quan ban hành | trích yếu”",
                       "Referenced documents: one per line “number | date (dd/MM/yyyy) | issuer | title”"))
          <textarea name="documents" placeholder="1520/BTTTT-CATTT | 26/04/2023 | Bộ Thông tin và Truyền thông | …">\(documents)</textarea></label>
        """
    }

    static func documentLines(_ documents: [ReferencedDocument]) -> String {
        documents.map { d in
            [d.number, LocalDay(iso: d.date).map { VNDateFormat.formatDay($0) } ?? d.date, d.issuer, d.title ?? ""]
                .joined(separator: " | ")
        }.joined(separator: "\n")
    }

    static func coordinatorForms(_ ctx: PageContext, campaign: Campaign) -> HTML {
        let zone = campaign.zone
        return """
        <details class="noprint"><summary>\(ctx.t("Sửa thông tin đợt", "Edit the campaign"))</summary>
        <form class="stack" method="post" action="/campaigns/\(campaign.id)">\(ctx.csrfField)
          \(campaignFields(ctx, title: campaign.title, start: VNDateFormat.datetimeLocal(campaign.startsAt, timeZone: zone),
                           end: VNDateFormat.datetimeLocal(campaign.endsAt, timeZone: zone), timeZone: campaign.timeZone,
                           directive: campaign.directive, documents: documentLines(campaign.documents)))
          <button type="submit">\(ctx.t(.save))</button>
        </form></details>
        <details class="noprint"><summary>\(ctx.t("Thêm mục kiểm tra", "Add a checklist item"))</summary>
        <form class="stack" method="post" action="/campaigns/\(campaign.id)/items">\(ctx.csrfField)
          <label>\(ctx.t(.title)) <input name="title" required maxlength="300"></label>
          <label>\(ctx.t(.detail)) <textarea name="detail"></textarea></label>
          \(kindBoxes(ctx, name: "kinds", checked: []))
          <label>\(ctx.t(.itemDeadline)) <input type="datetime-local" name="dueAt"></label>
          <label>\(ctx.t("Vị trí (để trống: cuối danh sách)", "Position (empty: last)")) <input type="number" name="position" min="1"></label>
          <button type="submit">\(ctx.t(.add))</button>
        </form></details>
        """
    }

    static func itemEditForms(_ ctx: PageContext, campaign: Campaign, item: ChecklistItem) -> HTML {
        """
        <details class="noprint"><summary>\(ctx.t("Sửa / xoá", "Edit / delete"))</summary>
        <form class="stack" method="post" action="/campaigns/\(campaign.id)/items/\(item.id)">\(ctx.csrfField)
          <label>\(ctx.t(.title)) <input name="title" required maxlength="300" value="\(item.title)"></label>
          <label>\(ctx.t(.detail)) <textarea name="detail">\(item.detail)</textarea></label>
          \(kindBoxes(ctx, name: "kinds", checked: item.targetKinds))
          <label>\(ctx.t(.itemDeadline)) <input type="datetime-local" name="dueAt" value="\(item.dueAt.map { VNDateFormat.datetimeLocal($0, timeZone: campaign.zone) } ?? "")"></label>
          <label>\(ctx.t("Vị trí", "Position")) <input type="number" name="position" min="1" value="\(item.position)"></label>
          <button type="submit">\(ctx.t(.save))</button>
        </form>
        <form method="post" action="/campaigns/\(campaign.id)/items/\(item.id)/delete">\(ctx.csrfField)
          <label><input type="checkbox" name="force" value="true"> \(ctx.t("Xoá cả các báo cáo đã gửi", "Also delete the answers given"))</label>
          <button type="submit">\(ctx.t("Xoá mục", "Delete item"))</button>
        </form></details>
        """
    }

    static func cellLabel(_ ctx: PageContext, _ cell: ComplianceBoard.Cell) -> String {
        CampaignService.cellLabel(cell, ctx.lang)
    }

    /// One unit's acknowledgement and answers, with the forms when the person may report for it.
    static func unitSection(_ ctx: PageContext, campaign: Campaign, view: UnitCampaignDTO, back: String) -> HTML {
        let zone = campaign.zone
        func d(_ date: Date?) -> String { date.map { VNDateFormat.format($0, timeZone: zone) } ?? "" }
        let base = "/campaigns/\(campaign.id!.uuidString)"
        let ack: HTML
        if let a = view.acknowledgement {
            ack = "<p class=\"badge s-done\">\(ctx.t("Đã tiếp nhận lúc", "Acknowledged at")) \(d(a.at))\(a.personName.map { " — \($0)" } ?? "")</p>"
        } else if view.canReport {
            ack = """
            <form method="post" action="\(base)/units/\(view.unit.id)/acknowledge">\(ctx.csrfField)
              <input type="hidden" name="next" value="\(back)">
              <span class="badge s-overdue">\(ctx.t(.notAcknowledged))</span>
              <button type="submit">\(ctx.t("Xác nhận tiếp nhận", "Acknowledge"))</button>
            </form>
            """
        } else {
            ack = "<p class=\"badge s-overdue\">\(ctx.t(.notAcknowledged))</p>"
        }
        let entries: HTML = view.items.html { entry in
            let item = entry.item
            let current: HTML = entry.report.map { r in """
                <p>\(ctx.t("Báo cáo hiện tại", "Current answer")): <span class="badge s-\(entry.state.rawValue)">\(cellLabel(ctx, entry.state))</span>
                \(r.reporterName ?? "") · \(d(r.reportedAt))</p>
                \(r.note.isEmpty ? .empty : "<p>\(r.note)</p>" as HTML)
                \(r.evidence.map { e in "<p>\(ctx.t("Minh chứng", "Evidence")): <a href=\"/evidence/\(e.id)\">\(e.filename)</a> (\(e.size) bytes, SHA-256 <code>\(e.sha256)</code>)</p>" as HTML } ?? .empty)
                """ } ?? "<p><span class=\"badge s-\(entry.state.rawValue)\">\(cellLabel(ctx, entry.state))</span></p>"
            let form: HTML = view.canReport ? """
                <form class="stack" method="post" enctype="multipart/form-data" action="\(base)/items/\(item.id)/units/\(view.unit.id)/report">\(ctx.csrfField)
                  <input type="hidden" name="next" value="\(back)">
                  <label>\(ctx.t("Kết quả", "Status")) <select name="status">\(ItemStatus.allCases.html { s in
                    "<option value=\"\(s.rawValue)\"\(entry.report?.status == s ? HTML(raw: " selected") : .empty)>\(ctx.t(s.vietnamese, s.english))</option>" })</select></label>
                  <label>\(ctx.t("Ghi chú (bắt buộc khi có vướng mắc)", "Note (required for a problem)")) <textarea name="note" maxlength="4000">\(entry.report?.note ?? "")</textarea></label>
                  <label>\(ctx.t("Tệp minh chứng (không bắt buộc)", "Evidence file (optional)")) <input type="file" name="evidence"></label>
                  \(entry.report?.evidence != nil ? "<label><input type=\"checkbox\" name=\"removeEvidence\" value=\"true\"> \(ctx.t("Bỏ minh chứng cũ", "Remove the previous evidence"))</label>" as HTML : .empty)
                  <button type="submit">\(ctx.t("Gửi báo cáo", "Submit"))</button>
                </form>
                """ : .empty
            return """
            <article class="card" id="item-\(item.id)">
              <h4>\(item.position). \(item.title)</h4>
              \(item.detail.isEmpty ? .empty : "<p class=\"muted\">\(item.detail)</p>" as HTML)
              <p>\(ctx.t(.deadline)): \(d(item.effectiveDueAt))\(entry.state == .overdue ? " <span class=\"badge s-overdue\">\(ctx.t(.overdue))</span>" as HTML : .empty)</p>
              \(current)
              \(form)
            </article>
            """
        }
        return """
        <section id="unit-\(view.unit.id)">
          <h3><a href="\(base)/units/\(view.unit.id)">\(view.unit.name)</a> <span class="muted">(\(ctx.kind(view.unit.kind)))</span></h3>
          \(ack)
          \(entries)
        </section>
        """
    }

    static func boardBlock(_ ctx: PageContext, _ data: CampaignService.BoardData) -> HTML {
        let board = data.board
        let base = "/campaigns/\(data.campaign.id!.uuidString)"
        let overdue = data.overdue
        return """
        <h2>\(ctx.t("Bảng theo dõi tuân thủ", "Compliance board"))</h2>
        <p>\(ctx.t("Hoàn thành", "Completion")): <strong>\(board.completionPercent)%</strong> (\(board.answeredCells)/\(board.targetedCells))
          · \(ctx.t(.overdue)): <strong>\(board.overdueCells)</strong>
          · \(ctx.t(.notAcknowledged)): <strong>\(board.unacknowledged.count)</strong>/\(board.rows.count)
          · <a href="\(base)/compliance.csv">\(ctx.t("Tải CSV", "Download CSV"))</a>
          · <a href="\(base)/summary">\(ctx.t("Báo cáo tổng hợp", "Summary report"))</a></p>
        <table class="board"><thead><tr><th>\(ctx.t(.unit))</th><th>\(ctx.t("Tiếp nhận", "Acknowledged"))</th>\(data.items.html { item in
          "<th title=\"\(item.title)\">\(item.position)</th>" })<th>%</th></tr></thead>
        <tbody>\(board.rows.html { row in
            let percent = row.targeted == 0 ? 100 : row.answered * 100 / row.targeted
            return """
            <tr><td><a href="\(base)/units/\(row.unit.id)">\(row.unit.name)</a></td>
            <td class="\(row.unit.acknowledgedAt == nil ? "s-overdue" : "s-done")">\(row.unit.acknowledgedAt.map { VNDateFormat.format($0, timeZone: data.zone) } ?? ctx.t("Chưa", "No"))</td>
            \(row.cells.html { cell in "<td class=\"s-\(cell.rawValue)\">\(cellLabel(ctx, cell))</td>" })<td>\(percent)</td></tr>
            """ })</tbody></table>
        \(overdue.isEmpty ? .empty : """
        <h3>\(ctx.t("Quá hạn chưa báo cáo", "Overdue, not answered")) (\(overdue.count))</h3>
        <ul>\(overdue.prefix(200).html { o in "<li>\(o.unit.name): \(o.itemTitle) (\(ctx.t("hạn", "due")) \(VNDateFormat.format(o.dueAt, timeZone: data.zone)))</li>" })</ul>
        """ as HTML)
        """
    }

    // MARK: - Helpers

    static func id(_ req: Request, _ name: String) throws -> UUID {
        guard let id = req.parameters.get(name, as: UUID.self) else { throw Abort(.badRequest, reason: "\(name) must be a UUID") }
        return id
    }

    static func campaign(_ req: Request) async throws -> (Campaign, [ChecklistItem]) {
        try await localized(req) {
            try await CampaignService.find(try id(req, "campaignID"), for: try req.requirePrincipal(), on: req.db)
        }
    }

    /// Runs `body`, turning campaign rule errors into the page's language.
    static func localized<T>(_ req: Request, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as BilingualError {
            throw Abort(error.status, reason: error.reason(Lang.of(req)))
        }
    }

    static func localized<T>(_ req: Request, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as BilingualError {
            throw Abort(error.status, reason: error.reason(Lang.of(req)))
        }
    }

    /// A local date-time typed in a form (datetime-local or dd/MM/yyyy HH:mm) in `tz`; nil when empty.
    static func parseDate(_ text: String?, field: String, _ tz: TimeZone, _ problems: inout CampaignProblems) -> Date? {
        guard let text = text.nonEmpty else { return nil }
        guard let date = VNDateFormat.parse(text, timeZone: tz) else {
            problems.add("\(field): không đọc được thời điểm '\(text)' (dd/MM/yyyy HH:mm)", "\(field): cannot read the time '\(text)' (dd/MM/yyyy HH:mm)")
            return nil
        }
        return date
    }

    static func parsePosition(_ text: String?, _ problems: inout CampaignProblems) -> Int? {
        guard let text = text.nonEmpty else { return nil }
        guard let n = Int(text), n >= 1 else {
            problems.add("Vị trí phải là số nguyên ≥ 1", "position must be a whole number of at least 1")
            return nil
        }
        return n
    }

    /// "number | date | issuer | title" lines; the date may be dd/MM/yyyy or yyyy-MM-dd.
    static func parseDocuments(_ text: String?, _ problems: inout CampaignProblems) -> [DocumentInput] {
        guard let text else { return [] }
        var documents: [DocumentInput] = []
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.allSatisfy(\.isEmpty) { continue }
            guard parts.count >= 3 else {
                problems.add("Dòng văn bản \(index + 1): cần “số hiệu | ngày | cơ quan ban hành | trích yếu”",
                             "document line \(index + 1): expected “number | date | issuer | title”")
                continue
            }
            var date = parts[1]
            if LocalDay(iso: date) == nil, let parsed = VNDateFormat.parse(date, timeZone: TimeZone(identifier: "UTC")!) {
                date = LocalDay(parsed, in: TimeZone(identifier: "UTC")!).description
            }
            let title = parts.count > 3 ? parts[3...].joined(separator: " | ") : ""
            documents.append(DocumentInput(number: parts[0], date: date, issuer: parts[2], title: title.isEmpty ? nil : title))
        }
        return documents
    }

}
