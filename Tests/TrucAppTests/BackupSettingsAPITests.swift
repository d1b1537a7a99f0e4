import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// The backup schedule: the coordinator reads and changes it (audited), nobody else; values out of range are refused.
@Suite struct BackupSettingsAPITests {
    private func put(_ w: TestWorld, _ json: String, as person: Person) async throws -> TestingHTTPResponse {
        var headers = w.bearer(person)
        headers.contentType = .json
        return try await w.app.testing().sendRequest(.PUT, "/api/v1/settings/backups", headers: headers, body: ByteBuffer(string: json))
    }

    @Test(arguments: TestDatabase.available)
    func coordinatorReadsAndChangesTheScheduleOthersCannot(_ db: TestDatabase) async throws {
        try await withWorld(db) { w in
            var res = try await w.app.testing().sendRequest(.GET, "/api/v1/settings/backups", headers: w.bearer(w.coordinator))
            #expect(res.status == .ok)
            var settings = try res.decode(BackupSettingsDTO.self)
            #expect(settings.intervalHours == 24 && settings.keep == 7 && !settings.enabled && settings.recent.isEmpty)

            res = try await put(w, #"{"intervalHours": 6, "keep": 30}"#, as: w.coordinator)
            #expect(res.status == .ok)
            settings = try res.decode(BackupSettingsDTO.self)
            #expect(settings.intervalHours == 6 && settings.keep == 30)
            #expect(try await BackupSettings.load(on: w.db) == BackupPolicy(intervalHours: 6, keep: 30))
            let audit = try #require(try await AuditEntry.query(on: w.db).filter(\.$action == "backup.settings").first())
            #expect(audit.before?.contains("\"intervalHours\":24") == true && audit.after?.contains("\"keep\":30") == true)

            for person in [w.adminA, w.officerA, w.auditor] {
                res = try await w.app.testing().sendRequest(.GET, "/api/v1/settings/backups", headers: w.bearer(person))
                #expect(res.status == .forbidden)
                res = try await put(w, #"{"intervalHours": 1, "keep": 1}"#, as: person)
                #expect(res.status == .forbidden)
            }
            for (json, fields) in [(#"{"intervalHours": 0, "keep": 7}"#, ["intervalHours"]), (#"{"intervalHours": 721, "keep": 7}"#, ["intervalHours"]),
                                   (#"{"intervalHours": 24, "keep": 0}"#, ["keep"]), (#"{"intervalHours": 24, "keep": 366}"#, ["keep"]),
                                   (#"{"intervalHours": -5, "keep": 1000}"#, ["intervalHours", "keep"])] {
                res = try await put(w, json, as: w.coordinator)
                #expect(res.status == .unprocessableEntity, "\(json)")
                #expect(res.body.string.contains(fields.map { "\"\($0)\"" }.joined(separator: ",")), "\(json): \(res.body.string)")
            }
            for json in [#"{"intervalHours": "x", "keep": 7}"#, #"{"intervalHours": 24}"#, "[]", "not json",
                         #"{"intervalHours": 99999999999999999999999, "keep": 7}"#] {
                res = try await put(w, json, as: w.coordinator)
                #expect(res.status == .badRequest, "\(json): \(res.status)")
            }
            #expect(try await BackupSettings.load(on: w.db) == BackupPolicy(intervalHours: 6, keep: 30))
            #expect(try await AuditEntry.query(on: w.db).filter(\.$action == "backup.settings").count() == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theCoordinatorsPageShowsAndSavesTheSchedule(_ db: TestDatabase) async throws {
        try await withWorld(db) { w in
            var coordinator = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            var page = try await coordinator.get("/settings/sign-in")
            #expect(page.body.string.contains("href=\"/settings/backups\""))
            page = try await coordinator.get("/settings/backups")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Sao lưu dữ liệu") && page.body.string.contains("TRUC_BACKUP_DIR"))
            let res = try await coordinator.post("/settings/backups", form: ["intervalHours": "12", "keep": "3"])
            #expect(res.status == .seeOther)
            #expect(try await BackupSettings.load(on: w.db) == BackupPolicy(intervalHours: 12, keep: 3))
            let bad = try await coordinator.post("/settings/backups", form: ["intervalHours": "0", "keep": "3"])
            #expect(bad.status == .unprocessableEntity)
            #expect(try await BackupSettings.load(on: w.db) == BackupPolicy(intervalHours: 12, keep: 3))

            var admin = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            #expect(try await admin.get("/settings/backups").status == .forbidden)
            #expect(try await admin.post("/settings/backups", form: ["intervalHours": "1", "keep": "1"]).status == .forbidden)
            #expect(try await BackupSettings.load(on: w.db) == BackupPolicy(intervalHours: 12, keep: 3))
        }
    }
}
