import Foundation
import Testing
@testable import TrucCore

@Suite struct BackupScheduleTests {
    private let t0 = Date(timeIntervalSince1970: 1_777_510_800) // 2026-04-30 01:00:00 UTC

    @Test func fileNamesAreUTCAndParseBack() throws {
        let name = BackupFileName(date: t0.addingTimeInterval(0.7), kind: .sqlite)
        #expect(name.name == "truc-20260430-010000Z.sqlite")
        #expect(name.manifestName == "truc-20260430-010000Z.sqlite.manifest.json")
        #expect(BackupFileName(date: t0, kind: .dump).name == "truc-20260430-010000Z.dump")
        let parsed = try #require(BackupFileName(parsing: "truc-20260430-010000Z.sqlite"))
        #expect(parsed.date == t0 && parsed.kind == .sqlite)
        for other in ["truc-20260430-010000Z.sqlite.manifest.json", "truc-20260430-010000Z.sqlite.partial-1a2b", "truc-20260231-010000Z.sqlite",
                      "truc-20260430-250000Z.sqlite", "truc-2026043-0100000Z.sqlite", "truc-20260430-010000Z.sql", "xtruc-20260430-010000Z.sqlite",
                      "truc-20260430-010000.sqlite", "truc-2026O430-010000Z.sqlite", "notes.txt", ""] {
            #expect(BackupFileName(parsing: other) == nil, "\(other)")
        }
    }

    @Test func retentionKeepsTheNewestAndNeverTouchesOtherFiles() {
        let backups = (0..<4).map { BackupFileName(date: t0.addingTimeInterval(Double($0) * 86_400), kind: .sqlite).name }
        let foreign = ["notes.txt", "truc-backup.sqlite", "truc-20200101-000000Z.sqlite.bak", "truc-20200101-000000Z.sqlite.partial-ab12",
                       "other.manifest.json", "truc.sqlite"]
        let names = foreign + backups + backups.map { $0 + ".manifest.json" }
        let delete = BackupRetention.filesToDelete(in: names.shuffled(), keep: 2)
        #expect(delete == [backups[0], backups[0] + ".manifest.json", backups[1], backups[1] + ".manifest.json"].sorted())
        #expect(Set(delete).isDisjoint(with: foreign))
        #expect(BackupRetention.filesToDelete(in: names, keep: 10).isEmpty)
        // A manifest whose backup is gone is ours to delete; the oldest backup without a manifest still goes.
        let orphan = BackupRetention.filesToDelete(in: [backups[3], backups[0] + ".manifest.json", backups[1]], keep: 1)
        #expect(orphan == [backups[0] + ".manifest.json", backups[1]])
    }

    @Test func policyValidatesBothFieldsAndKnowsWhenABackupIsDue() throws {
        #expect(BackupPolicy() == BackupPolicy(intervalHours: 24, keep: 7))
        #expect(try BackupPolicy(validatingIntervalHours: 1, keep: 365) == BackupPolicy(intervalHours: 1, keep: 365))
        #expect(try BackupPolicy(validatingIntervalHours: 720, keep: 1).keep == 1)
        do {
            _ = try BackupPolicy(validatingIntervalHours: 0, keep: 366)
            Issue.record("accepted")
        } catch {
            #expect(error.fields == ["intervalHours", "keep"])
        }
        #expect(throws: FieldValidationError.self) { try BackupPolicy(validatingIntervalHours: 721, keep: 7) }
        #expect(throws: FieldValidationError.self) { try BackupPolicy(validatingIntervalHours: 24, keep: 0) }

        let policy = BackupPolicy(intervalHours: 24, keep: 7)
        #expect(policy.isDue(now: t0, lastStartedAt: nil, lastSucceeded: false))
        #expect(!policy.isDue(now: t0.addingTimeInterval(23 * 3600), lastStartedAt: t0, lastSucceeded: true))
        #expect(policy.isDue(now: t0.addingTimeInterval(24 * 3600), lastStartedAt: t0, lastSucceeded: true))
        // A failure is tried again within the hour.
        #expect(!policy.isDue(now: t0.addingTimeInterval(59 * 60), lastStartedAt: t0, lastSucceeded: false))
        #expect(policy.isDue(now: t0.addingTimeInterval(3600), lastStartedAt: t0, lastSucceeded: false))
        // A clock set far back does not stop backups.
        #expect(policy.isDue(now: t0.addingTimeInterval(-25 * 3600), lastStartedAt: t0, lastSucceeded: true))
        #expect(!policy.isDue(now: t0.addingTimeInterval(-3600), lastStartedAt: t0, lastSucceeded: true))
    }
}
