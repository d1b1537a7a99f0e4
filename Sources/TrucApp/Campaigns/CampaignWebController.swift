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

    // MARK: - List and creation

    func list(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let paging = try req.paging()
        let model = try await Self.localized(req) {
            try await CampaignList.Model.query(for: principal, q: req.query[String.self, at: "q"], state: req.query[String.self, at: "state"],
                                               paging: paging, now: Date(), on: req.db)
        }
        return CampaignList.View(ctx: PageContext(req), model: model).document()
    }

    func newForm(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        try Self.localized(req) { try CampaignService.requireCoordinator(principal) }
        let year = LocalDay(Date(), in: TimeZone(identifier: CampaignService.defaultTimeZone)!).year
        let model = CampaignNew.Model(year: year, defaultTimeZone: CampaignService.defaultTimeZone)
        return CampaignNew.View(ctx: PageContext(req), model: model).document()
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
            return req.redirect(to: CampaignRoute.show(try campaign.requireID()), flash: Flash(.campaignCreated))
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
            return req.redirect(to: CampaignRoute.show(try campaign.requireID()), flash: Flash(.campaignCreatedFromTemplate))
        }
    }

    // MARK: - One campaign

    func show(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let (campaign, items) = try await Self.campaign(req)
        let model = try await CampaignShow.Model.query(campaign, items: items, for: principal, now: Date(), on: req.db)
        return CampaignShow.View(ctx: PageContext(req), model: model).document()
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
            return req.redirect(to: CampaignRoute.show(try campaign.requireID()), flash: Flash(.saved))
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
            return req.redirect(to: CampaignRoute.show(try campaign.requireID()), flash: Flash(.itemAdded))
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
            return req.redirect(to: CampaignRoute.show(try campaign.requireID()), flash: Flash(.itemSaved))
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
            return req.redirect(to: CampaignRoute.show(try campaign.requireID()), flash: Flash(.itemDeleted))
        }
    }

    // MARK: - Units answering

    func unitPage(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let (campaign, _) = try await Self.campaign(req)
        let unit = try await req.findUnit()
        let model = try await Self.localized(req) {
            try await CampaignUnit.Model.query(campaign, unit: unit, for: principal, on: req.db)
        }
        return CampaignUnit.View(ctx: PageContext(req), model: model).document()
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
            return req.redirect(to: try back ?? CampaignRoute.show(campaign.requireID()).path,
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
            return req.redirect(to: try back ?? CampaignRoute.show(campaign.requireID()).path, flash: Flash(.answerSaved))
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
        let (campaign, items) = try await Self.campaign(req)
        let model = try await CampaignSummary.Model.query(campaign, items: items, for: principal, on: req.db)
        return CampaignSummary.View(ctx: PageContext(req), model: model).document()
    }

    func evidence(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let file = try await Self.localized(req) {
            try await CampaignService.evidence(try Self.id(req, "evidenceID"), for: principal, on: req.db)
        }
        return CampaignService.download(file)
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
