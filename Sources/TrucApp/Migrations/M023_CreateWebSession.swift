import Fluent
import SQLKit

/// Web sessions of our own (replacing Fluent's `_fluent_sessions`, which knows neither whose session it is nor
/// when it was used): the hash of the cookie, the person, the sign-in time and the last use, so that sessions
/// expire on the server, can be swept, and end when the person's password is reset or they are deactivated.
/// `people.sessions_valid_after`: sessions signed in before it are refused.
struct CreateWebSession: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Person.schema).field("sessions_valid_after", .datetime).update()
        try await database.schema(WebSession.schema)
            .id()
            .field("key_hash", .string, .required)
            .field("person_id", .uuid, .references(Person.schema, .id, onDelete: .cascade))
            .field("data", .json, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .unique(on: "key_hash")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "web_sessions_person_idx").on(WebSession.schema).column("person_id").run()
            try await sql.create(index: "web_sessions_last_seen_idx").on(WebSession.schema).column("last_seen_at").run()
            try await sql.create(index: "web_sessions_created_idx").on(WebSession.schema).column("created_at").run()
        }
        // Sessions of the old store had no lifetime: everybody signs in again.
        try await SessionRecord.query(on: database).delete()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WebSession.schema).delete()
        try await database.schema(Person.schema).deleteField("sessions_valid_after").update()
    }
}
