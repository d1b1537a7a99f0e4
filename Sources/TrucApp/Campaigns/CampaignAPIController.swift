import Fluent
import TrucCore
import Vapor

/// /api/v1/campaigns: readiness campaigns, their checklist, units' acknowledgements and answers, the compliance board.
/// The rules live in CampaignService.
struct CampaignAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.list, use: list)
        routes.on(API.create, use: create)
        routes.on(API.show, use: show)
        routes.on(API.update, use: update)
        routes.on(API.addItem, use: addItem)
        routes.on(API.updateItem, use: updateItem)
        routes.on(API.deleteItem, use: deleteItem)
        routes.on(API.unitView, use: unitView)
        routes.on(API.acknowledge, use: acknowledge)
        // Streamed so an oversized upload gets a clear 413 instead of the generic one.
        routes.on(API.report, body: .stream, use: report)
        routes.on(API.compliance, use: compliance)
        routes.on(API.complianceCSV, use: complianceCSV)
        routes.on(API.summary, use: summary)
        routes.on(API.templates, use: templates)
        routes.on(API.evidence, use: evidence)
    }

    /// The operations of this controller: the router registers them and /openapi.json describes them.
    enum API {
        static let list = APIOperation(method: .GET, path: "/api/v1/campaigns", summary: "List the campaigns you can see (newest first)", tag: "Campaigns",
              query: APIOperation.paging + [.init(name: "q", description: "Search in the title"),
                                            .init(name: "state", description: "upcoming, active or ended")],
              reply: .page("CampaignSummary"))
        static let create = APIOperation(method: .POST, path: "/api/v1/campaigns",
              summary: "Create a campaign (coordinator), or from a template: {\"template\": \"le-30-4\", \"year\": 2026}",
              tag: "Campaigns", body: .json("CampaignInput"), reply: .created("Campaign"))
        static let show = APIOperation(method: .GET, path: "/api/v1/campaigns/{campaignID}", summary: "One campaign with the checklist items you can see",
              tag: "Campaigns", reply: .json("Campaign"))
        static let update = APIOperation(method: .PATCH, path: "/api/v1/campaigns/{campaignID}",
              summary: "Change title, period, time zone, directive or documents (coordinator)", tag: "Campaigns",
              body: .json("CampaignPatch"), reply: .json("Campaign"))
        static let addItem = APIOperation(method: .POST, path: "/api/v1/campaigns/{campaignID}/items", summary: "Add a checklist item (coordinator)",
              tag: "Campaigns", body: .json("ChecklistItemInput"), reply: .created("ChecklistItem"))
        static let updateItem = APIOperation(method: .PATCH, path: "/api/v1/campaigns/{campaignID}/items/{itemID}",
              summary: "Change a checklist item (coordinator); \"dueAt\": null removes the deadline", tag: "Campaigns",
              body: .json("ChecklistItemPatch"), reply: .json("ChecklistItem"))
        static let deleteItem = APIOperation(method: .DELETE, path: "/api/v1/campaigns/{campaignID}/items/{itemID}",
              summary: "Delete a checklist item (coordinator); force=true when units have answered it", tag: "Campaigns",
              query: [.init(name: "force", description: "true to delete the units' answers too", type: "boolean")],
              reply: .noContent)
        static let unitView = APIOperation(method: .GET, path: "/api/v1/campaigns/{campaignID}/units/{unitID}",
              summary: "One unit's items, answers and acknowledgement", tag: "Campaigns", reply: .json("UnitCampaign"))
        static let acknowledge = APIOperation(method: .POST, path: "/api/v1/campaigns/{campaignID}/units/{unitID}/acknowledge",
              summary: "Acknowledge the campaign for the unit (idempotent)", tag: "Campaigns", reply: .json("Acknowledgement"))
        static let report = APIOperation(method: .POST, path: "/api/v1/campaigns/{campaignID}/items/{itemID}/units/{unitID}/report",
              summary: "Answer an item for the unit: status done/not_applicable/problem, note (required for problem), optional evidence file; replaces the current answer",
              tag: "Campaigns", body: .multipart("ReportInput"), reply: .json("Report"))
        static let compliance = APIOperation(method: .GET, path: "/api/v1/campaigns/{campaignID}/compliance",
              summary: "Live compliance board: units you can read x items", tag: "Campaigns", reply: .json("Compliance"))
        static let complianceCSV = APIOperation(method: .GET, path: "/api/v1/campaigns/{campaignID}/compliance/csv",
              summary: "Compliance board as CSV (UTF-8 with BOM)", tag: "Campaigns",
              query: [.init(name: "lang", description: "vi (default) or en")], reply: .file("text/csv"))
        static let summary = APIOperation(method: .GET, path: "/api/v1/campaigns/{campaignID}/summary",
              summary: "End-of-campaign summary report", tag: "Campaigns", reply: .json("CampaignSummaryReport"))
        static let templates = APIOperation(method: .GET, path: "/api/v1/campaign-templates", summary: "Campaign templates, previewed for a year", tag: "Campaigns",
              query: [.init(name: "year", description: "Year of the preview (default: this year)", type: "integer")],
              reply: .list("CampaignTemplate"))
        static let evidence = APIOperation(method: .GET, path: "/api/v1/evidence/{evidenceID}",
              summary: "Download an evidence file (typed and disposed as EvidencePolicy says: only verified images and PDFs inline, with X-Content-SHA256)", tag: "Campaigns",
              reply: .files(EvidenceDownload.mediaTypes))
    }

    static let operations: [APIOperation] = [API.list, API.create, API.show, API.update, API.addItem, API.updateItem, API.deleteItem, API.unitView, API.acknowledge, API.report, API.compliance, API.complianceCSV, API.summary, API.templates, API.evidence]

    // MARK: Campaigns

    func list(req: Request) async throws -> Page<CampaignSummaryDTO> {
        let principal = try req.requirePrincipal()
        let now = Date()
        let query = try await CampaignService.listQuery(for: principal, q: req.query[String.self, at: "q"],
                                                        state: req.query[String.self, at: "state"], now: now, on: req.db)
        return try await query.page(req.paging()).map { $0.summaryDTO(now: now) }
    }

    func create(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        try CampaignService.requireCoordinator(principal)
        let input = try req.input(CampaignInput.self)
        let (campaign, items) = try await CampaignService.create(input, by: principal, on: req.db)
        return try await campaign.dto(items: items).encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> CampaignDTO {
        let (campaign, items) = try await Self.campaign(req)
        return campaign.dto(items: items)
    }

    func update(req: Request) async throws -> CampaignDTO {
        let (campaign, _) = try await Self.campaign(req)
        let principal = try req.requirePrincipal()
        try CampaignService.requireCoordinator(principal)
        let patch = try req.input(CampaignPatch.self)
        let (updated, items) = try await CampaignService.update(campaign, with: patch, by: principal, on: req.db)
        return updated.dto(items: items)
    }

    // MARK: Items

    func addItem(req: Request) async throws -> Response {
        let (campaign, _) = try await Self.campaign(req)
        let principal = try req.requirePrincipal()
        try CampaignService.requireCoordinator(principal)
        let input = try req.input(ChecklistItemInput.self)
        let item = try await CampaignService.addItem(to: campaign, input, by: principal, on: req.db)
        return try await item.dto(campaignEndsAt: campaign.endsAt).encodeResponse(status: .created, for: req)
    }

    func updateItem(req: Request) async throws -> ChecklistItemDTO {
        let (campaign, _) = try await Self.campaign(req)
        let principal = try req.requirePrincipal()
        try CampaignService.requireCoordinator(principal)
        let item = try await CampaignService.findItem(try Self.id(req, "itemID"), in: campaign, on: req.db)
        let patch = try req.input(ChecklistItemPatch.self)
        return try await CampaignService.updateItem(item, of: campaign, with: patch, by: principal, on: req.db)
            .dto(campaignEndsAt: campaign.endsAt)
    }

    func deleteItem(req: Request) async throws -> HTTPStatus {
        let (campaign, _) = try await Self.campaign(req)
        let principal = try req.requirePrincipal()
        try CampaignService.requireCoordinator(principal)
        let item = try await CampaignService.findItem(try Self.id(req, "itemID"), in: campaign, on: req.db)
        let force = ["1", "true", "yes"].contains((req.query[String.self, at: "force"] ?? "").lowercased())
        try await CampaignService.deleteItem(item, of: campaign, force: force, by: principal, on: req.db)
        return .noContent
    }

    // MARK: Units answering

    func unitView(req: Request) async throws -> UnitCampaignDTO {
        let (campaign, _) = try await Self.campaign(req)
        let unit = try await req.findUnit()
        return try await CampaignService.unitView(campaign, unit: unit, for: req.requirePrincipal(), on: req.db)
    }

    func acknowledge(req: Request) async throws -> AcknowledgementDTO {
        let (campaign, _) = try await Self.campaign(req)
        let unit = try await req.findUnit()
        let principal = try req.authorize(.report, on: unit.requireID())
        let (ack, _) = try await CampaignService.acknowledge(campaign, unit: unit, by: principal, on: req.db)
        let names = try await CampaignService.personNames([ack.$person.id], on: req.db)
        return ack.dto(personName: names[ack.$person.id])
    }

    func report(req: Request) async throws -> ReportDTO {
        let (campaign, _) = try await Self.campaign(req)
        let unit = try await req.findUnit()
        let principal = try req.authorize(.report, on: unit.requireID())
        let item = try await CampaignService.findItem(try Self.id(req, "itemID"), in: campaign, on: req.db)
        try await Self.collectUpload(req)
        let input = try req.input(ReportInput.self)
        let report = try await CampaignService.report(campaign, item: item, unit: unit, input: input,
                                                      maxUploadBytes: req.config.maxUploadBytes, by: principal, on: req.db)
        return try await CampaignService.reportDTO(report, on: req.db)
    }

    // MARK: Board

    func compliance(req: Request) async throws -> ComplianceDTO {
        let (campaign, items) = try await Self.campaign(req)
        let data = try await CampaignService.boardData(campaign, items: items, for: req.requirePrincipal(), on: req.db)
        return CampaignService.compliance(data)
    }

    func complianceCSV(req: Request) async throws -> Response {
        let (campaign, items) = try await Self.campaign(req)
        let data = try await CampaignService.boardData(campaign, items: items, for: req.requirePrincipal(), on: req.db)
        return Self.csvResponse(data, lang: Lang.of(req))
    }

    func summary(req: Request) async throws -> CampaignSummaryReportDTO {
        let (campaign, items) = try await Self.campaign(req)
        let data = try await CampaignService.boardData(campaign, items: items, for: req.requirePrincipal(), on: req.db)
        return try await CampaignService.summary(data, on: req.db)
    }

    func templates(req: Request) async throws -> [CampaignTemplateDTO] {
        _ = try req.requirePrincipal()
        let thisYear = LocalDay(Date(), in: TimeZone(identifier: CampaignService.defaultTimeZone)!).year
        var year = thisYear
        if let text = req.query[String.self, at: "year"] {
            guard let y = Int(text), (2000...2100).contains(y) else {
                throw Abort(.badRequest, reason: "year must be a whole number within 2000-2100")
            }
            year = y
        }
        return CampaignService.templates(year: year)
    }

    func evidence(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let file = try await CampaignService.evidence(try Self.id(req, "evidenceID"), for: principal, on: req.db)
        return EvidenceDownload.response(file)
    }

    // MARK: Helpers

    static func id(_ req: Request, _ name: String) throws -> UUID {
        guard let id = req.parameters.get(name, as: UUID.self) else { throw Abort(.badRequest, reason: "\(name) must be a UUID") }
        return id
    }

    /// The campaign named by `:campaignID` if the caller may see it (404 otherwise), with the items they may see.
    static func campaign(_ req: Request) async throws -> (Campaign, [ChecklistItem]) {
        let principal = try req.requirePrincipal()
        return try await CampaignService.find(try id(req, "campaignID"), for: principal, on: req.db)
    }

    /// Reads a streamed body up to the evidence limit plus room for the form envelope, with a clear 413 beyond it.
    static func collectUpload(_ req: Request) async throws {
        let limit = req.config.maxUploadBytes + 256 * 1024
        do {
            _ = try await req.body.collect(max: limit).get()
        } catch let abort as any AbortError where abort.status == .payloadTooLarge {
            throw BilingualError(.payloadTooLarge,
                                "Dữ liệu gửi lên quá lớn: tệp minh chứng tối đa \(UploadedEvidence.megabytes(req.config.maxUploadBytes)) MB.",
                                "The upload is too large: evidence files may be at most \(UploadedEvidence.megabytes(req.config.maxUploadBytes)) MB.")
        }
    }

    static func csvResponse(_ data: CampaignService.BoardData, lang: Lang) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"tuan-thu-\(data.campaign.id!.uuidString.lowercased()).csv\"")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(string: CampaignService.csv(data, lang: lang)))
    }
}
