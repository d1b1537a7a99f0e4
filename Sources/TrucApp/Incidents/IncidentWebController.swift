import Fluent
import Foundation
import TrucCore
import Vapor

/// Incident pages: the list, the Mẫu 03 report form (prefilled from the inventory), one incident with the
/// workflow forms, the print-ready national forms, exports and the observable sightings page.
struct IncidentWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(IncidentRoute.list, use: list)
        routes.on(IncidentRoute.new(unit: .routeKey), use: newForm)
        routes.on(IncidentRoute.create(unit: .routeKey), use: create)
        routes.on(IncidentRoute.show(.routeKey), use: show)
        routes.on(IncidentRoute.triage(.routeKey), use: triage)
        routes.on(IncidentRoute.assign(.routeKey), use: assign)
        routes.on(IncidentRoute.setStatus(.routeKey), use: status)
        routes.on(IncidentRoute.addUpdate(.routeKey), use: update)
        routes.on(IncidentRoute.addTask(.routeKey), use: addTask)
        routes.on(IncidentRoute.addObservables(.routeKey), use: addObservables)
        routes.on(IncidentRoute.finalReport(.routeKey), use: finalReport)
        routes.on(IncidentRoute.uploadEvidence(.routeKey), body:  .collect(maxSize: "64mb"), use: addEvidence)
        routes.on(IncidentRoute.evidence(.routeKey, evidence: .routeKey), use: evidence)
        routes.on(IncidentRoute.printForm(.routeKey, form: .routeKey), use: printForm)
        routes.on(IncidentRoute.stix(.routeKey), use: stix)
        routes.on(IncidentRoute.misp(.routeKey), use: misp)
        routes.on(IncidentRoute.notifyNational(.routeKey), use: notifyNational)
        routes.on(IncidentRoute.sharing(.routeKey), use: sharing)
        routes.on(IncidentRoute.observableTLP(.routeKey, observable: .routeKey), use: observableTLP)
        routes.on(IncidentRoute.taskStatus(task: .routeKey), use: taskStatus)
        routes.on(IncidentRoute.observables, use: sightings)
        routes.on(IncidentRoute.indicatorFeed, use: indicatorFeed)
    }

    func list(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let status = req.query[String.self, at: "status"].flatMap(IncidentStatus.init(rawValue:))
        let paging = try req.paging()
        let page = paging.page(of: try await IncidentService.visible(to: principal, status: status, on: req.db))
        let items = page.items
        return PageFrame.page(ctx, title: ctx.t(.incidents), body: """
        <h1>\(ctx.t("Sự cố an toàn thông tin mạng", "Cyber-security incidents"))</h1>
        <p><a href="/units/\(principal.unitID)/incidents/new">\(ctx.t("Báo cáo sự cố (Mẫu 03)", "Report an incident (form 03)"))</a></p>
        <form class="filters" method="get" action="/observables/stix"><label>\(ctx.t("Xuất chỉ dấu (STIX 2.1) đến mức", "Export indicators (STIX 2.1) up to"))
        <select name="tlp">\(VulnViews.options(TLP.allCases.map { ($0.rawValue, $0.label) }, selected: TLP.green.rawValue))</select></label>
        <label>\(ctx.t("trong", "over the last")) <input type="number" name="days" value="90" min="1" max="3650"> \(ctx.t("ngày", "days"))</label>
        <button>\(ctx.t("Tải về", "Download"))</button></form>
        <form class="filters" method="get" action="/incidents"><label>\(ctx.t(.status))
        <select name="status"><option value="">\(ctx.t(.all))</option>\(VulnViews.options(IncidentStatus.allCases.map { ($0.rawValue, ctx.t($0.vietnamese, $0.english)) }, selected: status?.rawValue))</select></label>
        <button>\(ctx.t(.filter))</button></form>
        \(items.isEmpty ? "<p class=\"muted\">\(ctx.t("Không có sự cố.", "No incidents."))</p>" as HTML : """
        <table><thead><tr><th>\(ctx.t("Số", "Reference"))</th><th>\(ctx.t(.title))</th><th>\(ctx.t(.unit))</th><th>\(ctx.t(.status))</th>
        <th>\(ctx.t(.severity))</th><th>TLP</th><th>\(ctx.t("Phát hiện", "Detected"))</th><th>\(ctx.t("Báo cáo", "Reported"))</th></tr></thead>
        <tbody>\(items.html { i in """
            <tr><td><a href="/incidents/\(i.id)">\(i.reference)</a></td><td>\(i.title)\(i.supportRequested ? " <span class=\"badge s-overdue\">\(ctx.t("Đề nghị hỗ trợ", "Support requested"))</span>" as HTML : .empty)</td>
            <td>\(i.unit.code)</td><td>\(ctx.t(i.status.vietnamese, i.status.english))</td><td>\(i.severity.map { ctx.t($0.vietnamese, $0.english) } ?? "—")</td>
            <td>\(VulnViews.tlp(i.tlp))</td><td>\(ctx.date(i.detectedAt))</td><td>\(ctx.date(i.reportedAt))</td></tr>
            """ })</tbody></table>
        """ as HTML)
        \(PageFrame.pager(ctx, metadata: page.metadata, request: req))
        """)
    }

    // MARK: - Reporting

    func newForm(req: Request) async throws -> HTML {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.report, on: unit.requireID())
        let ctx = PageContext(req)
        let systemID = try FindingService.uuid(req.query[String.self, at: "systemID"], "systemID")
        let report = try await IncidentPrefiller.report(unit: unit, systemID: systemID, principal: principal, on: req.db)
        let systems = try await InformationSystem.query(on: req.db).filter(\.$unit.$id == unit.requireID()).sort(\.$name).all()
        let people = try await Self.activePeople(on: req.db)
        return PageFrame.page(ctx, title: ctx.t("Báo cáo ban đầu sự cố", "Initial incident report"), body: """
        <h1>\(ctx.t("Báo cáo ban đầu sự cố (Mẫu 03, Thông tư 20/2017/TT-BTTTT)", "Initial incident report (form 03, Circular 20/2017)")) – \(unit.name)</h1>
        <form class="filters" method="get" action="/units/\(unit.id)/incidents/new"><label>\(ctx.t("Điền sẵn từ hệ thống", "Prefill from system"))
        <select name="systemID"><option value="">—</option>\(VulnViews.options(systems.map { ($0.id!.uuidString, $0.name) }, selected: systemID?.uuidString))</select></label>
        <button>\(ctx.t("Điền sẵn", "Prefill"))</button></form>
        \(IncidentViews.reportForm(ctx, action: "/units/\(unit.id!)/incidents", report: report, systemID: systemID, people: people))
        """)
    }

    func create(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.report, on: unit.requireID())
        let input = try IncidentViews.input(from: try req.input(IncidentViews.ReportForm.self), zone: req.timeZone)
        let incident = try await IncidentService.create(unitID: unit.requireID(), input: input, by: principal, on: req.db, zone: req.timeZone,
                                                        publicURL: req.application.config.publicURL)
        return req.redirect(to: "/incidents/\(incident.id!)", flash: Flash(.incidentReported))
    }

    // MARK: - One incident

    func show(req: Request) async throws -> HTML {
        let (incident, principal) = try await IncidentService.find(req)
        _ = try await incident.$unit.get(on: req.db)
        let dto = try await IncidentService.detail(incident, for: principal, on: req.db)
        // The people pickers (assignment, named people) are shown only to those who may use them.
        let actor = IncidentAccess.actor(incident, principal)
        let picks = actor.isResponseTeam || (try? IncidentTransition.check(.manageSharing, status: incident.status, actor: actor)) != nil
        let people = picks ? try await Self.activePeople(on: req.db) : []
        let vncert = try await IncidentNotifications.nationalAddress(on: req.db)?.email
        return PageFrame.page(PageContext(req), title: incident.reference, body: IncidentViews.detail(PageContext(req), incident: incident, dto: dto,
                                                                                                 principal: principal, people: people, nationalEmail: vncert))
    }

    /// People offered in the assignment and named-people pickers.
    static func activePeople(on db: any Database) async throws -> [Person] {
        try await Person.query(on: db).filter(\.$isActive == true).sort(\.$fullName).limit(500).all()
    }

    struct NationalForm: Content, LimitedInput {
        var kind: NationalNoticeKind
        var note: String?
        func checkLimits(_ check: inout TextLimitCheck) { check.text("note", note, TextLimit.text) }
    }

    func notifyNational(req: Request) async throws -> Response {
        let (incident, principal) = try await IncidentService.find(req)
        let form = try req.input(NationalForm.self)
        _ = try await IncidentNotifications.notifyNational(incident, NationalNoticeInput(kind: form.kind, note: form.note.nonEmpty),
                                                                  by: principal, on: req.db, zone: req.timeZone)
        return back(req, incident, Flash(.mailQueued))
    }

    struct SharingForm: Content, LimitedInput {
        var tlp: String
        var namedPeople: [String]?

        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("tlp", tlp, TextLimit.code)
            check.texts("namedPeople", namedPeople, TextLimit.code, maxEntries: IncidentService.maxNamedPeople)
        }
    }

    func sharing(req: Request) async throws -> Response {
        let (incident, principal) = try await IncidentService.find(req)
        let form = try req.input(SharingForm.self)
        guard let tlp = TLP(label: form.tlp) else { throw BilingualError.invalid("Mức TLP không hợp lệ.", "tlp is not a TLP level.") }
        try await IncidentService.updateSharing(incident, IncidentSharingInput(tlp: tlp, namedPeople: (form.namedPeople ?? []).compactMap(UUID.init(uuidString:))),
                                                by: principal, on: req.db)
        guard IncidentAccess.mayRead(incident, principal) else {
            return req.redirect(to: "/incidents", flash: Flash(.sharingSaved))
        }
        return back(req, incident, Flash(.sharingSaved))
    }

    func observableTLP(req: Request) async throws -> Response {
        let (incident, principal) = try await IncidentService.find(req)
        let observable = try await IncidentAPIController.observable(req, of: incident)
        guard let tlp = (try? req.content.get(String.self, at: "tlp")).flatMap(TLP.init(label:)) else {
            throw BilingualError.invalid("Mức TLP không hợp lệ.", "tlp is not a TLP level.")
        }
        try await IncidentService.setObservableTLP(observable, tlp, incident: incident, by: principal, on: req.db)
        return back(req, incident, Flash(.observableTLPChanged))
    }

    func back(_ req: Request, _ incident: Incident, _ flash: Flash) -> Response {
        req.redirect(to: "/incidents/\(incident.id!)", flash: flash)
    }

    func triage(req: Request) async throws -> Response {
        let (incident, principal) = try await IncidentService.find(req)
        try await IncidentService.triage(incident, try req.input(IncidentTriageInput.self), by: principal, on: req.db)
        return back(req, incident, Flash(.triaged))
    }

    func assign(req: Request) async throws -> Response {
        let (incident, principal) = try await IncidentService.find(req)
        let text = try? req.content.get(String.self, at: "personID")
        try await IncidentService.assign(incident, to: text.flatMap(UUID.init(uuidString:)), by: principal, on: req.db)
        return back(req, incident, Flash(.assigned))
    }

    func status(req: Request) async throws -> Response {
        let (incident, principal) = try await IncidentService.find(req)
        try await IncidentService.setStatus(incident, try req.input(IncidentStatusInput.self), by: principal, on: req.db)
        return back(req, incident, Flash(.statusChanged))
    }

    func update(req: Request) async throws -> Response {
        let (incident, principal) = try await IncidentService.find(req)
        try await IncidentService.addUpdate(incident, try req.input(IncidentUpdateInput.self), by: principal, on: req.db)
        return back(req, incident, Flash(.timelineAdded))
    }

    struct TaskForm: Content, LimitedInput {
        var title: String
        var note: String?
        var assigneeID: String?
        var dueAt: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            IncidentTaskInput(title: title, note: note).checkLimits(&check)
            check.text("assigneeID", assigneeID, TextLimit.code)
            check.text("dueAt", dueAt, TextLimit.code)
        }
    }

    func addTask(req: Request) async throws -> Response {
        let (incident, principal) = try await IncidentService.find(req)
        let form = try req.input(TaskForm.self)
        let due = try form.dueAt.nonEmpty.map { text -> Date in
            guard let date = VNDateFormat.parse(text, timeZone: req.timeZone) else { throw BilingualError.invalid("Hạn không hợp lệ.", "dueAt is not a date.") }
            return date
        }
        _ = try await IncidentService.addTask(incident, IncidentTaskInput(title: form.title, note: form.note.nonEmpty,
                                                                           assigneeID: form.assigneeID.nonEmpty.flatMap(UUID.init(uuidString:)), dueAt: due),
                                              by: principal, on: req.db)
        return back(req, incident, Flash(.taskAdded))
    }

    func taskStatus(req: Request) async throws -> Response {
        let (task, incident, principal) = try await IncidentService.findTask(req)
        try await IncidentService.setTaskStatus(task, try req.input(IncidentTaskStatusInput.self).status, incident: incident, by: principal, on: req.db)
        return back(req, incident, Flash(.taskUpdated))
    }

    func addObservables(req: Request) async throws -> Response {
        let (incident, principal) = try await IncidentService.find(req)
        let count = try await IncidentService.addObservables(incident, IncidentObservableInput(text: try req.input(IncidentObservableInput.self).text),
                                                             by: principal, on: req.db)
        return back(req, incident, Flash(.observablesAdded, count))
    }

    struct FinalForm: Content, LimitedInput {
        var whatHappened: String
        var impact: String
        var actionsTaken: String
        var rootCause: String
        var preventionMeasures: String
        var resolvedAt: String
        var recommendations: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            for (field, value) in [("whatHappened", whatHappened), ("impact", impact), ("actionsTaken", actionsTaken),
                                   ("rootCause", rootCause), ("preventionMeasures", preventionMeasures),
                                   ("recommendations", recommendations)] {
                check.text(field, value, FinalIncidentReport.textLimit)
            }
            check.text("resolvedAt", resolvedAt, TextLimit.code)
        }
    }

    func finalReport(req: Request) async throws -> Response {
        let (incident, principal) = try await IncidentService.find(req)
        let form = try req.input(FinalForm.self)
        guard let resolvedAt = VNDateFormat.parse(form.resolvedAt, timeZone: req.timeZone) else {
            throw BilingualError.invalid("Thời điểm khắc phục không hợp lệ.", "resolvedAt is not a date.")
        }
        try await IncidentService.writeFinalReport(incident, FinalIncidentReport(whatHappened: form.whatHappened, impact: form.impact,
                                                                                 actionsTaken: form.actionsTaken, rootCause: form.rootCause,
                                                                                 preventionMeasures: form.preventionMeasures, resolvedAt: resolvedAt,
                                                                                 recommendations: form.recommendations.nonEmpty),
                                                   by: principal, on: req.db)
        return back(req, incident, Flash(.finalReportSaved))
    }

    func addEvidence(req: Request) async throws -> Response {
        let (incident, principal) = try await IncidentService.find(req)
        let upload = try req.input(IncidentAPIController.EvidenceUpload.self)
        _ = try await IncidentService.addEvidence(incident, file: upload.file, note: upload.note, maxBytes: req.config.maxUploadBytes, by: principal, on: req.db)
        return back(req, incident, Flash(.evidenceUploaded))
    }

    func evidence(req: Request) async throws -> Response { try await IncidentAPIController().evidence(req: req) }
    func stix(req: Request) async throws -> Response { try await IncidentAPIController().stix(req: req) }
    func misp(req: Request) async throws -> Response { try await IncidentAPIController().misp(req: req) }
    func indicatorFeed(req: Request) async throws -> Response { try await IncidentAPIController().indicatorFeed(req: req) }

    func printForm(req: Request) async throws -> HTML {
        let (incident, _) = try await IncidentService.find(req)
        let unit = try await incident.$unit.get(on: req.db)
        let ctx = PageContext(req)
        switch req.parameters.get("form") {
        case "initial": return IncidentViews.printInitial(ctx, incident: incident, unit: unit)
        case "final": return IncidentViews.printFinal(ctx, incident: incident, unit: unit)
        default: throw BilingualError.notFound("Không có mẫu này.", "No such form.")
        }
    }

    func sightings(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        guard let kind = req.query[String.self, at: "kind"].flatMap(ObservableKind.init(rawValue:)), let value = req.query[String.self, at: "value"].nonEmpty,
              let observable = try? Observable(kind: kind, value: ObservableExtractor.refang(value))
        else { throw BilingualError.badRequest("Dấu hiệu không hợp lệ.", "Not a valid observable.") }
        let dto = try await IncidentService.sightings(of: observable, for: principal, on: req.db)
        return PageFrame.page(ctx, title: observable.defanged, body: """
        <h1>\(ctx.t(kind.vietnamese, kind.english)): <code>\(observable.defanged)</code></h1>
        <h2>\(ctx.t("Các sự cố", "Incidents")) (\(dto.incidents.count))</h2>
        <ul>\(dto.incidents.html { "<li><a href=\"/incidents/\($0.id)\">\($0.reference)</a> – \($0.title) (\($0.unitName ?? ""))</li>" })</ul>
        <h2>\(ctx.t("Các cảnh báo", "Advisories")) (\(dto.advisories.count))</h2>
        <ul>\(dto.advisories.html { "<li>\($0)</li>" })</ul>
        """)
    }
}
