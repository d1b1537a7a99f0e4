import Fluent
import Foundation
import TrucCore
import Vapor

/// Findings (asset × CVE) and their remediation workflow.
struct FindingAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.list, use: list)
        routes.on(API.summary, use: summary)
        routes.on(API.show, use: show)
        routes.on(API.setStatus, use: setStatus)
    }

    /// The operations of this controller: the router registers them and /openapi.json describes them.
    enum API {
        static let list = APIOperation(method: .GET, path: "/api/v1/findings",
              summary: "Findings in the caller's units, soonest deadline first or by priority (sort=priority: KEV, EPSS, CVSS); default: open and in progress",
              tag: "Findings", query: APIOperation.paging + FindingService.filters + [FindingSort.param], reply: .page("Finding"))
        static let summary = APIOperation(method: .GET, path: "/api/v1/findings/summary", summary: "Active, overdue and KEV counts and active findings per severity",
              tag: "Findings", query: FindingService.filters.filter { ["unitID", "systemID", "assetID", "cve", "severity", "certain"].contains($0.name) },
              reply: .json("FindingSummary"))
        static let show = APIOperation(method: .GET, path: "/api/v1/findings/{findingID}", summary: "One finding", tag: "Findings", reply: .json("Finding"))
        static let setStatus = APIOperation(method: .POST, path: "/api/v1/findings/{findingID}/status",
              summary: "Move a finding: in_progress, fixed, mitigated (note), false_positive (note), risk_accepted (note and acceptedUntil; unit admin), open",
              tag: "Findings", body: .json("FindingStatusInput"), reply: .json("Finding"))
    }

    static let operations: [APIOperation] = [API.list, API.summary, API.show, API.setStatus]

    func list(req: Request) async throws -> Page<FindingDTO> {
        let principal = try req.requirePrincipal()
        try await FindingService.reopenExpiredAcceptances(on: req.db)
        let now = Date()
        let page = try await FindingService.query(FindingService.filter(req), for: principal, on: req.db, now: now).with(\.$asset)
            .page(req.paging())
        let epss = try await EPSSRecord.lookup(page.items.map { $0.$vulnerability.id }, on: req.db)
        return page.map { $0.dto(now: now, epss: epss[$0.$vulnerability.id]) }
    }

    func summary(req: Request) async throws -> FindingSummaryDTO {
        let principal = try req.requirePrincipal()
        try await FindingService.reopenExpiredAcceptances(on: req.db)
        return try await FindingService.summary(for: principal, filter: FindingService.filter(req), on: req.db)
    }

    func show(req: Request) async throws -> FindingDTO {
        let finding = try await FindingService.find(req)
        return finding.dto(epss: try await EPSSRecord.find(finding.$vulnerability.id, on: req.db)?.dto())
    }

    func setStatus(req: Request) async throws -> FindingDTO {
        let finding = try await FindingService.find(req)
        let principal = try req.requirePrincipal()
        let input = try req.input(FindingStatusInput.self)
        let changed = try await FindingService.transition(finding, input, principal: principal, on: req.db)
        return changed.dto(epss: try await EPSSRecord.find(changed.$vulnerability.id, on: req.db)?.dto())
    }
}
