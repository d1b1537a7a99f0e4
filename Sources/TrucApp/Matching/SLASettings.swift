import Fluent
import Foundation
import TrucCore
import Vapor

/// The remediation deadline table, stored as the "sla" app setting (the standard table until a coordinator changes it).
enum SLASettings {
    static let key = "sla"

    static func load(on db: any Database) async throws -> SLAPolicy {
        try await AppSetting.value(key, as: SLAPolicy.self, on: db) ?? .standard
    }

    static func save(_ policy: SLAPolicy, on db: any Database) async throws {
        try await AppSetting.store(policy, as: key, on: db)
    }

    /// End of the KEV due day ("yyyy-MM-dd") in `zone`.
    static func kevDeadline(_ day: String?, zone: TimeZone) -> Date? {
        guard let day, let local = LocalDay(iso: day) else { return nil }
        return local.date(atMinute: 1440, in: zone).addingTimeInterval(-1)
    }
}

extension SLAPolicy: Content {}
