import Fluent
import Foundation
import TrucCore
import Vapor

/// /api/v1/feed-sources: the knowledge sources synced on a schedule (NVD API 2.0, CISA KEV, FIRST EPSS, CSAF
/// providers), their settings and their recorded runs. Coordinator only; changes are audited. The API key is
/// write-only: it is in the answer to the change that sets it, and never again.
struct FeedSourceAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.list, use: list)
        routes.on(API.create, use: create)
        routes.on(API.show, use: show)
        routes.on(API.update, use: update)
        routes.on(API.delete, use: delete)
        routes.on(API.run, use: run)
        routes.on(API.runs, use: runs)
    }

    /// The operations of this controller: the router registers them and /openapi.json describes them.
    enum API {
        static let list = APIOperation(method: .GET, path: "/api/v1/feed-sources",
              summary: "The knowledge sources synced on a schedule, with where each stands and its next run (coordinator)", tag: "Feeds",
              query: APIOperation.paging, reply: .page("FeedSource"))
        static let create = APIOperation(method: .POST, path: "/api/v1/feed-sources",
              summary: "Add a CSAF 2.0 provider by the address of its provider-metadata.json (coordinator)", tag: "Feeds",
              body: .json("FeedSourceInput"), reply: .created("FeedSource"))
        static let show = APIOperation(method: .GET, path: "/api/v1/feed-sources/{sourceID}",
              summary: "One source (coordinator)", tag: "Feeds", reply: .json("FeedSource"))
        static let update = APIOperation(method: .PATCH, path: "/api/v1/feed-sources/{sourceID}",
              summary: "Change a source's address, interval (15 min to 30 days), on/off or API key (NVD); absent fields stay (coordinator)",
              tag: "Feeds", body: .json("FeedSourceInput"), reply: .json("FeedSource"))
        static let delete = APIOperation(method: .DELETE, path: "/api/v1/feed-sources/{sourceID}",
              summary: "Delete a CSAF provider and its runs (the built-in sources can only be switched off) (coordinator)", tag: "Feeds",
              reply: .noContent)
        static let run = APIOperation(method: .POST, path: "/api/v1/feed-sources/{sourceID}/run",
              summary: "Run the source's sync at the scheduler's next tick (within about 30 s), even when it is off (coordinator)",
              tag: "Feeds", reply: .accepted("FeedSource"))
        static let runs = APIOperation(method: .GET, path: "/api/v1/feed-sources/{sourceID}/runs",
              summary: "The source's recorded runs, newest first: HTTP calls, bytes, records new/updated/unchanged/skipped, error",
              tag: "Feeds", query: APIOperation.paging, reply: .page("FeedRun"))
    }

    static let operations: [APIOperation] = [API.list, API.create, API.show, API.update, API.delete, API.run, API.runs]

    func list(req: Request) async throws -> Page<FeedSourceDTO> {
        _ = try req.requireCoordinator()
        return try await FeedSourceService.page(try req.paging(), on: req.db).map { try FeedSourceDTO($0) }
    }

    func create(req: Request) async throws -> Response {
        let principal = try req.requireCoordinator()
        let source = try await FeedSourceService.createProvider(try req.input(FeedSourceInput.self), by: principal, on: req.db)
        return try MonitorAPIController.created(try FeedSourceDTO(source))
    }

    func show(req: Request) async throws -> FeedSourceDTO {
        let (source, _) = try await FeedSourceService.find(req)
        return try FeedSourceDTO(source)
    }

    func update(req: Request) async throws -> FeedSourceDTO {
        let (source, principal) = try await FeedSourceService.find(req)
        let key = try await FeedSourceService.update(source, try req.input(FeedSourceInput.self), by: principal, on: req.db)
        return try FeedSourceDTO(source, revealing: key)
    }

    func delete(req: Request) async throws -> HTTPStatus {
        let (source, principal) = try await FeedSourceService.find(req)
        try await FeedSourceService.delete(source, by: principal, on: req.db)
        return .noContent
    }

    func run(req: Request) async throws -> Response {
        let (source, principal) = try await FeedSourceService.find(req)
        try await FeedSourceService.requestRun(source, by: principal, on: req.db)
        let response = Response(status: .accepted)
        try response.content.encode(try FeedSourceDTO(source))
        return response
    }

    func runs(req: Request) async throws -> Page<FeedRunDTO> {
        let (source, _) = try await FeedSourceService.find(req)
        return try await FeedSourceService.runs(of: source, paging: try req.paging(), on: req.db).map { try FeedRunDTO($0) }
    }
}
