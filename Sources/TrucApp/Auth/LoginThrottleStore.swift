import Crypto
import Fluent
import Foundation
import SQLKit
import TrucCore
import Vapor

/// The sign-in throttling counters in the database, so that every instance sees the same ones. Writes are
/// conditional on the row's version and retried, so attempts arriving at once on several instances all count.
enum LoginThrottleStore {
    enum Charge {
        /// Counted; the counters as they are now (to tell whether this failure started a wait).
        case charged([ThrottleBucket: ThrottleCounter])
        /// Refused: wait this many seconds. Nothing was counted.
        case wait(Int)
    }

    static func keyHash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).hex
    }

    static func counters(_ buckets: [ThrottleBucket], on db: any Database) async throws -> [ThrottleBucket: ThrottleCounter] {
        let byHash = Dictionary(buckets.map { (keyHash($0.key), $0) }, uniquingKeysWith: { first, _ in first })
        let rows = try await LoginThrottleRecord.query(on: db).filter(\.$id ~~ Array(byHash.keys)).all()
        var result: [ThrottleBucket: ThrottleCounter] = [:]
        for row in rows { if let id = row.id, let bucket = byHash[id] { result[bucket] = row.counter } }
        return result
    }

    /// Counts the attempt as a failure in every bucket *before* the password or code is checked, so that attempts
    /// sent all at once cannot slip through together; `settleSuccess` gives it back when it turns out right.
    /// When any bucket must wait, nothing is counted and the wait is returned.
    static func charge(_ buckets: [ThrottleBucket], throttle: LoginThrottle, now: Date, on db: any Database) async throws -> Charge {
        if let wait = throttle.wait(try await counters(buckets, on: db), at: now) { return .wait(wait) }
        var charged: [ThrottleBucket: ThrottleCounter] = [:]
        for bucket in buckets {
            switch try await chargeOne(bucket, limit: throttle.limit(for: bucket), now: now, on: db) {
            case let .success(counter):
                charged[bucket] = counter
            case let .failure(refusal):
                // Another attempt got in first and started a wait: undo this one's counts.
                for done in charged.keys { try await giveBack(done, limit: throttle.limit(for: done), reset: false, on: db) }
                return .wait(refusal.seconds)
            }
        }
        return .charged(charged)
    }

    /// The attempt was right: the person's own address or browser forgets its failures, shared counters get the
    /// attempt back.
    static func settleSuccess(_ buckets: [ThrottleBucket], throttle: LoginThrottle, on db: any Database) async throws {
        for bucket in buckets {
            try await giveBack(bucket, limit: throttle.limit(for: bucket), reset: bucket.resetsOnSuccess, on: db)
        }
    }

    /// Deletes counters whose run is over and marks that have expired.
    static func removeExpired(now: Date, on db: any Database) async throws {
        try await LoginThrottleRecord.query(on: db).filter(\.$expiresAt < now).delete()
        try await SignInMark.query(on: db).filter(\.$expiresAt < now).delete()
    }

    struct Refusal: Error { let seconds: Int }

    private static func chargeOne(_ bucket: ThrottleBucket, limit: ThrottleLimit, now: Date,
                                  on db: any Database) async throws -> Result<ThrottleCounter, Refusal> {
        let sql = try sqlDatabase(db)
        let key = keyHash(bucket.key)
        for _ in 0..<8 {
            let existing = try await LoginThrottleRecord.find(key, on: db)
            if let wait = existing?.counter.wait(at: now, limit: limit) {
                return .failure(Refusal(seconds: max(1, Int(wait.rounded(.up)))))
            }
            let next = ThrottleCounter.charging(existing?.counter, at: now, limit: limit)
            let written: Bool
            if let existing {
                written = try await update(key, to: next, limit: limit, version: existing.version, on: sql)
            } else {
                written = try await !sql.insert(into: LoginThrottleRecord.schema)
                    .columns("key", "failures", "window_start", "last_failure_at", "next_allowed_at", "expires_at", "version")
                    .values(key, next.failures, next.windowStart, next.lastFailureAt, next.nextAllowedAt, expiry(next, limit), 0)
                    .ignoringConflicts(with: ["key"])
                    .returning("key").all().isEmpty
            }
            if written { return .success(next) }
        }
        // Lost the race eight times in a row: somebody is hammering this key; ask to come back shortly.
        return .failure(Refusal(seconds: 1))
    }

    private static func giveBack(_ bucket: ThrottleBucket, limit: ThrottleLimit, reset: Bool, on db: any Database) async throws {
        let sql = try sqlDatabase(db)
        let key = keyHash(bucket.key)
        if reset {
            try await sql.delete(from: LoginThrottleRecord.schema).where("key", .equal, key).run()
            return
        }
        for _ in 0..<8 {
            guard let existing = try await LoginThrottleRecord.find(key, on: db) else { return }
            if let refunded = existing.counter.refunded(limit: limit) {
                if try await update(key, to: refunded, limit: limit, version: existing.version, on: sql) { return }
            } else if try await !sql.delete(from: LoginThrottleRecord.schema).where("key", .equal, key)
                .where("version", .equal, existing.version).returning("key").all().isEmpty {
                return
            }
        }
    }

    private static func update(_ key: String, to counter: ThrottleCounter, limit: ThrottleLimit, version: Int,
                               on sql: any SQLDatabase) async throws -> Bool {
        try await !sql.update(LoginThrottleRecord.schema)
            .set("failures", to: counter.failures)
            .set("window_start", to: counter.windowStart)
            .set("last_failure_at", to: counter.lastFailureAt)
            .set("next_allowed_at", to: counter.nextAllowedAt)
            .set("expires_at", to: expiry(counter, limit))
            .set("version", to: version + 1)
            .where("key", .equal, key).where("version", .equal, version)
            .returning("key").all().isEmpty
    }

    private static func expiry(_ counter: ThrottleCounter, _ limit: ThrottleLimit) -> Date {
        max(counter.lastFailureAt.addingTimeInterval(limit.forgetAfter), counter.nextAllowedAt ?? .distantPast)
    }

    static func sqlDatabase(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "sign-in throttling needs an SQL database") }
        return sql
    }
}
