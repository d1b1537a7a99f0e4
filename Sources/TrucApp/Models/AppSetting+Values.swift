import Fluent
import Foundation

extension AppSetting {
    /// The setting `key` decoded as `T`, or nil when it is not set (or no longer decodes).
    static func value<T: Decodable>(_ key: String, as type: T.Type, on db: any Database) async throws -> T? {
        guard let setting = try await AppSetting.find(key, on: db) else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(setting.value.utf8))
    }

    /// Stores `value` as JSON under `key`, creating or replacing the setting.
    static func store(_ value: some Encodable, as key: String, on db: any Database) async throws {
        let text = VulnerabilityStore.json(value)
        if let setting = try await AppSetting.find(key, on: db) {
            setting.value = text
            try await setting.save(on: db)
        } else {
            try await AppSetting(key: key, value: text).create(on: db)
        }
    }
}
