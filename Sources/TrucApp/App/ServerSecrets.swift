import Crypto
import Fluent
import Foundation
import Vapor

/// Secrets the server keeps in `app_settings` (created on first use, shared by every instance, never logged or
/// shown), cached by each process once read.
actor ServerSecrets {
    private var cache: [String: SymmetricKey] = [:]

    func key(_ name: String, on db: any Database) async throws -> SymmetricKey {
        if let cached = cache[name] { return cached }
        let key = try await Self.load(name, on: db)
        cache[name] = key
        return key
    }

    /// The secret stored under `name`, created (256 random bits) if there is none yet.
    static func load(_ name: String, on db: any Database) async throws -> SymmetricKey {
        if let setting = try await AppSetting.find(name, on: db), let data = Data(base64Encoded: setting.value) {
            return SymmetricKey(data: data)
        }
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        do {
            try await AppSetting(key: name, value: fresh).create(on: db)
        } catch {
            // Another instance created it first: use theirs.
        }
        guard let setting = try await AppSetting.find(name, on: db), let data = Data(base64Encoded: setting.value) else {
            throw Abort(.internalServerError, reason: "a server secret could not be stored")
        }
        return SymmetricKey(data: data)
    }
}

struct ServerSecretsKey: StorageKey { typealias Value = ServerSecrets }

extension Application {
    var serverSecrets: ServerSecrets {
        get {
            guard let secrets = storage[ServerSecretsKey.self] else { fatalError("configure() sets up the server secrets") }
            return secrets
        }
        set { storage[ServerSecretsKey.self] = newValue }
    }
}
