import Fluent
import Foundation
import TrucCore

/// The escalation delay, stored as the "escalation" app setting (the coordinator edits it).
enum EscalationSettings {
    static let key = "escalation"

    static func load(on db: any Database) async throws -> EscalationPolicy {
        guard let setting = try await AppSetting.find(key, on: db),
              let policy = try? JSONDecoder().decode(EscalationPolicy.self, from: Data(setting.value.utf8))
        else { return EscalationPolicy() }
        return policy
    }

    static func save(_ policy: EscalationPolicy, on db: any Database) async throws {
        let text = MonitorJSON.text(policy)
        if let setting = try await AppSetting.find(key, on: db) {
            setting.value = text
            try await setting.save(on: db)
        } else {
            try await AppSetting(key: key, value: text).create(on: db)
        }
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
