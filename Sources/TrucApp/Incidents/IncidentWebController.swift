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
        let status = req.query[String.self, at: "status"].flatMap(IncidentStatus.init(rawValue:))
        let model = try await IncidentList.Model.query(for: principal, status: status, paging: try req.paging(), on: req.db)
        return IncidentList.View(ctx: PageContext(req), model: model).document()
    }

    // MARK: - Reporting

    func newForm(req: Request) async throws -> HTML {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.report, on: unit.requireID())
        let systemID = try FindingService.uuid(req.query[String.self, at: "systemID"], "systemID")
        let model = try await IncidentNew.Model.query(unit: unit, systemID: systemID, principal: principal, on: req.db)
        return IncidentNew.View(ctx: PageContext(req), model: model).document()
    }

    func create(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.report, on: unit.requireID())
        let input = try IncidentViews.input(from: try req.input(IncidentViews.ReportForm.self), zone: req.timeZone)
        let incident = try await IncidentService.create(unitID: unit.requireID(), input: input, by: principal, on: req.db, zone: req.timeZone,
                                                        publicURL: req.application.config.publicURL)
        return req.redirect(to: IncidentRoute.show(try incident.requireID()), flash: Flash(.incidentReported))
    }

    // MARK: - One incident

    func show(req: Request) async throws -> HTML {
        let (incident, principal) = try await IncidentService.find(req)
        let model = try await IncidentShow.Model.query(incident, for: principal, on: req.db)
        return IncidentShow.View(ctx: PageContext(req), model: model).document()
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
            return req.redirect(to: IncidentRoute.list, flash: Flash(.sharingSaved))
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
        req.redirect(to: IncidentRoute.show(incident.id!), flash: flash)
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
        guard let form = req.parameters.get("form").flatMap(IncidentPrint.Form.init(rawValue:)) else {
            throw BilingualError.notFound("Không có mẫu này.", "No such form.")
        }
        return IncidentPrint.View(ctx: PageContext(req), model: IncidentPrint.Model(form: form, incident: incident, unit: unit)).document()
    }

    func sightings(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        guard let kind = req.query[String.self, at: "kind"].flatMap(ObservableKind.init(rawValue:)), let value = req.query[String.self, at: "value"].nonEmpty,
              let observable = try? Observable(kind: kind, value: ObservableExtractor.refang(value))
        else { throw BilingualError.badRequest("Dấu hiệu không hợp lệ.", "Not a valid observable.") }
        let dto = try await IncidentService.sightings(of: observable, for: principal, on: req.db)
        let model = ObservableSightings.Model(kind: kind, defanged: observable.defanged, incidents: dto.incidents, advisories: dto.advisories)
        return ObservableSightings.View(ctx: PageContext(req), model: model).document()
    }
}
