import Fluent
import Vapor

/// Checks an e-mail and password, with lockout after repeated failures.
enum PasswordLogin {
    enum Outcome: Equatable {
        case success(UUID)
        case invalid
        case locked(until: Date)
    }

    static func attempt(email: String, password: String, on req: Request, now: Date = Date()) async throws -> Outcome {
        let config = req.application.config
        let normalized = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard let person = try await Person.query(on: req.db).filter(\.$email == normalized).first(),
              person.isActive, let hash = person.passwordHash
        else {
            // Spend about the same time as a real check so unknown e-mails can't be told apart.
            _ = try? await req.password.async.verify(password, created: PasswordLogin.dummyHash(req))
            return .invalid
        }
        if let until = person.lockedUntil, until > now {
            return .locked(until: until)
        }
        let ok = (try? await req.password.async.verify(password, created: hash)) ?? false
        if ok {
            if person.failedLogins != 0 || person.lockedUntil != nil {
                person.failedLogins = 0
                person.lockedUntil = nil
                try await person.save(on: req.db)
            }
            return .success(try person.requireID())
        }
        person.failedLogins += 1
        var outcome = Outcome.invalid
        if person.failedLogins >= config.loginMaxFailures {
            let until = now.addingTimeInterval(TimeInterval(config.loginLockSeconds))
            person.lockedUntil = until
            person.failedLogins = 0
            outcome = .locked(until: until)
            req.logger.warning("account locked after repeated failed sign-ins", metadata: ["person": .string(person.id?.uuidString ?? "")])
        }
        try await person.save(on: req.db)
        return outcome
    }

    private static func dummyHash(_ req: Request) -> String {
        if let cached = req.application.storage[DummyHashKey.self] { return cached }
        let hash = (try? req.password.hash("not-a-real-password")) ?? ""
        req.application.storage[DummyHashKey.self] = hash
        return hash
    }

    private struct DummyHashKey: StorageKey { typealias Value = String }
}
