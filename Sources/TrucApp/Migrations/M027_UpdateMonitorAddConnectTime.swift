import Fluent
import SQLKit

/// The time the last check took to get a connection, apart from the target's answer time; and an index on the
/// lease owner, which the scheduler's lease renewal and its release at shutdown look up.
struct UpdateMonitorAddConnectTime: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Monitor.schema).field("last_connect_ms", .double).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "monitors_lease_owner").on(Monitor.schema).column("lease_owner").run()
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.drop(index: "monitors_lease_owner").run()
        }
        try await database.schema(Monitor.schema).deleteField("last_connect_ms").update()
    }
}
