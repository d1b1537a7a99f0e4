import Fluent
import Foundation
import SQLKit

/// A named lease on a background job (e.g. rolling up check results), so that among several app instances
/// one at a time does it. A lease that is not renewed expires and another instance takes over.
final class JobLease: Model, @unchecked Sendable {
    static let schema = "job_leases"

    @ID(custom: "name", generatedBy: .user) var id: String?
    @Field(key: "owner") var owner: String
    @Field(key: "lease_until") var leaseUntil: Date

    init() {}

    /// Takes or renews the lease `name` for `owner` until `now + seconds`. True when `owner` holds it now.
    static func acquire(_ name: String, owner: String, seconds: TimeInterval, now: Date = Date(),
                        on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return true }
        let rows = try await sql.raw("""
            INSERT INTO job_leases (name, owner, lease_until) VALUES (\(bind: name), \(bind: owner), \(bind: now.addingTimeInterval(seconds)))
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until
            WHERE job_leases.lease_until < \(bind: now) OR job_leases.owner = excluded.owner
            RETURNING name
            """).all()
        return !rows.isEmpty
    }

    /// Gives the lease up (only if `owner` holds it).
    static func release(_ name: String, owner: String, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DELETE FROM job_leases WHERE name = \(bind: name) AND owner = \(bind: owner)").run()
    }
}
