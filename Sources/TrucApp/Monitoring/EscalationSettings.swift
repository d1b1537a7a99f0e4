import Fluent
import Foundation
import TrucCore

/// The escalation delay, stored as the "escalation" app setting (the coordinator edits it).
enum EscalationSettings {
    static let key = "escalation"

    static func load(on db: any Database) async throws -> EscalationPolicy {
        try await AppSetting.value(key, as: EscalationPolicy.self, on: db) ?? EscalationPolicy()
    }

    static func save(_ policy: EscalationPolicy, on db: any Database) async throws {
        try await AppSetting.store(policy, as: key, on: db)
    }
}

extension EscalationSettings {
    static func validated(minutes: Int) throws -> EscalationPolicy {
        do {
            return try EscalationPolicy(validating: minutes)
        } catch {
            throw BilingualError.invalid(error.vietnamese, error.english)
        }
    }
}
