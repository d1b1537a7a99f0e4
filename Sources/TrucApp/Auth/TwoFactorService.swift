import Crypto
import Fluent
import Foundation
import SQLKit
import TrucCore
import Vapor

/// Two-factor sign-in with a TOTP authenticator and one-time recovery codes: enrolment, checks, the coordinator's
/// requirement. Every change is audited (never with the secret or a code).
enum TwoFactorService {
    static let issuer = "Trực ATTT"
    /// The app setting holding the `TwoFactorPolicy`.
    static let settingKey = "two_factor"

    // MARK: - The requirement

    static func policy(on db: any Database) async throws -> TwoFactorPolicy {
        try await AppSetting.value(settingKey, as: TwoFactorPolicy.self, on: db) ?? TwoFactorPolicy()
    }

    static func setPolicy(_ policy: TwoFactorPolicy, by principal: Principal, on db: any Database) async throws {
        let before = try await self.policy(on: db)
        try await db.transaction { tx in
            try await AppSetting.store(policy, as: settingKey, on: tx)
            try await Audit.record("two_factor.policy", entity: "setting", id: settingKey, unitID: nil,
                                   before: before, after: policy, by: principal, on: tx)
        }
    }

    /// Whether the person must sign in with a second factor (their roles are covered and the requirement is on).
    static func isRequired(personID: UUID, on db: any Database) async throws -> Bool {
        let policy = try await policy(on: db)
        guard policy.requiredForAdmins else { return false }
        let roles = try await RoleAssignment.query(on: db).filter(\.$person.$id == personID).all().map(\.role)
        return policy.isRequired(for: roles)
    }

    // MARK: - State

    struct Status: Content, Equatable {
        /// Two-factor sign-in is on.
        var enabled: Bool
        /// An enrolment was started and waits for a code.
        var pending: Bool
        /// The person's roles require it.
        var required: Bool
        var recoveryCodesLeft: Int
    }

    static func status(personID: UUID, on db: any Database) async throws -> Status {
        let record = try await secret(of: personID, on: db)
        let left = try await RecoveryCode.query(on: db).filter(\.$person.$id == personID).filter(\.$usedAt == nil).count()
        return Status(enabled: record?.confirmedAt != nil, pending: record != nil && record?.confirmedAt == nil,
                      required: try await isRequired(personID: personID, on: db), recoveryCodesLeft: record?.confirmedAt != nil ? left : 0)
    }

    static func secret(of personID: UUID, on db: any Database) async throws -> TwoFactorSecret? {
        try await TwoFactorSecret.query(on: db).filter(\.$person.$id == personID).first()
    }

    static func isEnabled(personID: UUID, on db: any Database) async throws -> Bool {
        try await secret(of: personID, on: db)?.confirmedAt != nil
    }

    // MARK: - Enrolment

    /// What the enrolment page shows once: the secret to type in and the otpauth:// URI.
    struct Enrolment: Content, Equatable {
        var secret: String
        var uri: String
    }

    /// Starts (or restarts) an enrolment with a new secret; 409 when two-factor sign-in is already on.
    static func begin(person: Person, on db: any Database) async throws -> Enrolment {
        let personID = try person.requireID()
        if let existing = try await secret(of: personID, on: db) {
            guard existing.confirmedAt == nil else {
                throw BilingualError(.conflict, "Xác thực hai lớp đã bật; hãy tắt trước khi đăng ký thiết bị mới.",
                                     "Two-factor sign-in is already on; turn it off before enrolling a new authenticator.")
            }
            try await existing.delete(on: db)
        }
        var generator = SystemRandomNumberGenerator()
        let totp = TrucCore.TOTP(secret: TrucCore.TOTP.generateSecret(using: &generator))
        let text = Base32.encode(totp.secret)
        try await TwoFactorSecret(personID: personID, secret: text).create(on: db)
        return Enrolment(secret: text, uri: totp.uri(account: person.email, issuer: issuer))
    }

    /// The enrolment in progress, to show again (only before it is confirmed).
    static func pendingEnrolment(person: Person, on db: any Database) async throws -> Enrolment? {
        guard let record = try await secret(of: person.requireID(), on: db), record.confirmedAt == nil,
              let totp = TrucCore.TOTP(base32: record.secret) else { return nil }
        return Enrolment(secret: record.secret, uri: totp.uri(account: person.email, issuer: issuer))
    }

    /// Turns two-factor sign-in on if `code` comes from the new authenticator; returns the new recovery codes
    /// (shown once), or nil when the code is wrong.
    static func confirm(personID: UUID, code: String, now: Date = Date(), by principal: Principal?, on db: any Database) async throws -> [String]? {
        guard let record = try await secret(of: personID, on: db), record.confirmedAt == nil,
              let totp = TrucCore.TOTP(base32: record.secret), let step = totp.verify(code, at: now) else { return nil }
        record.confirmedAt = now
        record.lastUsedStep = step
        let codes = try await db.transaction { tx in
            try await record.save(on: tx)
            let codes = try await replaceRecoveryCodes(personID: personID, on: tx)
            try await audit("two_factor.enable", personID: personID, after: ["enabled": true], by: principal, on: tx)
            return codes
        }
        return codes
    }

    /// Turns two-factor sign-in off and forgets the authenticator and the recovery codes.
    static func disable(personID: UUID, action: String = "two_factor.disable", by principal: Principal?, on db: any Database) async throws {
        try await db.transaction { tx in
            try await TwoFactorSecret.query(on: tx).filter(\.$person.$id == personID).delete()
            try await RecoveryCode.query(on: tx).filter(\.$person.$id == personID).delete()
            try await audit(action, personID: personID, after: ["enabled": false], by: principal, on: tx)
        }
    }

    /// A new set of recovery codes; the old ones stop working.
    static func regenerateRecoveryCodes(personID: UUID, by principal: Principal?, on db: any Database) async throws -> [String] {
        try await db.transaction { tx in
            let codes = try await replaceRecoveryCodes(personID: personID, on: tx)
            try await audit("two_factor.recovery_codes", personID: personID, after: ["count": codes.count], by: principal, on: tx)
            return codes
        }
    }

    private static func replaceRecoveryCodes(personID: UUID, on db: any Database) async throws -> [String] {
        try await RecoveryCode.query(on: db).filter(\.$person.$id == personID).delete()
        var generator = SystemRandomNumberGenerator()
        let codes = RecoveryCodes.generate(using: &generator)
        for code in codes {
            try await RecoveryCode(personID: personID, codeHash: recoveryHash(RecoveryCodes.normalize(code) ?? code)).create(on: db)
        }
        return codes
    }

    private static func audit(_ action: String, personID: UUID, after: some Encodable, by principal: Principal?, on db: any Database) async throws {
        let unitID = try await Person.find(personID, on: db)?.$unit.id
        try await Audit.record(action, entity: "person", id: personID.uuidString, unitID: unitID, after: after, by: principal, on: db)
    }

    static func recoveryHash(_ normalized: String) -> String {
        SHA256.hash(data: Data(normalized.utf8)).hex
    }

    // MARK: - Checking a code

    enum Factor: Equatable {
        case authenticator
        case recoveryCode
    }

    /// Accepts a current authenticator code (each step once: a replayed code is refused) or an unused recovery
    /// code (which is then used up). Nil when neither; does not throttle (see `TwoFactorGuard`).
    static func verify(_ code: String, personID: UUID, now: Date = Date(), on db: any Database) async throws -> Factor? {
        guard let record = try await secret(of: personID, on: db), record.confirmedAt != nil, let id = record.id else { return nil }
        let sql = try LoginThrottleStore.sqlDatabase(db)
        if let totp = TrucCore.TOTP(base32: record.secret), let step = totp.verify(code, at: now, after: record.lastUsedStep) {
            // Only if no other request used this step (or a later one) meanwhile.
            let claimed = try await sql.update(TwoFactorSecret.schema).set("last_used_step", to: step)
                .where("id", .equal, id)
                .where { $0.where("last_used_step", .is, SQLLiteral.null).orWhere("last_used_step", .lessThan, step) }
                .returning("id").all()
            return claimed.isEmpty ? nil : .authenticator
        }
        if let normalized = RecoveryCodes.normalize(code) {
            let used = try await sql.update(RecoveryCode.schema).set("used_at", to: now)
                .where("person_id", .equal, personID).where("code_hash", .equal, recoveryHash(normalized))
                .where("used_at", .is, SQLLiteral.null)
                .returning("id").all()
            if !used.isEmpty {
                let left = try await RecoveryCode.query(on: db).filter(\.$person.$id == personID).filter(\.$usedAt == nil).count()
                try await audit("two_factor.recovery_code_used", personID: personID, after: ["recoveryCodesLeft": left],
                                by: try await Principal.load(personID: personID, tokenID: nil, on: db), on: db)
                return .recoveryCode
            }
        }
        return nil
    }
}
