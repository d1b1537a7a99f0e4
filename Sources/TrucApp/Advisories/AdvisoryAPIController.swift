import Fluent
import Foundation
import TrucCore
import Vapor

/// Advisories (cảnh báo): the coordinator publishes; the units concerned acknowledge and report remediation.
struct AdvisoryAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.list, use: list)
        routes.on(API.create, use: create)
        routes.on(API.show, use: show)
        routes.on(API.update, use: update)
        routes.on(API.publish, use: publish)
        routes.on(API.setState, use: setState)
    }

    /// The operations of this controller: the router registers them and /openapi.json describes them.
    enum API {
        static let list = APIOperation(method: .GET, path: "/api/v1/advisories", summary: "Advisories the caller may see, newest first", tag: "Advisories",
              query: APIOperation.paging, reply: .page("Advisory"))
        static let create = APIOperation(method: .POST, path: "/api/v1/advisories",
              summary: "Draft an advisory (coordinator); publish: true publishes it at once", tag: "Advisories",
              body: .json("AdvisoryInput"), reply: .created("Advisory"))
        static let show = APIOperation(method: .GET, path: "/api/v1/advisories/{advisoryID}",
              summary: "One advisory with its board: each unit concerned, its matching assets and its state", tag: "Advisories",
              reply: .json("Advisory"))
        static let update = APIOperation(method: .PUT, path: "/api/v1/advisories/{advisoryID}", summary: "Change a draft (coordinator)", tag: "Advisories",
              body: .json("AdvisoryInput"), reply: .json("Advisory"))
        static let publish = APIOperation(method: .POST, path: "/api/v1/advisories/{advisoryID}/publish",
              summary: "Publish (or, once published, recompute): units with matching assets are added to the board and notified",
              tag: "Advisories", reply: .json("Advisory"))
        static let setState = APIOperation(method: .POST, path: "/api/v1/advisories/{advisoryID}/units/{unitID}/state",
              summary: "A unit's answer: acknowledged, remediating, remediated, not_affected (with a note)", tag: "Advisories",
              body: .json("AdvisoryStateInput"), reply: .json("AdvisoryUnit"))
    }

    static let operations: [APIOperation] = [API.list, API.create, API.show, API.update, API.publish, API.setState]

    func list(req: Request) async throws -> Page<AdvisoryDTO> {
        let principal = try req.requirePrincipal()
        let paging = try req.paging()
        return paging.page(of: try await AdvisoryQueries.visible(for: principal, on: req.db))
    }

    func create(req: Request) async throws -> Response {
        let principal = try req.requireCoordinator()
        let input = try req.input(AdvisoryInput.self)
        let advisory = try await AdvisoryService.create(input, by: principal, on: req.db, zone: req.timeZone)
        let response = Response(status: .created)
        try response.content.encode(try await detail(advisory, principal: principal, on: req.db))
        return response
    }

    func detail(_ advisory: Advisory, principal: Principal, on db: any Database) async throws -> AdvisoryDTO {
        let rows = try await AdvisoryUnit.query(on: db).filter(\.$advisory.$id == advisory.requireID()).with(\.$unit).all()
        return advisory.dto(units: AdvisoryService.board(advisory, rows: rows, principal: principal))
    }

    func show(req: Request) async throws -> AdvisoryDTO {
        let (advisory, rows) = try await AdvisoryService.find(req)
        return advisory.dto(units: AdvisoryService.board(advisory, rows: rows, principal: try req.requirePrincipal()))
    }

    func update(req: Request) async throws -> AdvisoryDTO {
        let principal = try req.requireCoordinator()
        let (advisory, _) = try await AdvisoryService.find(req)
        let input = try req.input(AdvisoryInput.self)
        let updated = try await AdvisoryService.update(advisory, with: input, by: principal, on: req.db)
        return try await detail(updated, principal: principal, on: req.db)
    }

    func publish(req: Request) async throws -> AdvisoryDTO {
        let principal = try req.requireCoordinator()
        let (advisory, _) = try await AdvisoryService.find(req)
        try await AdvisoryService.publish(advisory, by: principal, on: req.db)
        return try await detail(advisory, principal: principal, on: req.db)
    }

    func setState(req: Request) async throws -> AdvisoryUnitDTO {
        let principal = try req.requirePrincipal()
        let (advisory, _) = try await AdvisoryService.find(req)
        guard let unitID = req.parameters.get("unitID", as: UUID.self) else { throw Abort(.badRequest, reason: "unitID must be a UUID") }
        try req.authorize(.read, on: unitID)
        let input = try req.input(AdvisoryStateInput.self)
        let row = try await AdvisoryService.setState(advisory, unitID: unitID, input, by: principal, on: req.db)
        return row.dto(unit: row.$unit.value, deadline: advisory.deadline)
    }
}

/// Advisory lists shared by the API and the pages.
enum AdvisoryQueries {
    /// Every advisory the principal may see, newest first, with its unit and open counts (for a province: hundreds).
    static func visible(for principal: Principal, on db: any Database) async throws -> [AdvisoryDTO] {
        let advisories = try await Advisory.query(on: db).sort(\.$createdAt, .descending).all()
        let rows = try await AdvisoryUnit.query(on: db).all()
        let byAdvisory = Dictionary(grouping: rows, by: { $0.$advisory.id })
        return advisories.compactMap { advisory in
            let units = byAdvisory[advisory.id!] ?? []
            guard AdvisoryService.mayRead(advisory, unitIDs: units.map { $0.$unit.id }, principal: principal) else { return nil }
            return advisory.dto(unitCount: units.count, openCount: units.filter { $0.state.isOpen }.count)
        }
    }

    /// Advisories that concern the principal's units and still wait for an answer (for the home page).
    static func pending(for principal: Principal, on db: any Database) async throws -> [(Advisory, AdvisoryUnit)] {
        let rows = try await AdvisoryUnit.query(on: db).filter(\.$state ~~ [AdvisoryUnitState.notified, .acknowledged, .remediating])
            .with(\.$advisory).with(\.$unit).all()
        return rows.filter { principal.policy.allows(.report, on: $0.$unit.id) }.map { ($0.advisory, $0) }
            .sorted { ($0.0.publishedAt ?? .distantPast) > ($1.0.publishedAt ?? .distantPast) }
    }
}
