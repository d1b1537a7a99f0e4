import Fluent
import Foundation
import TrucCore
import Vapor

/// The remediation deadline table, stored as the "sla" app setting (the standard table until a coordinator changes it).
enum SLASettings {
    static let key = "sla"

    static func load(on db: any Database) async throws -> SLAPolicy {
        guard let setting = try await AppSetting.find(key, on: db),
              let policy = try? JSONDecoder().decode(SLAPolicy.self, from: Data(setting.value.utf8)) else {
            return .standard
        }
        return policy
    }

    static func save(_ policy: SLAPolicy, on db: any Database) async throws {
        let value = VulnerabilityStore.json(policy)
        if let setting = try await AppSetting.find(key, on: db) {
            setting.value = value
            try await setting.save(on: db)
        } else {
            try await AppSetting(key: key, value: value).create(on: db)
        }
    }

    /// End of the KEV due day ("yyyy-MM-dd") in `zone`.
    static func kevDeadline(_ day: String?, zone: TimeZone) -> Date? {
        guard let day, let local = LocalDay(iso: day) else { return nil }
        return local.date(atMinute: 1440, in: zone).addingTimeInterval(-1)
    }
}

extension SLAPolicy: Content {}
