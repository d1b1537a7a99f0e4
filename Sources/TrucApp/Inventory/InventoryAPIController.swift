import Fluent
import Foundation
import TrucCore
import Vapor

/// The asset inventory: information systems, assets, CSV and Nmap imports, CPE proposals.
struct InventoryAPIController: RouteCollection {
    static let maxImportBytes = 20 * 1024 * 1024

    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.listSystems, use: listSystems)
        routes.on(API.createSystem, use: createSystem)
        routes.on(API.listAssets, use: listAssets)
        routes.on(API.createAsset, use: createAsset)
        routes.on(API.importCSV, body: .collect(maxSize: ByteCount(value: Self.maxImportBytes)), use: importCSV)
        routes.on(API.importNmap, body: .collect(maxSize: ByteCount(value: Self.maxImportBytes)), use: importNmap)
        routes.on(API.showSystem, use: showSystem)
        routes.on(API.updateSystem, use: updateSystem)
        routes.on(API.deleteSystem, use: deleteSystem)
        routes.on(API.showAsset, use: showAsset)
        routes.on(API.updateAsset, use: updateAsset)
        routes.on(API.deleteAsset, use: deleteAsset)
        routes.on(API.propose, use: propose)
    }

    static let assetFilters: [APIOperation.Param] = [
        .init(name: "systemID", description: "Only assets of this information system"),
        .init(name: "kind", description: "router, switch, firewall, server, software or other"),
        .init(name: "q", description: "Search name, vendor, product, hostname, IP"),
    ]

    /// The operations of this controller: the router registers them and /openapi.json describes them.
    enum API {
        static let listSystems = APIOperation(method: .GET, path: "/api/v1/units/{unitID}/systems", summary: "The unit's information systems", tag: "Inventory",
              query: APIOperation.paging, reply: .page("System"))
        static let createSystem = APIOperation(method: .POST, path: "/api/v1/units/{unitID}/systems", summary: "Add an information system (unit admin)", tag: "Inventory",
              body: .json("SystemInput"), reply: .created("System"))
        static let showSystem = APIOperation(method: .GET, path: "/api/v1/systems/{systemID}", summary: "One information system", tag: "Inventory", reply: .json("System"))
        static let updateSystem = APIOperation(method: .PUT, path: "/api/v1/systems/{systemID}",
              summary: "Change an information system; a new security level recomputes its findings' deadlines", tag: "Inventory",
              body: .json("SystemInput"), reply: .json("System"))
        static let deleteSystem = APIOperation(method: .DELETE, path: "/api/v1/systems/{systemID}", summary: "Delete an information system (its assets stay, unassigned)",
              tag: "Inventory", reply: .noContent)
        static let listAssets = APIOperation(method: .GET, path: "/api/v1/units/{unitID}/assets", summary: "The unit's assets", tag: "Inventory",
              query: APIOperation.paging + assetFilters, reply: .page("Asset"))
        static let createAsset = APIOperation(method: .POST, path: "/api/v1/units/{unitID}/assets", summary: "Add an asset; it is matched against the knowledge base at once",
              tag: "Inventory", body: .json("AssetInput"), reply: .created("Asset"))
        static let importCSV = APIOperation(method: .POST, path: "/api/v1/units/{unitID}/assets/import",
              summary: "Import assets from CSV (kind,name[,system,vendor,product,version,hostname,ip,cpe,key,notes]); any row error: 422 with rows[], nothing stored",
              tag: "Inventory", body: .raw("text/csv"), reply: .created("AssetImport"))
        static let importNmap = APIOperation(method: .POST, path: "/api/v1/units/{unitID}/assets/import-nmap",
              summary: "Import an Nmap XML scan: hosts and open services with their CPEs become assets (re-import updates them)",
              tag: "Inventory", body: .raw("application/xml"), reply: .created("AssetImport"))
        static let showAsset = APIOperation(method: .GET, path: "/api/v1/assets/{assetID}", summary: "One asset", tag: "Inventory", reply: .json("Asset"))
        static let updateAsset = APIOperation(method: .PUT, path: "/api/v1/assets/{assetID}", summary: "Change an asset; it is rematched at once", tag: "Inventory",
              body: .json("AssetInput"), reply: .json("Asset"))
        static let deleteAsset = APIOperation(method: .DELETE, path: "/api/v1/assets/{assetID}", summary: "Delete an asset and its findings", tag: "Inventory", reply: .noContent)
        static let propose = APIOperation(method: .GET, path: "/api/v1/cpe/proposals",
              summary: "Propose CPE 2.3 names for vendor/product/version texts from the NVD CPE dictionary", tag: "Inventory",
              query: [.init(name: "vendor", description: "Vendor text, e.g. Cisco"),
                      .init(name: "product", description: "Product or model text, e.g. IOS"),
                      .init(name: "version", description: "Version text, e.g. 15.2(4)M1"),
                      .init(name: "part", description: "a (application), o (operating system/firmware) or h (hardware)")],
              reply: .list("CPEProposal"))
    }

    static let operations: [APIOperation] = [API.listSystems, API.createSystem, API.showSystem, API.updateSystem, API.deleteSystem, API.listAssets, API.createAsset, API.importCSV, API.importNmap, API.showAsset, API.updateAsset, API.deleteAsset, API.propose]

    // MARK: - Systems

    func listSystems(req: Request) async throws -> Page<SystemDTO> {
        let unit = try await req.findUnit()
        return try await InformationSystem.query(on: req.db).filter(\.$unit.$id == unit.requireID()).sort(\.$name)
            .page(req.paging()).map { $0.dto() }
    }

    func createSystem(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageInventory, on: unit.requireID())
        let input = try req.input(SystemInput.self)
        let system = try await InventoryService.createSystem(input, unitID: unit.requireID(), by: principal, on: req.db)
        return try created(system.dto())
    }

    static func findSystem(_ req: Request, _ permission: Permission) async throws -> (InformationSystem, Principal) {
        guard let id = req.parameters.get("systemID", as: UUID.self) else { throw Abort(.badRequest, reason: "systemID must be a UUID") }
        guard let system = try await InformationSystem.find(id, on: req.db) else { throw Abort(.notFound, reason: "No such system.") }
        try req.authorize(.read, on: system.$unit.id)
        return (system, try req.authorize(permission, on: system.$unit.id))
    }

    func showSystem(req: Request) async throws -> SystemDTO {
        try await Self.findSystem(req, .read).0.dto()
    }

    func updateSystem(req: Request) async throws -> SystemDTO {
        let (system, principal) = try await Self.findSystem(req, .manageInventory)
        let input = try req.input(SystemInput.self)
        return try await InventoryService.updateSystem(system, with: input, by: principal, on: req.db, zone: req.timeZone).dto()
    }

    func deleteSystem(req: Request) async throws -> HTTPStatus {
        let (system, principal) = try await Self.findSystem(req, .manageInventory)
        try await InventoryService.deleteSystem(system, by: principal, on: req.db)
        return .noContent
    }

    // MARK: - Assets

    static func assetQuery(_ req: Request, unitID: UUID) throws -> QueryBuilder<Asset> {
        let query = Asset.query(on: req.db).filter(\.$unit.$id == unitID).sort(\.$name).sort(\.$id)
        if let system = try FindingService.uuid(req.query[String.self, at: "systemID"], "systemID") {
            query.filter(\.$system.$id == system)
        }
        if let kindText = req.query[String.self, at: "kind"].nonEmpty {
            guard let kind = AssetKind(rawValue: kindText) ?? AssetKind(label: kindText) else {
                throw Abort(.badRequest, reason: "kind must be one of \(AssetKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.filter(\.$kind == kind)
        }
        if let q = req.query[String.self, at: "q"].nonEmpty {
            let pattern = "%\(q.lowercased())%"
            query.group(.or) { group in
                for key in ["name", "vendor", "product", "hostname", "ip_address"] {
                    group.filter(.sql(unsafeRaw: "LOWER(\(key))"), .custom("LIKE"), .bind(pattern))
                }
            }
        }
        return query
    }

    func listAssets(req: Request) async throws -> Page<AssetDTO> {
        let unit = try await req.findUnit()
        return try await Self.assetQuery(req, unitID: unit.requireID()).page(req.paging()).map { $0.dto() }
    }

    func createAsset(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageInventory, on: unit.requireID())
        let input = try req.input(AssetInput.self)
        let asset = try await InventoryService.createAsset(input, unitID: unit.requireID(), by: principal, on: req.db, zone: req.timeZone)
        return try created(asset.dto())
    }

    static func findAsset(_ req: Request, _ permission: Permission) async throws -> (Asset, Principal) {
        guard let id = req.parameters.get("assetID", as: UUID.self) else { throw Abort(.badRequest, reason: "assetID must be a UUID") }
        guard let asset = try await Asset.find(id, on: req.db) else { throw Abort(.notFound, reason: "No such asset.") }
        try req.authorize(.read, on: asset.$unit.id)
        return (asset, try req.authorize(permission, on: asset.$unit.id))
    }

    func showAsset(req: Request) async throws -> AssetDTO {
        try await Self.findAsset(req, .read).0.dto()
    }

    func updateAsset(req: Request) async throws -> AssetDTO {
        let (asset, principal) = try await Self.findAsset(req, .manageInventory)
        let input = try req.input(AssetInput.self)
        return try await InventoryService.updateAsset(asset, with: input, by: principal, on: req.db, zone: req.timeZone).dto()
    }

    func deleteAsset(req: Request) async throws -> HTTPStatus {
        let (asset, principal) = try await Self.findAsset(req, .manageInventory)
        try await InventoryService.deleteAsset(asset, by: principal, on: req.db)
        return .noContent
    }

    // MARK: - Imports

    func importCSV(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageInventory, on: unit.requireID())
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            return try Self.importFailure(.badRequest, reason: "The body is empty: send the CSV file (kind,name,...).", rows: [])
        }
        guard let text = String(bytes: buffer.readableBytesView, encoding: .utf8) else {
            return try Self.importFailure(.badRequest, reason: "The file is not UTF-8 text; save it as CSV UTF-8.", rows: [])
        }
        switch AssetCSV.parse(text) {
        case .errors(let rows):
            return try Self.importFailure(.unprocessableEntity,
                                          reason: "\(rows.count) row error(s); nothing was imported. Fix the rows listed and send the whole file again.",
                                          rows: rows)
        case .rows(let rows):
            let result = try await InventoryService.importDrafts(rows.map(\.draft), unitID: unit.requireID(), source: "csv", problems: [],
                                                                 by: principal, on: req.db, zone: req.timeZone)
            return try created(result)
        }
    }

    func importNmap(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageInventory, on: unit.requireID())
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw Abort(.badRequest, reason: "The body is empty: send the Nmap XML file (nmap -oX).")
        }
        let scan: NmapScan
        do {
            scan = try NmapScan(data: Data(buffer.readableBytesView))
        } catch {
            throw Abort(.unprocessableEntity, reason: "Not a readable Nmap XML scan: \(error.english). Nothing was imported.")
        }
        let (drafts, problems) = scan.assetDrafts()
        let result = try await InventoryService.importDrafts(drafts, unitID: unit.requireID(), source: "nmap", problems: problems,
                                                             by: principal, on: req.db, zone: req.timeZone)
        return try created(result)
    }

    static func importFailure(_ status: HTTPResponseStatus, reason: String, rows: [AssetCSV.RowError]) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(AssetImportErrorDTO(error: true, reason: reason, rows: rows))
        return response
    }

    // MARK: - CPE

    func propose(req: Request) async throws -> [CPEProposalDTO] {
        _ = try req.requirePrincipal()
        var part: CPEPart?
        if let text = req.query[String.self, at: "part"].nonEmpty {
            guard let value = CPEPart(rawValue: text) else { throw Abort(.badRequest, reason: "part must be a, o or h") }
            part = value
        }
        let vendor = req.query[String.self, at: "vendor"]
        let product = req.query[String.self, at: "product"]
        guard vendor.nonEmpty != nil || product.nonEmpty != nil else {
            throw Abort(.badRequest, reason: "Give at least vendor or product.")
        }
        return try await req.application.cpeProposals.propose(vendor: vendor, product: product, version: req.query[String.self, at: "version"],
                                                               part: part, on: req.db)
    }

    func created(_ value: some Content) throws -> Response {
        let response = Response(status: .created)
        try response.content.encode(value)
        return response
    }
}
