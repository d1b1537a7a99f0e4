import Vapor

struct AppConfigKey: StorageKey {
    typealias Value = AppConfig
}

extension Application {
    /// The configuration read at start.
    var config: AppConfig {
        get { storage[AppConfigKey.self] ?? AppConfig(database: .sqliteMemory) }
        set { storage[AppConfigKey.self] = newValue }
    }
}

extension Request {
    var config: AppConfig { application.config }
    var timeZone: TimeZone { application.config.timeZone }
}
