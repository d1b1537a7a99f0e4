import Fluent
import Foundation
import TrucCore
import Vapor

/// Incidents: reporting (Mẫu 03), the response team's workflow, observables and correlation, evidence, the final
/// report, and the STIX 2.1 / MISP exports.
struct IncidentAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.create, use: create)
        routes.on(API.prefill, use: prefill)
        routes.on(API.list, use: list)
        routes.on(API.show, use: show)
        routes.on(API.triage, use: triage)
        routes.on(API.assign, use: assign)
        routes.on(API.status, use: status)
        routes.on(API.update, use: update)
        routes.on(API.addTask, use: addTask)
        routes.on(API.addObservables, use: addObservables)
        routes.on(API.finalReport, use: finalReport)
        routes.on(API.addEvidence, body: .collect(maxSize: "64mb"), use: addEvidence)
        routes.on(API.evidence, use: evidence)
        routes.on(API.stix, use: stix)
        routes.on(API.misp, use: misp)
        routes.on(API.notifyNational, use: notifyNational)
        routes.on(API.sharing, use: sharing)
        routes.on(API.observableTLP, use: observableTLP)
        routes.on(API.taskStatus, use: taskStatus)
        routes.on(API.sightings, use: sightings)
        routes.on(API.indicatorFeed, use: indicatorFeed)
    }

    /// The operations of this controller: the router registers them and /openapi.json describes them.
    enum API {
        static let create = APIOperation(method: .POST, path: "/api/v1/units/{unitID}/incidents",
              summary: "Report an incident with the initial report form (Mẫu 03, Circular 20/2017); every invalid field is listed in the 422",
              tag: "Incidents", body: .json("IncidentInput"), reply: .created("Incident"))
        static let prefill = APIOperation(method: .GET, path: "/api/v1/units/{unitID}/incidents/prefill",
              summary: "An initial report prefilled from the inventory (the unit, an information system) and the caller", tag: "Incidents",
              query: [.init(name: "systemID", description: "The affected information system")], reply: .json("InitialIncidentReport"))
        static let list = APIOperation(method: .GET, path: "/api/v1/incidents", summary: "Incidents the caller may see, newest first", tag: "Incidents",
              query: APIOperation.paging + [.init(name: "status", description: "Only incidents in this status")], reply: .page("IncidentSummary"))
        static let show = APIOperation(method: .GET, path: "/api/v1/incidents/{incidentID}",
              summary: "One incident: report, reporting clock, timeline, tasks, observables with correlations, evidence", tag: "Incidents",
              reply: .json("Incident"))
        static let triage = APIOperation(method: .POST, path: "/api/v1/incidents/{incidentID}/triage", summary: "Set severity and category (response team)",
              tag: "Incidents", body: .json("IncidentTriageInput"), reply: .json("Incident"))
        static let assign = APIOperation(method: .POST, path: "/api/v1/incidents/{incidentID}/assign", summary: "Assign the incident to a person (response team)",
              tag: "Incidents", body: .json("IncidentAssignInput"), reply: .json("Incident"))
        static let status = APIOperation(method: .POST, path: "/api/v1/incidents/{incidentID}/status", summary: "Move the incident through its workflow",
              tag: "Incidents", body: .json("IncidentStatusInput"), reply: .json("Incident"))
        static let update = APIOperation(method: .POST, path: "/api/v1/incidents/{incidentID}/updates", summary: "Add a situation update or a comment to the timeline",
              tag: "Incidents", body: .json("IncidentUpdateInput"), reply: .json("Incident"))
        static let addTask = APIOperation(method: .POST, path: "/api/v1/incidents/{incidentID}/tasks", summary: "Add a task with an owner and a due date (response team)",
              tag: "Incidents", body: .json("IncidentTaskInput"), reply: .created("IncidentTask"))
        static let addObservables = APIOperation(method: .POST, path: "/api/v1/incidents/{incidentID}/observables",
              summary: "Add observables: one (kind, value) or all those found in a text (defanged forms accepted)", tag: "Incidents",
              body: .json("IncidentObservableInput"), reply: .json("Incident"))
        static let finalReport = APIOperation(method: .PUT, path: "/api/v1/incidents/{incidentID}/final-report", summary: "Write the final report (Mẫu 04)",
              tag: "Incidents", body: .json("FinalIncidentReport"), reply: .json("Incident"))
        static let addEvidence = APIOperation(method: .POST, path: "/api/v1/incidents/{incidentID}/evidence",
              summary: "Upload an evidence file (multipart: file, note); stored with its SHA-256", tag: "Incidents",
              body: .multipart("IncidentEvidenceUpload"), reply: .created("IncidentEvidence"))
        static let evidence = APIOperation(method: .GET, path: "/api/v1/incidents/{incidentID}/evidence/{evidenceID}",
              summary: "Download an evidence file (typed and disposed as EvidencePolicy says: only verified images and PDFs inline, with X-Content-SHA256)",
              tag: "Incidents", reply: .files(EvidenceDownload.mediaTypes))
        static let stix = APIOperation(method: .GET, path: "/api/v1/incidents/{incidentID}/stix", summary: "The incident as a STIX 2.1 bundle", tag: "Incidents",
              reply: .jsonFile("application/stix+json", schema: "STIXBundle"))
        static let misp = APIOperation(method: .GET, path: "/api/v1/incidents/{incidentID}/misp", summary: "The incident as a MISP event (JSON)", tag: "Incidents",
              reply: .jsonFile("application/json", schema: "MISPEvent"))
        static let notifyNational = APIOperation(method: .POST, path: "/api/v1/incidents/{incidentID}/notify-national",
              summary: "E-mail VNCERT/CC (the national contact) the initial report, an update or the final report, with a \"[TBSC]\" subject; queued and sent by the server (202), refused for TLP:RED",
              tag: "Incidents", body: .json("NationalNoticeInput"), reply: .accepted("IncidentMail"))
        static let sharing = APIOperation(method: .PUT, path: "/api/v1/incidents/{incidentID}/sharing",
              summary: "Change the TLP and the people named on the incident (who may see a TLP:RED incident)", tag: "Incidents",
              body: .json("IncidentSharingInput"), reply: .json("Incident"))
        static let observableTLP = APIOperation(method: .PUT, path: "/api/v1/incidents/{incidentID}/observables/{observableID}",
              summary: "Mark one observable with its own TLP; one stricter than the incident is left out of its STIX and MISP exports",
              tag: "Incidents", body: .json("IncidentObservableTLPInput"), reply: .json("Incident"))
        static let taskStatus = APIOperation(method: .POST, path: "/api/v1/incident-tasks/{taskID}/status", summary: "Mark a task done or cancelled (response team)",
              tag: "Incidents", body: .json("IncidentTaskStatusInput"), reply: .json("IncidentTask"))
        static let sightings = APIOperation(method: .GET, path: "/api/v1/observables",
              summary: "Where an observable appears: the incidents the caller may see and the advisories", tag: "Incidents",
              query: [.init(name: "kind", description: "ipv4, ipv6, domain, url, email, md5, sha1, sha256 or cve", required: true),
                      .init(name: "value", description: "The observable (defanged forms accepted)", required: true)],
              reply: .json("ObservableSightings"))
        static let indicatorFeed = APIOperation(method: .GET, path: "/api/v1/observables/stix",
              summary: "The indicator feed: observables of the incidents the caller may see as a STIX 2.1 bundle of indicators and vulnerabilities, each with its own TLP marking and the incidents it was seen in",
              tag: "Incidents",
              query: [.init(name: "tlp", description: "Share only observables marked at most this (CLEAR, GREEN, AMBER, AMBER+STRICT, RED); default GREEN"),
                      .init(name: "days", description: "Incidents detected in the last N days (1-3650); default 90", type: "integer")],
              reply: .jsonFile("application/stix+json", schema: "STIXBundle"))
    }

    static let operations: [APIOperation] = [API.create, API.prefill, API.list, API.show, API.triage, API.assign, API.status, API.update, API.addTask, API.addObservables, API.finalReport, API.addEvidence, API.evidence, API.stix, API.misp, API.notifyNational, API.sharing, API.observableTLP, API.taskStatus, API.sightings, API.indicatorFeed]

    func create(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.report, on: unit.requireID())
        let input = try req.input(IncidentInput.self)
        let incident = try await IncidentService.create(unitID: unit.requireID(), input: input, by: principal, on: req.db, zone: req.timeZone,
                                                        publicURL: req.application.config.publicURL)
        return try MonitorAPIController.created(try await IncidentService.detail(incident, for: principal, on: req.db))
    }

    func prefill(req: Request) async throws -> InitialIncidentReport {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.report, on: unit.requireID())
        let systemID = try FindingService.uuid(req.query[String.self, at: "systemID"], "systemID")
        return try await IncidentPrefiller.report(unit: unit, systemID: systemID, principal: principal, on: req.db)
    }

    func list(req: Request) async throws -> Page<IncidentSummaryDTO> {
        let principal = try req.requirePrincipal()
        var status: IncidentStatus?
        if let text = req.query[String.self, at: "status"].nonEmpty {
            guard let value = IncidentStatus(rawValue: text) else {
                throw BilingualError.badRequest("Trạng thái không hợp lệ.", "status must be one of \(IncidentStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            status = value
        }
        let paging = try req.paging()
        let all = try await IncidentService.visible(to: principal, status: status, on: req.db)
        return paging.page(of: all).map { IncidentService.summary($0, unitName: $0.unit.name) }
    }

    func show(req: Request) async throws -> IncidentDTO {
        let (incident, principal) = try await IncidentService.find(req)
        return try await IncidentService.detail(incident, for: principal, on: req.db)
    }

    func triage(req: Request) async throws -> IncidentDTO {
        let (incident, principal) = try await IncidentService.find(req)
        try await IncidentService.triage(incident, try req.input(IncidentTriageInput.self), by: principal, on: req.db)
        return try await IncidentService.detail(incident, for: principal, on: req.db)
    }

    func assign(req: Request) async throws -> IncidentDTO {
        let (incident, principal) = try await IncidentService.find(req)
        try await IncidentService.assign(incident, to: try req.input(IncidentAssignInput.self).personID, by: principal, on: req.db)
        return try await IncidentService.detail(incident, for: principal, on: req.db)
    }

    func status(req: Request) async throws -> IncidentDTO {
        let (incident, principal) = try await IncidentService.find(req)
        try await IncidentService.setStatus(incident, try req.input(IncidentStatusInput.self), by: principal, on: req.db)
        return try await IncidentService.detail(incident, for: principal, on: req.db)
    }

    func update(req: Request) async throws -> IncidentDTO {
        let (incident, principal) = try await IncidentService.find(req)
        try await IncidentService.addUpdate(incident, try req.input(IncidentUpdateInput.self), by: principal, on: req.db)
        return try await IncidentService.detail(incident, for: principal, on: req.db)
    }

    func addTask(req: Request) async throws -> Response {
        let (incident, principal) = try await IncidentService.find(req)
        let task = try await IncidentService.addTask(incident, try req.input(IncidentTaskInput.self), by: principal, on: req.db)
        return try MonitorAPIController.created(IncidentTaskDTO(id: task.id!, title: task.title, note: task.note, assigneeID: task.$assignee.id,
                                                                dueAt: task.dueAt, status: task.status))
    }

    func taskStatus(req: Request) async throws -> IncidentTaskDTO {
        let (task, incident, principal) = try await IncidentService.findTask(req)
        let input = try req.input(IncidentTaskStatusInput.self)
        try await IncidentService.setTaskStatus(task, input.status, incident: incident, by: principal, on: req.db)
        return IncidentTaskDTO(id: task.id!, title: task.title, note: task.note, assigneeID: task.$assignee.id, dueAt: task.dueAt, status: task.status)
    }

    func addObservables(req: Request) async throws -> IncidentDTO {
        let (incident, principal) = try await IncidentService.find(req)
        _ = try await IncidentService.addObservables(incident, try req.input(IncidentObservableInput.self), by: principal, on: req.db)
        return try await IncidentService.detail(incident, for: principal, on: req.db)
    }

    func finalReport(req: Request) async throws -> IncidentDTO {
        let (incident, principal) = try await IncidentService.find(req)
        try await IncidentService.writeFinalReport(incident, try req.input(FinalIncidentReport.self), by: principal, on: req.db)
        return try await IncidentService.detail(incident, for: principal, on: req.db)
    }

    func notifyNational(req: Request) async throws -> Response {
        let (incident, principal) = try await IncidentService.find(req)
        let mail = try await IncidentNotifications.notifyNational(incident, try req.input(NationalNoticeInput.self), by: principal,
                                                                  on: req.db, zone: req.timeZone)
        let response = Response(status: .accepted)
        try response.content.encode(IncidentMailDTO(mail))
        return response
    }

    func sharing(req: Request) async throws -> IncidentDTO {
        let (incident, principal) = try await IncidentService.find(req)
        try await IncidentService.updateSharing(incident, try req.input(IncidentSharingInput.self), by: principal, on: req.db)
        return try await IncidentService.detail(incident, for: principal, on: req.db)
    }

    /// The observable of `:observableID` on the incident of `:incidentID` (404 otherwise).
    static func observable(_ req: Request, of incident: Incident) async throws -> IncidentObservable {
        guard let id = req.parameters.get("observableID", as: UUID.self), let observable = try await IncidentObservable.find(id, on: req.db),
              observable.$incident.id == incident.id
        else { throw BilingualError.notFound("Không có dấu hiệu này.", "No such observable.") }
        return observable
    }

    func observableTLP(req: Request) async throws -> IncidentDTO {
        let (incident, principal) = try await IncidentService.find(req)
        let observable = try await Self.observable(req, of: incident)
        try await IncidentService.setObservableTLP(observable, try req.input(IncidentObservableTLPInput.self).tlp, incident: incident,
                                                   by: principal, on: req.db)
        return try await IncidentService.detail(incident, for: principal, on: req.db)
    }

    struct EvidenceUpload: Content, LimitedInput {
        var file: File?
        var note: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("file.filename", file?.filename, TextLimit.line)
            check.text("note", note, TextLimit.note)
        }
    }

    func addEvidence(req: Request) async throws -> Response {
        let (incident, principal) = try await IncidentService.find(req)
        let upload = try req.input(EvidenceUpload.self)
        let file = try await IncidentService.addEvidence(incident, file: upload.file, note: upload.note, maxBytes: req.config.maxUploadBytes,
                                                         by: principal, on: req.db)
        return try MonitorAPIController.created(IncidentEvidenceDTO(id: file.id!, filename: file.filename, size: file.size,
                                                                    sha256: file.sha256, uploadedAt: file.createdAt))
    }

    func evidence(req: Request) async throws -> Response {
        let (incident, _) = try await IncidentService.find(req)
        guard let id = req.parameters.get("evidenceID", as: UUID.self),
              let link = try await IncidentEvidence.query(on: req.db).filter(\.$incident.$id == incident.requireID())
                .filter(\.$evidence.$id == id).first()
        else { throw BilingualError.notFound("Không có tệp minh chứng này.", "No such evidence file.") }
        let principal = try req.requirePrincipal()
        return EvidenceDownload.response(try await IncidentAccess.evidence(link.$evidence.id, for: principal, on: req.db))
    }

    func stix(req: Request) async throws -> Response {
        let (incident, _) = try await IncidentService.find(req)
        let bundle = STIXBundle.make(from: try await IncidentService.export(incident, on: req.db),
                                     producer: try await IncidentService.producer(on: req.db), now: Date())
        return Self.json(try bundle.jsonData(), type: "application/stix+json;version=2.1", filename: "\(incident.reference).stix.json")
    }

    func misp(req: Request) async throws -> Response {
        let (incident, _) = try await IncidentService.find(req)
        let province = try await OrgUnit.query(on: req.db).filter(\.$parent.$id == nil).sort(\.$code).first()
        let event = MISPEvent.make(from: try await IncidentService.export(incident, on: req.db), orgName: province?.name ?? "Trực ATTT", now: Date(),
                                   utcOffsetSeconds: req.timeZone.secondsFromGMT())
        return Self.json(try event.jsonData(), type: "application/json", filename: "\(incident.reference).misp.json")
    }

    func indicatorFeed(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        var maxTLP = TLP.green
        if let text = req.query[String.self, at: "tlp"].nonEmpty {
            guard let value = TLP(label: text) else {
                throw BilingualError.badRequest("Mức TLP không hợp lệ.", "tlp must be CLEAR, GREEN, AMBER, AMBER+STRICT or RED.")
            }
            maxTLP = value
        }
        var days = 90
        if let text = req.query[String.self, at: "days"].nonEmpty {
            guard let value = Int(text), (1...3650).contains(value) else {
                throw BilingualError.badRequest("Số ngày phải từ 1 đến 3650.", "days must be 1-3650.")
            }
            days = value
        }
        let items = try await IncidentService.sharedObservables(for: principal, maxTLP: maxTLP, days: days, on: req.db)
        let bundle = STIXBundle.indicatorFeed(items, producer: try await IncidentService.producer(on: req.db), now: Date())
        let day = VNDateFormat.datetimeLocal(Date(), timeZone: req.timeZone).prefix(10)
        return Self.json(try bundle.jsonData(), type: "application/stix+json;version=2.1", filename: "chi-dau-\(day).stix.json")
    }

    static func json(_ data: Data, type: String, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    func sightings(req: Request) async throws -> ObservableSightingsDTO {
        let principal = try req.requirePrincipal()
        guard let kind = req.query[String.self, at: "kind"].flatMap(ObservableKind.init(rawValue:)),
              let value = req.query[String.self, at: "value"].nonEmpty
        else { throw BilingualError.badRequest("Cần kind và value.", "kind (ipv4, ipv6, domain, url, email, md5, sha1, sha256, cve) and value are required.") }
        let observable: Observable
        do { observable = try Observable(kind: kind, value: ObservableExtractor.refang(value)) }
        catch { throw BilingualError.badRequest(error.vietnamese, error.english) }
        return try await IncidentService.sightings(of: observable, for: principal, on: req.db)
    }
}
