import Fluent
import Foundation
import TrucCore
import Vapor

/// Pages of a unit's inventory: information systems, assets (add, edit, delete), CSV and Nmap imports, CPE proposals.
struct InventoryWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(InventoryRoute.inventory(unit: .routeKey), use: inventory)
        routes.on(InventoryRoute.createSystem(unit: .routeKey), use: createSystem)
        routes.on(InventoryRoute.createAsset(unit: .routeKey), use: createAsset)
        routes.on(InventoryRoute.importAssets(unit: .routeKey), use: importFile)
        routes.on(InventoryRoute.editSystem(.routeKey), use: editSystem)
        routes.on(InventoryRoute.updateSystem(.routeKey), use: updateSystem)
        routes.on(InventoryRoute.deleteSystem(.routeKey), use: deleteSystem)
        routes.on(InventoryRoute.asset(.routeKey), use: asset)
        routes.on(InventoryRoute.updateAsset(.routeKey), use: updateAsset)
        routes.on(InventoryRoute.deleteAsset(.routeKey), use: deleteAsset)
    }

    // MARK: - Inventory page

    func inventory(req: Request) async throws -> HTML {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.requirePrincipal()
        let assets = try InventoryAPIController.assetQuery(req, unitID: unitID)
        let paging = try req.paging()
        var model = try await InventoryShow.Model.query(unit: unit, principal: principal, assets: assets, paging: paging,
                                                        search: req.query[String.self, at: "q"] ?? "",
                                                        kind: req.query[String.self, at: "kind"], proposal: try await proposal(req),
                                                        on: req.db)
        model.maxScanMegabytes = req.config.maxScanBytes / 1_048_576
        return InventoryShow.View(ctx: PageContext(req), model: model).document()
    }

    /// The CPE proposals asked for with ?propose=1&vendor=&product=&version=.
    func proposal(_ req: Request) async throws -> InventoryShow.Proposal {
        guard req.query[String.self, at: "propose"] != nil else { return .notAsked }
        let vendor = req.query[String.self, at: "vendor"]
        let product = req.query[String.self, at: "product"]
        let version = req.query[String.self, at: "version"]
        let part = req.query[String.self, at: "part"].flatMap(CPEPart.init(rawValue:))
        guard vendor.nonEmpty != nil || product.nonEmpty != nil else { return .missingInput }
        return .found(try await req.application.cpeProposals.propose(vendor: vendor, product: product, version: version, part: part, on: req.db))
    }

    // MARK: - Forms

    struct SystemForm: Content, LimitedInput {
        var name: String
        var securityLevel: Int
        var purpose: String?
        var owner: String?
        var domains: String?
        var publicIPs: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            SystemInput.checkLimits(&check, name: name, purpose: purpose, owner: owner)
            // One a line (or separated by commas or spaces).
            check.text("domains", domains, TextLimit.listEntries * (TextLimit.host + 2))
            check.text("publicIPs", publicIPs, TextLimit.listEntries * (TextLimit.host + 2))
            check.texts("domains", domains.map(Self.lines), TextLimit.host)
            check.texts("publicIPs", publicIPs.map(Self.lines), TextLimit.host)
        }

        var input: SystemInput {
            SystemInput(name: name, purpose: purpose, securityLevel: securityLevel, owner: owner,
                        domains: Self.lines(domains), publicIPs: Self.lines(publicIPs))
        }

        static func lines(_ text: String?) -> [String] {
            (text ?? "").split(whereSeparator: { $0.isNewline || $0 == "," || $0 == " " }).map(String.init)
        }
    }

    struct AssetForm: Content, LimitedInput {
        var kind: String
        var name: String
        var systemID: String?
        var vendor: String?
        var product: String?
        var version: String?
        var hostname: String?
        var ipAddress: String?
        var cpes: String?
        var notes: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("kind", kind, TextLimit.code)
            check.text("systemID", systemID, TextLimit.code)
            AssetInput.checkLimits(&check, name: name, vendor: vendor, product: product, version: version, hostname: hostname,
                                   ipAddress: ipAddress, notes: notes)
            check.text("cpes", cpes, AssetCSV.maximumCPEsPerRow * (TextLimit.line + 1))
        }

        func input(_ ctx: PageContext) throws -> AssetInput {
            guard let kind = AssetKind(rawValue: kind) else { throw Abort(.badRequest, reason: ctx.t("Loại tài sản không hợp lệ.", "Unknown asset kind.")) }
            let system = try FindingService.uuid(systemID, "systemID")
            return AssetInput(kind: kind, name: name, systemID: system, vendor: vendor, product: product, version: version,
                              hostname: hostname, ipAddress: ipAddress,
                              cpes: (cpes ?? "").split(whereSeparator: { $0.isNewline || $0 == " " || $0 == "|" }).map(String.init), notes: notes)
        }
    }

    func createSystem(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.authorize(.manageInventory, on: unitID)
        let form = try req.input(SystemForm.self)
        _ = try await InventoryService.createSystem(form.input, unitID: unitID, by: principal, on: req.db)
        return req.redirect(to: InventoryRoute.inventory(unit: unitID), flash: Flash(.systemAdded))
    }

    func editSystem(req: Request) async throws -> HTML {
        let (system, _) = try await InventoryAPIController.findSystem(req, .manageInventory)
        return SystemEdit.View(ctx: PageContext(req), system: system).document()
    }

    func updateSystem(req: Request) async throws -> Response {
        let (system, principal) = try await InventoryAPIController.findSystem(req, .manageInventory)
        let form = try req.input(SystemForm.self)
        _ = try await InventoryService.updateSystem(system, with: form.input, by: principal, on: req.db, zone: req.timeZone)
        return req.redirect(to: InventoryRoute.inventory(unit: system.$unit.id), flash: Flash(.saved))
    }

    func deleteSystem(req: Request) async throws -> Response {
        let (system, principal) = try await InventoryAPIController.findSystem(req, .manageInventory)
        let unitID = system.$unit.id
        try await InventoryService.deleteSystem(system, by: principal, on: req.db)
        return req.redirect(to: InventoryRoute.inventory(unit: unitID), flash: Flash(.systemDeleted))
    }

    func createAsset(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.authorize(.manageInventory, on: unitID)
        let ctx = PageContext(req)
        let input = try req.input(AssetForm.self).input(ctx)
        let asset = try await InventoryService.createAsset(input, unitID: unitID, by: principal, on: req.db, zone: req.timeZone)
        return req.redirect(to: InventoryRoute.asset(try asset.requireID()), flash: Flash(.assetAdded))
    }

    struct ImportForm: Content, LimitedInput {
        var format: String?
        var file: File?

        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("format", format, TextLimit.code)
            check.text("file.filename", file?.filename, TextLimit.line)
        }
    }

    func importFile(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.authorize(.manageInventory, on: unitID)
        let ctx = PageContext(req)
        let form = try req.input(ImportForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            throw Abort(.badRequest, reason: ctx.t("Chọn tệp cần nhập.", "Choose the file to import."))
        }
        let result: AssetImportDTO
        if form.format == "nmap" {
            let scan: NmapScan
            do {
                scan = try NmapScan(data: Data(file.data.readableBytesView))
            } catch {
                throw Abort(.unprocessableEntity, reason: ctx.t("Không đọc được tệp Nmap XML: \(error.vietnamese). Chưa nhập gì.",
                                                                "Not a readable Nmap XML scan: \(error.english). Nothing was imported."))
            }
            let (drafts, problems) = scan.assetDrafts()
            result = try await InventoryService.importDrafts(drafts, unitID: unitID, source: "nmap", problems: problems, by: principal,
                                                             on: req.db, zone: req.timeZone)
        } else {
            guard let text = String(bytes: file.data.readableBytesView, encoding: .utf8) else {
                throw Abort(.badRequest, reason: ctx.t("Tệp không phải văn bản UTF-8; hãy lưu dạng CSV UTF-8.", "The file is not UTF-8 text; save it as CSV UTF-8."))
            }
            switch AssetCSV.parse(text) {
            case .errors(let rows):
                let page = AssetImportErrors.View(ctx: ctx, model: .init(unitID: unitID, filename: file.filename, rows: rows)).document()
                return try await page.encodeResponse(status: .unprocessableEntity, for: req)
            case .rows(let rows):
                result = try await InventoryService.importDrafts(rows.map(\.draft), unitID: unitID, source: "csv", problems: [],
                                                                 by: principal, on: req.db, zone: req.timeZone)
            }
        }
        return req.redirect(to: InventoryRoute.inventory(unit: unitID), flash: Flash(.assetsImported, result.created, result.updated, result.matching.newFindings))
    }

    // MARK: - Asset page

    func asset(req: Request) async throws -> HTML {
        let (asset, _) = try await InventoryAPIController.findAsset(req, .read)
        let principal = try req.requirePrincipal()
        let model = try await AssetShow.Model.query(asset, principal: principal, now: Date(), on: req.db)
        return AssetShow.View(ctx: PageContext(req), model: model).document()
    }

    func updateAsset(req: Request) async throws -> Response {
        let (asset, principal) = try await InventoryAPIController.findAsset(req, .manageInventory)
        let ctx = PageContext(req)
        let input = try req.input(AssetForm.self).input(ctx)
        _ = try await InventoryService.updateAsset(asset, with: input, by: principal, on: req.db, zone: req.timeZone)
        return req.redirect(to: InventoryRoute.asset(try asset.requireID()), flash: Flash(.assetRematched))
    }

    func deleteAsset(req: Request) async throws -> Response {
        let (asset, principal) = try await InventoryAPIController.findAsset(req, .manageInventory)
        let unitID = asset.$unit.id
        try await InventoryService.deleteAsset(asset, by: principal, on: req.db)
        return req.redirect(to: InventoryRoute.inventory(unit: unitID), flash: Flash(.assetDeleted))
    }
}
