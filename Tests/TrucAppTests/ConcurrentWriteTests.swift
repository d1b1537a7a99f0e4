import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// Writes that arrive at once on the SQLite file (WAL, several connections) wait their turn: none answers 5xx
/// ("database is locked"), none is lost.
@Suite struct ConcurrentWriteTests {
    @Test func concurrentWritesOnAnSQLiteFileNeverAnswer5xx() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("truc-concurrent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let app = try await Application.make(.testing)
        do {
            let path = directory.appendingPathComponent("truc.sqlite").path
            try await configure(app, config: AppConfig(database: .sqliteFile(path), bcryptCost: 4))
            let w = try await makeWorld(app)
            let coordinator = w.bearer(w.coordinator), adminA = w.bearer(w.adminA)
            let deptA = w.deptA.id!, province = w.province.id!

            for round in 0..<2 {
                let answers = try await withThrowingTaskGroup(of: (String, HTTPStatus).self) { group in
                    func send(_ method: HTTPMethod, _ path: String, _ headers: HTTPHeaders, _ json: String) {
                        group.addTask {
                            var headers = headers
                            headers.contentType = .json
                            let res = try await app.testing().sendRequest(method, path, headers: headers, body: ByteBuffer(string: json))
                            return ("\(method.rawValue) \(path): \(res.body.string.prefix(200))", res.status)
                        }
                    }
                    for i in 0..<20 {
                        send(.PUT, "/api/v1/escalation", coordinator, #"{"delayMinutes": \#(10 + i)}"#)
                    }
                    for i in 0..<8 {
                        send(.POST, "/api/v1/contacts", adminA, #"{"unitID": "\#(deptA)", "name": "Trực ban \#(round)-\#(i)"}"#)
                        send(.PATCH, "/api/v1/units/\(deptA)", coordinator, #"{"phone": "02400000\#(i)"}"#)
                        send(.POST, "/api/v1/units", coordinator,
                             #"{"parentID": "\#(province)", "code": "C\#(round)-\#(i)", "name": "Đơn vị \#(round)-\#(i)", "kind": "state_agency"}"#)
                    }
                    var answers: [(String, HTTPStatus)] = []
                    for try await answer in group { answers.append(answer) }
                    return answers
                }
                let failed = answers.filter { $0.1.code >= 500 }
                #expect(failed.isEmpty, "answered 5xx:\n\(failed.map { "\($0.1.code) \($0.0)" }.joined(separator: "\n"))")
                let refused = answers.filter { !(200..<300).contains($0.1.code) }
                #expect(refused.isEmpty, "refused:\n\(refused.map { "\($0.1.code) \($0.0)" }.joined(separator: "\n"))")
            }
            // Nothing was lost: every write and its audit entry are there.
            #expect(try await Contact.query(on: app.db).filter(\.$unit.$id == deptA).count() == 16)
            #expect(try await OrgUnit.query(on: app.db).count() == 5 + 16)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "escalation.update").count() == 40)
            try await app.testing().test(.GET, "/healthz") { res async in #expect(res.status == .ok) }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
