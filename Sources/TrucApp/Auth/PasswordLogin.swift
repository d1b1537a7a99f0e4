import Fluent
import NIOConcurrencyHelpers
import TrucCore
import Vapor

/// Checks an e-mail and password, throttled per address and per account (see `LoginThrottle`); nothing locks.
///
/// Every e-mail gets the same treatment and the same answers — known or unknown, active or not, with or without a
/// password: the counters are named by the e-mail as typed, a refused attempt is refused before anything is looked
/// up, and an unknown e-mail still costs a bcrypt check against a dummy hash.
enum PasswordLogin {
    enum Outcome: Equatable {
        case success(UUID)
        case invalid
        /// Refused without checking the password: try again after this many seconds.
        case throttled(retryAfter: Int)
    }

    static func attempt(email: String, password: String, device: String?, on req: Request) async throws -> Outcome {
        let now = req.signInNow
        let throttle = req.application.config.loginThrottle
        let account = LoginThrottle.account(email)
        let source = req.clientSource
        try await removeExpiredIfDue(req, now: now)
        let familiarity = try await SignInFamiliarity.of(account: account, source: source, device: device, now: now, on: req.db)
        let buckets = throttle.buckets(account: account, source: source, familiarity: familiarity)
        let charged: [ThrottleBucket: ThrottleCounter]
        switch try await LoginThrottleStore.charge(buckets, throttle: throttle, now: now, on: req.db) {
        case let .wait(seconds):
            req.logger.debug("sign-in refused by throttling", metadata: ["source": .string(source), "retry_after": .stringConvertible(seconds)])
            return .throttled(retryAfter: seconds)
        case let .charged(counters):
            charged = counters
        }
        let person = account.count <= 320 ? try await Person.query(on: req.db).filter(\.$email == account).first() : nil
        let hash = person.flatMap { $0.isActive ? $0.passwordHash : nil }
        let ok = (try? await req.password.async.verify(password, created: hash ?? dummyHash(req))) ?? false
        if ok, hash != nil, let person {
            try await LoginThrottleStore.settleSuccess(buckets, throttle: throttle, on: req.db)
            return .success(try person.requireID())
        }
        // This failure started (or lengthened) a wait: say so once, without the password or the e-mail as typed.
        let waiting = charged.filter { $0.value.wait(at: now, limit: throttle.limit(for: $0.key)) != nil }
        if !waiting.isEmpty {
            req.logger.warning("sign-in throttled after repeated failures", metadata: [
                "source": .string(source),
                "person": .string(person?.id?.uuidString ?? "unknown account"),
                "counters": .string(waiting.keys.map(\.kind).sorted().joined(separator: ",")),
                "retry_after": .stringConvertible(throttle.wait(waiting, at: now) ?? 0),
            ])
        }
        return .invalid
    }

    /// When this process last removed expired counters.
    private static let lastCleanup = NIOLockedValueBox(Date.distantPast)

    /// Deletes finished counters and expired marks, at most every ten minutes per process.
    private static func removeExpiredIfDue(_ req: Request, now: Date) async throws {
        let due = lastCleanup.withLockedValue { last -> Bool in
            guard now.timeIntervalSince(last) >= 600 else { return false }
            last = now
            return true
        }
        if due { try await LoginThrottleStore.removeExpired(now: now, on: req.db) }
    }

    private static func dummyHash(_ req: Request) -> String {
        if let cached = req.application.storage[DummyHashKey.self] { return cached }
        let hash = (try? req.password.hash("not-a-real-password")) ?? ""
        req.application.storage[DummyHashKey.self] = hash
        return hash
    }

    private struct DummyHashKey: StorageKey { typealias Value = String }
}

extension ThrottleBucket {
    /// The bucket's kind, for logs (never its account or address).
    var kind: String { String(key.prefix { $0 != "|" }) }
}
