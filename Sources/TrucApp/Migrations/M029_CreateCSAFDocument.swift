import Fluent
import SQLKit

/// Every CSAF document imported, whole (so that an offline bundle can carry it and a later reader can audit it):
/// one row per (tracking id, publisher), replaced by a newer import.
struct CreateCSAFDocument: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CSAFDocumentRecord.schema)
            .id()
            .field("tracking_id", .string, .required)
            .field("publisher", .string, .required)
            .field("title", .string, .required)
            .field("sha256", .string, .required)
            .field("content", .string, .required)
            .field("size", .int, .required)
            .field("source_url", .string)
            .field("signature", .string, .required)
            .field("imported_at", .datetime, .required)
            .unique(on: "tracking_id", "publisher")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "csaf_documents_imported_idx").on(CSAFDocumentRecord.schema).column("imported_at").run()
        // Bundle exports read the CVE records imported since a cursor.
        try await sql.create(index: "vulnerabilities_imported_idx").on(Vulnerability.schema).column("imported_at").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.drop(index: "vulnerabilities_imported_idx").run()
        }
        try await database.schema(CSAFDocumentRecord.schema).delete()
    }
}
