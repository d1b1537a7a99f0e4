import Fluent
import SQLKit

struct CreateFeedImport: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FeedImport.schema)
            .id()
            .field("kind", .string, .required)
            .field("source", .string, .required)
            .field("started_at", .datetime, .required)
            .field("finished_at", .datetime, .required)
            .field("records", .int, .required)
            .field("created", .int, .required)
            .field("updated", .int, .required)
            .field("unchanged", .int, .required)
            .field("skipped", .int, .required)
            .field("summary", .string, .required)
            .create()
        try await database.schema(CPEProductRecord.schema)
            .id()
            .field("part", .string, .required)
            .field("vendor", .string, .required)
            .field("product", .string, .required)
            .field("title", .string, .required)
            .field("version_count", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CPEProductRecord.schema).delete()
        try await database.schema(FeedImport.schema).delete()
    }
}
