import Fluent
import SQLKit

/// Sign-in throttling counters and familiar addresses/browsers, TOTP authenticators and recovery codes.
struct CreateSignInSecurity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LoginThrottleRecord.schema)
            .field("key", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("window_start", .datetime, .required)
            .field("last_failure_at", .datetime, .required)
            .field("next_allowed_at", .datetime)
            .field("expires_at", .datetime, .required)
            .field("version", .int, .required)
            .create()
        try await database.schema(SignInMark.schema)
            .field("key", .string, .identifier(auto: false))
            .field("expires_at", .datetime, .required)
            .create()
        try await database.schema(TwoFactorSecret.schema)
            .id()
            .field("person_id", .uuid, .required, .references(Person.schema, .id, onDelete: .cascade))
            .field("secret", .string, .required)
            .field("confirmed_at", .datetime)
            .field("last_used_step", .int64)
            .field("created_at", .datetime)
            .unique(on: "person_id")
            .create()
        try await database.schema(RecoveryCode.schema)
            .id()
            .field("person_id", .uuid, .required, .references(Person.schema, .id, onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "login_throttles_expiry").on(LoginThrottleRecord.schema).column("expires_at").run()
        try await sql.create(index: "sign_in_marks_expiry").on(SignInMark.schema).column("expires_at").run()
        try await sql.create(index: "recovery_codes_person").on(RecoveryCode.schema).column("person_id").column("code_hash").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RecoveryCode.schema).delete()
        try await database.schema(TwoFactorSecret.schema).delete()
        try await database.schema(SignInMark.schema).delete()
        try await database.schema(LoginThrottleRecord.schema).delete()
    }
}
