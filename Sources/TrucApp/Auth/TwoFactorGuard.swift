import Fluent
import Foundation
import TrucCore
import Vapor

/// Second-factor codes, and passwords asked again before a change to two-factor sign-in, are held to one counter
/// per person from anywhere (`ThrottleBucket.secondFactor`): whoever knows the password still gets only a few
/// guesses at a 6-digit code before each further one waits.
enum TwoFactorGuard {
    enum Outcome: Equatable {
        case passed
        case wrong
        /// Refused without checking: try again after this many seconds.
        case throttled(retryAfter: Int)
    }

    /// Runs `check` unless the person's counter says wait; counts it as a failure unless it passes.
    static func guarded(personID: UUID, on req: Request, _ check: () async throws -> Bool) async throws -> Outcome {
        let now = req.signInNow
        let throttle = req.application.config.loginThrottle
        let buckets = [ThrottleBucket.secondFactor(personID.uuidString)]
        let charged: [ThrottleBucket: ThrottleCounter]
        switch try await LoginThrottleStore.charge(buckets, throttle: throttle, now: now, on: req.db) {
        case let .wait(seconds): return .throttled(retryAfter: seconds)
        case let .charged(counters): charged = counters
        }
        if try await check() {
            try await LoginThrottleStore.settleSuccess(buckets, throttle: throttle, on: req.db)
            return .passed
        }
        if let wait = throttle.wait(charged, at: now) {
            req.logger.warning("two-factor checks throttled after repeated failures", metadata: [
                "source": .string(req.clientSource), "person": .string(personID.uuidString), "retry_after": .stringConvertible(wait),
            ])
        }
        return .wrong
    }

    /// A code from the authenticator or a recovery code (see `TwoFactorService.verify`).
    static func checkCode(_ code: String, personID: UUID, on req: Request) async throws -> Outcome {
        try await guarded(personID: personID, on: req) {
            try await TwoFactorService.verify(code, personID: personID, now: req.signInNow, on: req.db) != nil
        }
    }

    /// A code if one is given, else the password: what turning two-factor off or new recovery codes ask for.
    static func checkCodeOrPassword(code: String?, password: String?, person: Person, on req: Request) async throws -> Outcome {
        let personID = try person.requireID()
        if let code = code.nonEmpty { return try await checkCode(code, personID: personID, on: req) }
        guard let password, !password.isEmpty else { return .wrong }
        return try await checkPassword(password, person: person, on: req)
    }

    static func checkPassword(_ password: String, person: Person, on req: Request) async throws -> Outcome {
        try await guarded(personID: try person.requireID(), on: req) {
            guard let hash = person.passwordHash else { return false }
            return (try? await req.password.async.verify(password, created: hash)) ?? false
        }
    }
}
