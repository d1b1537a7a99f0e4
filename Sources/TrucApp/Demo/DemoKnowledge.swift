import CompressNIO
import Fluent
import Foundation
import SQLKit
import Vapor

/// The demo's small knowledge base (`DemoKnowledgeData`, cut by `scripts/cut-demo-knowledge.sh` from the shared NVD
/// and KEV data): the real CVE records and KEV entries that match the demo inventory, so that a new user sees open
/// findings, KEV items and deadlines at once. Loaded through the import path of `import-nvd` and `import-kev`.
enum DemoKnowledge {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The embedded documents, decoded: (file name, gzip bytes).
    static func documents() throws -> (nvd: [(String, Data)], kev: Data) {
        func decode(_ base64: String, _ name: String) throws -> Data {
            guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else {
                throw Failure(description: "demo knowledge base: \(name) is not valid base64")
            }
            return data
        }
        let kevGzip = try decode(DemoKnowledgeData.kev, "kev")
        var kev = ByteBuffer(data: kevGzip)
        let plain = try kev.decompress(with: .gzip())
        return ([("demo-nvdcve-1.1.json.gz", try decode(DemoKnowledgeData.nvd11, "nvd11")),
                 ("demo-nvd-2.0.json.gz", try decode(DemoKnowledgeData.nvd20, "nvd20"))],
                Data(plain.readableBytesView))
    }

    /// Loads the demo knowledge base when the knowledge base has no CVE yet. Returns whether it did.
    @discardableResult
    static func loadIfEmpty(on db: any Database, zone: TimeZone, logger: Logger) async throws -> Bool {
        let count = try await VulnerabilityStore.sql(db).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(Vulnerability.schema).first()?.decode(column: "n", as: Int.self) ?? 0
        guard count == 0, !DemoKnowledgeData.nvd11.isEmpty else { return false }
        let (nvd, kev) = try documents()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("truc-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var records = 0
        for (name, data) in nvd {
            let path = directory.appendingPathComponent(name).path
            try data.write(to: URL(fileURLWithPath: path))
            let (report, _) = try await FeedImporter.importNVD(path, on: db, zone: zone, match: true)
            records += report.records
        }
        let report = try await FeedImporter.importKEV(data: kev, name: "demo-known_exploited_vulnerabilities.json", on: db, zone: zone)
        logger.notice("Demo knowledge base loaded: \(records) CVE record(s), \(report.records) KEV entr(ies)")
        return true
    }
}
