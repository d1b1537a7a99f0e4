import Fluent
import Foundation
import TrucCore
import Vapor

/// /api/v1/units/{unitID}/scans: import a scanner report or SBOM into a unit, and the unit's scan history with
/// the original files.
struct ScanAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.importScan, body: .stream, use: importScan)
        routes.on(API.history, use: history)
        routes.on(API.file, use: file)
    }

    enum API {
        static let importScan = APIOperation(method: .POST, path: "/api/v1/units/{unitID}/scans",
              summary: "Import a scanner report or SBOM (Greenbone/OpenVAS XML, Nessus v2, Nuclei JSON/JSONL, Trivy JSON, CycloneDX 1.4–1.6 JSON/XML; recognised from the content) into the unit: hosts and software become assets, results become findings, findings of the same scanner gone from a covered host are closed. One transaction; 413 over TRUC_SCAN_MAX_MB",
              tag: "Inventory",
              query: [.init(name: "fileName", description: "The file's name, kept in the scan history")],
              body: .raw("application/octet-stream"), reply: .created("ScanImportSummary"))
        static let history = APIOperation(method: .GET, path: "/api/v1/units/{unitID}/scans",
              summary: "The unit's scan history, newest first: who, when, file name and SHA-256, format, hosts, results, new/unchanged/closed counts",
              tag: "Inventory", query: APIOperation.paging, reply: .page("ScanImport"))
        static let file = APIOperation(method: .GET, path: "/api/v1/scans/{scanID}/file",
              summary: "The original file of an import, as an attachment", tag: "Inventory", reply: .file("application/octet-stream"))
    }

    static let operations: [APIOperation] = [API.importScan, API.history, API.file]

    func importScan(req: Request) async throws -> Response {
        let unit = try await req.findUnit()
        let unitID = try unit.requireID()
        let principal = try req.authorize(.manageInventory, on: unitID)
        let fileName = req.query[String.self, at: "fileName"]
        if let fileName, !TextLimit.fits(fileName, TextLimit.line) {
            throw Abort(.unprocessableEntity, reason: "fileName is at most \(TextLimit.line) characters")
        }
        let body = try await req.collectUpload(limit: req.config.maxScanBytes)
        guard body.readableBytes > 0 else {
            throw Abort(.badRequest, reason: "The body is empty: send the report file (\(ScanFormat.acceptedList)).")
        }
        let summary = try await ScanImportService.importUpload(Data(body.readableBytesView), fileName: fileName, unitID: unitID,
                                                               by: principal, req: req)
        return try MonitorAPIController.created(summary)
    }

    func history(req: Request) async throws -> Page<ScanImportDTO> {
        let unit = try await req.findUnit()
        return try await ScanImport.history(unitID: unit.requireID(), on: req.db).page(try req.paging()).map { try $0.dto() }
    }

    func file(req: Request) async throws -> Response {
        try await Self.download(req)
    }

    /// The stored file of `scanID`, for whoever may read the unit, as an attachment.
    static func download(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("scanID", as: UUID.self) else { throw Abort(.badRequest, reason: "scanID must be a UUID") }
        guard let scan = try await ScanImport.find(id, on: req.db) else { throw Abort(.notFound, reason: "No such scan.") }
        try req.authorize(.read, on: scan.$unit.id)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/octet-stream")
        headers.replaceOrAdd(name: .contentDisposition, value: EvidencePolicy.contentDisposition(.attachment, filename: scan.fileName))
        for header in EvidencePolicy.hardeningHeaders { headers.replaceOrAdd(name: header.name, value: header.value) }
        headers.replaceOrAdd(name: "X-Content-SHA256", value: scan.sha256)
        return Response(status: .ok, headers: headers, body: .init(data: scan.content))
    }
}
