import Fluent
import Foundation
import SQLKit
import TrucCore

/// Sources synced on a schedule and their runs; NVD, KEV and EPSS are created with their public addresses.
struct CreateFeedSource: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(FeedSource.schema)
            .id()
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("url", .string, .required)
            .field("api_key", .string)
            .field("interval_minutes", .int, .required)
            .field("enabled", .bool, .required)
            .field("cursor", .string, .required)
            .field("etag", .string)
            .field("last_modified", .string)
            .field("next_run_at", .datetime, .required)
            .field("last_run_at", .datetime)
            .field("last_success_at", .datetime)
            .field("last_error", .string)
            .field("failures", .int, .required)
            .field("run_requested_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema(FeedRun.schema)
            .id()
            .field("source_id", .uuid, .required, .references(FeedSource.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("trigger", .string, .required)
            .field("started_at", .datetime, .required)
            .field("finished_at", .datetime)
            .field("http_calls", .int, .required)
            .field("bytes", .int64, .required)
            .field("created", .int, .required)
            .field("updated", .int, .required)
            .field("unchanged", .int, .required)
            .field("skipped", .int, .required)
            .field("error", .string)
            .field("notes", .string, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "feed_runs_source_started").on(FeedRun.schema).column("source_id").column("started_at").run()
            try await sql.create(index: "feed_runs_started").on(FeedRun.schema).column("started_at").run()
        }
        let now = Date()
        for kind in [FeedSourceKind.nvd, .kev, .epss] {
            let settings = try FeedSourceSettings(kind: kind, name: nil, url: nil, intervalMinutes: nil, enabled: true)
            try await FeedSource(kind: kind, settings: settings, nextRunAt: now).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FeedRun.schema).delete()
        try await database.schema(FeedSource.schema).delete()
    }
}
