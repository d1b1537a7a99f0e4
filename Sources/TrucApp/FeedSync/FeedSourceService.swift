import Fluent
import Foundation
import SQLKit
import TrucCore
import Vapor

/// The coordinator's management of feed sources: list, add a CSAF provider, change, ask a run now, delete a
/// provider, and the runs. Every change is audited (with `FeedSourceDTO`, so the API key never reaches the log).
enum FeedSourceService {
    /// The source named by the `sourceID` path parameter, for a coordinator: 400 for a malformed id, 404 if absent.
    static func find(_ req: Request) async throws -> (FeedSource, Principal) {
        let principal = try req.requireCoordinator()
        guard let id = req.parameters.get("sourceID", as: UUID.self) else {
            throw BilingualError.badRequest("Mã nguồn không hợp lệ.", "sourceID must be a UUID.")
        }
        guard let source = try await FeedSource.find(id, on: req.db) else {
            throw BilingualError.notFound("Không có nguồn dữ liệu này.", "No such feed source.")
        }
        return (source, principal)
    }

    /// Built-in sources first (NVD, KEV, EPSS), then the CSAF providers by name; paged in the database.
    static func page(_ paging: Paging, on db: any Database) async throws -> Page<FeedSource> {
        try await FeedSource.query(on: db).sort(\.$kind, .descending).sort(\.$name).sort(\.$id).page(paging)
    }

    /// A source's runs, newest first, paged in the database.
    static func runs(of source: FeedSource, paging: Paging, on db: any Database) async throws -> Page<FeedRun> {
        try await FeedRun.query(on: db).filter(\.$source.$id == source.requireID())
            .sort(\.$startedAt, .descending).sort(\.$id).page(paging)
    }

    /// Sources that kept failing (`FeedSource.failuresShown` runs in a row), for the coordinator's home page.
    static func failing(on db: any Database) async throws -> [FeedSource] {
        try await FeedSource.query(on: db).filter(\.$failures >= FeedSource.failuresShown)
            .sort(\.$failures, .descending).limit(10).all()
    }

    /// Adds a CSAF provider by its `provider-metadata.json` address (the only kind there may be several of).
    static func createProvider(_ input: FeedSourceInput, by principal: Principal, now: Date = Date(),
                               on db: any Database) async throws -> FeedSource {
        guard let url = input.url?.trimmingCharacters(in: .whitespacesAndNewlines), !url.isEmpty else {
            throw BilingualError.invalid("Cần địa chỉ provider-metadata.json của nhà cung cấp.", "The provider's provider-metadata.json address is required.")
        }
        let settings = try validated(kind: .csaf, name: input.name, url: url, interval: input.intervalMinutes, enabled: input.enabled ?? true)
        if try await FeedSource.query(on: db).filter(\.$kind == .csaf).filter(\.$url == settings.url).first() != nil {
            throw BilingualError(.conflict, "Nhà cung cấp CSAF này đã có.", "This CSAF provider is already configured.")
        }
        let source = FeedSource(kind: .csaf, settings: settings, nextRunAt: now)
        if settings.name == FeedSourceKind.csaf.english, let host = URL(string: settings.url)?.host {
            source.name = String("CSAF \(host)".prefix(FeedSourceSettings.maxNameLength))
        }
        try await db.transaction { tx in
            try await source.create(on: tx)
            try await Audit.record("feed-source.create", entity: "feed-source", id: source.id?.uuidString, unitID: nil,
                                   after: try FeedSourceDTO(source), by: principal, on: tx)
        }
        return source
    }

    /// Changes a source. Returns the new API key when this change set one (to be shown once).
    @discardableResult
    static func update(_ source: FeedSource, _ input: FeedSourceInput, by principal: Principal,
                       on db: any Database) async throws -> String? {
        let before = try FeedSourceDTO(source)
        let settings = try validated(kind: source.kind, name: input.name ?? source.name, url: input.url ?? source.url,
                                     interval: input.intervalMinutes ?? source.intervalMinutes, enabled: input.enabled ?? source.enabled)
        var newKey: String?
        if let key = input.apiKey?.trimmingCharacters(in: .whitespacesAndNewlines), !key.isEmpty {
            guard source.kind.takesAPIKey else {
                throw BilingualError.invalid("Nguồn này không dùng khóa API.", "This source takes no API key.")
            }
            guard FeedSourceSettings.validAPIKey(key) else {
                throw BilingualError.invalid(FeedSourceSettingsError.invalidAPIKey.vietnamese, FeedSourceSettingsError.invalidAPIKey.english)
            }
            newKey = key
        }
        if source.kind == .csaf, settings.url != source.url {
            // Another provider: its documents are listed from scratch.
            source.cursor = ""
            source.etag = nil
            source.lastModified = nil
        }
        let enabling = settings.enabled && !source.enabled
        source.name = settings.name
        source.url = settings.url
        source.intervalMinutes = settings.intervalMinutes
        source.enabled = settings.enabled
        if let newKey { source.apiKey = newKey } else if input.clearAPIKey == true { source.apiKey = nil }
        if enabling { source.nextRunAt = min(source.nextRunAt, Date()) }
        try await db.transaction { tx in
            try await source.save(on: tx)
            try await Audit.record("feed-source.update", entity: "feed-source", id: source.id?.uuidString, unitID: nil,
                                   before: before, after: try FeedSourceDTO(source), by: principal, on: tx)
        }
        return newKey
    }

    /// Asks the scheduler to run the source at its next tick (even when it is off: a one-off run to try it).
    static func requestRun(_ source: FeedSource, by principal: Principal, now: Date = Date(), on db: any Database) async throws {
        source.runRequestedAt = now
        try await db.transaction { tx in
            try await VulnerabilityStore.sql(tx).update(FeedSource.schema).set("run_requested_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(try source.requireID())).run()
            try await Audit.record("feed-source.run", entity: "feed-source", id: source.id?.uuidString, unitID: nil,
                                   after: try FeedSourceDTO(source), by: principal, on: tx)
        }
    }

    /// Deletes a CSAF provider and its runs; the built-in sources can only be switched off.
    static func delete(_ source: FeedSource, by principal: Principal, on db: any Database) async throws {
        guard source.kind.allowsMany else {
            throw BilingualError(.conflict, "Nguồn có sẵn (NVD, KEV, EPSS) chỉ tắt được, không xoá được.",
                                 "The built-in sources (NVD, KEV, EPSS) can be switched off, not deleted.")
        }
        let before = try FeedSourceDTO(source)
        let id = try source.requireID()
        try await db.transaction { tx in
            try await FeedRun.query(on: tx).filter(\.$source.$id == id).delete()
            try await source.delete(on: tx)
            try await Audit.record("feed-source.delete", entity: "feed-source", id: id.uuidString, unitID: nil,
                                   before: before, by: principal, on: tx)
        }
    }

    static func validated(kind: FeedSourceKind, name: String?, url: String?, interval: Int?, enabled: Bool) throws -> FeedSourceSettings {
        do {
            return try FeedSourceSettings(kind: kind, name: name, url: url, intervalMinutes: interval, enabled: enabled)
        } catch {
            throw BilingualError.invalid(error.vietnamese, error.english)
        }
    }
}
