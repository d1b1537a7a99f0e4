import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// Scheduled backups: made when due under the job lease, the newest N kept, other files untouched, failures
/// recorded and shown.
@Suite struct BackupSchedulerTests {
    private let t0 = Date(timeIntervalSince1970: 1_777_510_800) // 2026-04-30 01:00:00 UTC

    @Test func keepsTheNewestBackupsAndNeverTouchesOtherFiles() async throws {
        let dir = try BackupFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let backups = dir + "/backups"
        try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: false)
        let foreign = ["notes.txt", "truc-backup.sqlite", "truc-20200101-000000Z.sqlite.bak", "truc.sqlite", "other.manifest.json"]
        for name in foreign { FileManager.default.createFile(atPath: "\(backups)/\(name)", contents: Data(name.utf8)) }

        try await BackupFixture.withApp(.sqliteFile(dir + "/truc.sqlite"), backupDirectory: backups) { app in
            _ = try await makeWorld(app)
            try await BackupSettings.save(BackupPolicy(intervalHours: 24, keep: 2), on: app.db)
            let service = BackupService(app: app)
            func attempt(at date: Date, owner: String = "instance-a") async throws -> BackupRun? {
                try await BackupScheduler.runIfDue(now: date, directory: backups, service: service, owner: owner, on: app.db, logger: app.logger)
            }
            var made: [String] = []
            for day in 0..<4 {
                let now = t0.addingTimeInterval(Double(day) * 86_400)
                let run = try #require(try await attempt(at: now))
                #expect(run.ok, "\(run.error ?? "")")
                #expect(run.fileName == BackupFileName(date: now, kind: .sqlite).name)
                #expect((run.tables ?? 0) > 40 && (run.rows ?? 0) > 0 && (run.bytes ?? 0) > 0)
                made.append(run.fileName)
                // Not due again within the interval.
                #expect(try await attempt(at: now.addingTimeInterval(3600)) == nil)
            }
            let names = Set(try FileManager.default.contentsOfDirectory(atPath: backups))
            let kept = made.suffix(2)
            #expect(names == Set(foreign + kept + kept.map { $0 + ".manifest.json" }))
            for name in foreign {
                #expect(FileManager.default.contents(atPath: "\(backups)/\(name)") == Data(name.utf8))
            }
            #expect(try await BackupRun.query(on: app.db).count() == 4)
            // While another instance holds the lease, a due backup is left to it.
            let later = t0.addingTimeInterval(10 * 86_400)
            #expect(try await JobLease.acquire(BackupScheduler.leaseName, owner: "instance-b", seconds: 600, now: later, on: app.db))
            #expect(try await attempt(at: later.addingTimeInterval(60)) == nil)
            #expect(try await BackupRun.query(on: app.db).count() == 4)
            // What is kept is a backup that restores.
            let newest = "\(backups)/\(made[3])"
            try await BackupFixture.withApp(.sqliteFile(dir + "/restored.sqlite"), prepare: false) { other in
                let report = try await BackupService(app: other).restore(from: newest)
                #expect(report.verified)
            }
        }
    }

    @Test func aFailedBackupIsRecordedShownAndRetriedKeepingTheOldOnes() async throws {
        let dir = try BackupFixture.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let backups = dir + "/backups"
        try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: false)
        try await BackupFixture.withApp(.sqliteFile(dir + "/truc.sqlite"), backupDirectory: backups) { app in
            let world = try await makeWorld(app)
            try await BackupSettings.save(BackupPolicy(intervalHours: 24, keep: 1), on: app.db)
            let service = BackupService(app: app)
            let first = try #require(try await BackupScheduler.runIfDue(now: t0, directory: backups, service: service, owner: "a",
                                                                        on: app.db, logger: app.logger))
            #expect(first.ok)
            // The directory disappears (a disk unmounted): the backup fails, says why, and the next try comes within the hour.
            let failed = try #require(try await BackupScheduler.runIfDue(now: t0.addingTimeInterval(86_400), directory: dir + "/gone",
                                                                         service: service, owner: "a", on: app.db, logger: app.logger))
            #expect(!failed.ok)
            #expect(failed.error?.contains("does not exist") == true)
            #expect(try await BackupScheduler.runIfDue(now: t0.addingTimeInterval(86_400 + 1800), directory: backups, service: service,
                                                       owner: "a", on: app.db, logger: app.logger) == nil)
            #expect(FileManager.default.fileExists(atPath: "\(backups)/\(first.fileName)"))

            var coordinator = try await BrowserSession.signIn(app, email: world.coordinator.email)
            let page = try await coordinator.get("/settings/backups")
            #expect(page.status == .ok)
            #expect(page.body.string.contains(first.fileName) && page.body.string.contains("Thất bại") && page.body.string.contains("does not exist"))
            let api = try await app.testing().sendRequest(.GET, "/api/v1/settings/backups", headers: world.bearer(world.coordinator))
            let settings = try api.decode(BackupSettingsDTO.self)
            #expect(settings.enabled && settings.keep == 1 && settings.database == "sqlite")
            #expect(settings.recent.map(\.ok) == [false, true])

            let retried = try #require(try await BackupScheduler.runIfDue(now: t0.addingTimeInterval(86_400 + 3600), directory: backups,
                                                                          service: service, owner: "a", on: app.db, logger: app.logger))
            #expect(retried.ok)
            // keep = 1: the older good one goes only once a new one has been made.
            #expect(!FileManager.default.fileExists(atPath: "\(backups)/\(first.fileName)"))
            #expect(FileManager.default.fileExists(atPath: "\(backups)/\(retried.fileName)"))
        }
    }
}
