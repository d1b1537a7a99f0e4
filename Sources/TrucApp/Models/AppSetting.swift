import Fluent
import Foundation

/// A JSON setting the coordinator can change at run time (e.g. the SLA table under "sla").
final class AppSetting: Model, @unchecked Sendable {
    static let schema = "app_settings"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(key: String, value: String) {
        self.id = key
        self.value = value
    }
}
