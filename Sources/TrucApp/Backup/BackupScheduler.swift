import Fluent
import Foundation
import TrucCore
import Vapor

/// Scheduled backups in `serve` when `TRUC_BACKUP_DIR` is set: every minute the instance holding the job lease looks
/// whether a backup is due (the coordinator's interval), makes it, records it in `backup_runs`, and deletes the
/// oldest of ours beyond the number to keep. Several instances: one at a time backs up.
final class BackupScheduler: LifecycleHandler, @unchecked Sendable {
    static let leaseName = "scheduled-backup"
    /// Renewed every minute while a backup runs.
    static let leaseSeconds: TimeInterval = 600

    private var task: Task<Void, Never>?
    let owner = "backup-" + UUID().uuidString

    func didBootAsync(_ app: Application) async throws {
        guard app.config.serving, let directory = app.config.backupDirectory else { return }
        let service = BackupService(app: app)
        let db = app.db
        let logger = app.logger
        let owner = self.owner
        logger.info("scheduled backups into \(directory)")
        task = Task {
            while !Task.isCancelled {
                do {
                    _ = try await Self.runIfDue(directory: directory, service: service, owner: owner, on: db, logger: logger)
                } catch {
                    logger.error("scheduled backup: \(String(describing: error))")
                }
                try? await Task.sleep(for: .seconds(60))
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        // A backup in progress is finished (or fails) before the database goes away.
        task?.cancel()
        await task?.value
        task = nil
    }

    /// Makes a backup when one is due at `now` and this instance holds the lease; returns its record, or nil when
    /// none was due. A failure is recorded (and logged) and leaves the older backups alone.
    @discardableResult
    static func runIfDue(now: Date = Date(), directory: String, service: BackupService, owner: String, on db: any Database,
                         logger: Logger) async throws -> BackupRun? {
        guard try await JobLease.acquire(leaseName, owner: owner, seconds: leaseSeconds, now: now, on: db) else { return nil }
        let policy = try await BackupSettings.load(on: db)
        let last = try await BackupRun.query(on: db).sort(\.$startedAt, .descending).first()
        guard policy.isDue(now: now, lastStartedAt: last?.startedAt, lastSucceeded: last?.ok ?? false) else { return nil }

        let name = BackupFileName(date: now, kind: service.fileKind)
        let run = BackupRun(fileName: name.name, startedAt: now, owner: owner)
        let renewal = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(60))
                if Task.isCancelled { break }
                _ = try? await JobLease.acquire(leaseName, owner: owner, seconds: leaseSeconds, on: db)
            }
        }
        defer { renewal.cancel() }
        do {
            let report = try await service.backup(to: (directory as NSString).appendingPathComponent(name.name))
            run.ok = true
            run.bytes = report.bytes
            run.tables = report.manifest.tables.count
            run.rows = report.manifest.totalRows
            logger.info("scheduled backup \(name.name): \(report.manifest.tables.count) tables, \(report.manifest.totalRows) rows, \(report.bytes) bytes")
        } catch {
            run.ok = false
            run.error = String(String(describing: error).prefix(500))
            logger.error("scheduled backup \(name.name) failed: \(String(describing: error))")
        }
        run.finishedAt = Date()
        // Recorded once done, so that the backup never holds a record of itself in progress.
        try await run.create(on: db)
        if run.ok { removeOld(in: directory, keep: policy.keep, logger: logger) }
        return run
    }

    /// Deletes our backups (and their manifests) beyond the newest `keep`; other files are never touched.
    static func removeOld(in directory: String, keep: Int, logger: Logger) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in BackupRetention.filesToDelete(in: names, keep: keep) {
            do {
                try FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
                logger.info("deleted old backup file \(name)")
            } catch {
                logger.error("cannot delete old backup file \(name): \(error.localizedDescription)")
            }
        }
    }
}
