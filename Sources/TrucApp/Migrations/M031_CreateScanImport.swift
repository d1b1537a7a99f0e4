import Fluent
import SQLKit

/// Scanner reports and SBOMs imported per unit (`scan_imports`, with the original file kept as evidence), the
/// scanners' detections of each finding (`finding_detections`), and `findings.scan_present`: a scanner currently
/// reports the finding, so matching alone does not close it.
struct CreateScanImport: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ScanImport.schema)
            .id()
            .field("unit_id", .uuid, .required, .references(OrgUnit.schema, .id, onDelete: .cascade))
            .field("format", .string, .required)
            .field("tool", .string)
            .field("file_name", .string, .required)
            .field("sha256", .string, .required)
            .field("size", .int64, .required)
            .field("content", .data, .required)
            .field("imported_at", .datetime, .required)
            .field("imported_by", .string, .required)
            .field("hosts", .int, .required)
            .field("results", .int, .required)
            .field("findings_new", .int, .required)
            .field("findings_unchanged", .int, .required)
            .field("findings_closed", .int, .required)
            .field("findings_reopened", .int, .required)
            .field("assets_created", .int, .required)
            .field("covered", .string, .required)
            .create()
        try await database.schema(FindingDetection.schema)
            .id()
            .field("finding_id", .uuid, .required, .references(Finding.schema, .id, onDelete: .cascade))
            .field("scan_id", .uuid, .references(ScanImport.schema, .id, onDelete: .setNull))
            .field("closed_by_scan_id", .uuid, .references(ScanImport.schema, .id, onDelete: .setNull))
            .field("detection_key", .string, .required)
            .field("scanner", .string, .required)
            .field("rule_id", .string, .required)
            .field("name", .string, .required)
            .field("severity", .string, .required)
            .field("cvss", .double)
            .field("cves", .string, .required)
            .field("port", .int)
            .field("protocol", .string)
            .field("evidence", .string)
            .field("solution", .string)
            .field("present", .bool, .required)
            .field("first_seen", .datetime, .required)
            .field("last_seen", .datetime, .required)
            .unique(on: "finding_id", "detection_key")
            .create()
        try await database.schema(Finding.schema)
            .field("scan_present", .bool, .required, .sql(.default(false)))
            .update()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "scan_imports_unit_time").on(ScanImport.schema).column("unit_id").column("imported_at").run()
            try await sql.create(index: "finding_detections_scan").on(FindingDetection.schema).column("scan_id").run()
            try await sql.create(index: "finding_detections_closed_scan").on(FindingDetection.schema).column("closed_by_scan_id").run()
            try await sql.create(index: "assets_unit_ip").on(Asset.schema).column("unit_id").column("ip_address").run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.drop(index: "assets_unit_ip").run()
        }
        try await database.schema(Finding.schema).deleteField("scan_present").update()
        try await database.schema(FindingDetection.schema).delete()
        try await database.schema(ScanImport.schema).delete()
    }
}
