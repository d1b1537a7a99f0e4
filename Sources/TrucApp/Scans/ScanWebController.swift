import Fluent
import Foundation
import TrucCore
import Vapor

/// The scan upload on a unit's inventory page, the unit's scan history page and the stored files.
struct ScanWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let upload = routes.on(InventoryRoute.importScan(unit: .routeKey), body: .stream, use: importScan)
        upload.userInfo[Route.scanUploadKey] = true
        routes.on(InventoryRoute.scanHistory(unit: .routeKey), use: history)
        routes.on(InventoryRoute.scanFile(.routeKey), use: file)
    }

    struct ScanForm: Content {
        var file: File?
    }

    func importScan(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.authorize(.manageInventory, on: unitID)
        let ctx = PageContext(req)
        try await req.collectUpload(limit: req.config.maxScanBytes + 256 * 1024)
        let form = try req.content.decode(ScanForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            throw Abort(.badRequest, reason: ctx.t("Chọn tệp báo cáo quét cần nhập.", "Choose the scan report to import."))
        }
        guard file.data.readableBytes <= req.config.maxScanBytes else { throw Request.tooLarge(req.config.maxScanBytes) }
        let summary = try await ScanImportService.importUpload(Data(file.data.readableBytesView), fileName: file.filename,
                                                               unitID: unitID, by: principal, req: req)
        return req.redirect(to: InventoryRoute.scanHistory(unit: unitID),
                            flash: Flash(.scanImported, summary.findingsNew, summary.findingsUnchanged, summary.findingsClosed,
                                         summary.findingsReopened))
    }

    func history(req: Request) async throws -> HTML {
        let unit = try await req.findUnit()
        let principal = try req.requirePrincipal()
        let model = try await ScanHistory.Model.query(unit: unit, principal: principal, paging: try req.paging(),
                                                     maxBytes: req.config.maxScanBytes, on: req.db)
        return ScanHistory.View(ctx: PageContext(req), model: model).document()
    }

    func file(req: Request) async throws -> Response {
        try await ScanAPIController.download(req)
    }
}
