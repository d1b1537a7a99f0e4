import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// TLP in one place: a TLP:RED incident's data (the incident, its exports, evidence, audit entries, observables,
/// the home page and the lists) reaches nobody but its reporter, its assignee and the people named on it — not
/// the coordinator, not the auditor, not another unit's admin — through every route, API and page alike.
@Suite struct TLPSweepTests {
    static let title = "Rò rỉ hồ sơ mật KHONG-DUOC-LO"
    static let address = "198.51.100.201"

    /// A RED incident of Sở A reported by its admin, naming the duty officer, with an evidence file.
    static func redIncident(_ w: TestWorld) async throws -> (incident: UUID, evidence: UUID) {
        let red = try await IncidentFlowTests.create(w, by: w.adminA, title: title, tlp: "RED", named: [w.officerA.id!],
                                                    summary: "Máy chủ gửi dữ liệu tới \(address)")
        let boundary = "b0undary"
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"nhat-ky.txt\"\r\nContent-Type: text/plain\r\n\r\nSECRET-EVIDENCE-BYTES\r\n--\(boundary)--\r\n"
        var evidenceID: UUID?
        try await w.app.testing().test(.POST, "/api/v1/incidents/\(red.incident.id)/evidence", headers: w.bearer(w.adminA), beforeRequest: { req in
            req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            req.body = ByteBuffer(string: body)
        }, afterResponse: { res async throws in
            #expect(res.status == .created, "\(res.body.string)")
            evidenceID = try res.content.decode(IncidentEvidenceDTO.self).id
        })
        return (red.incident.id, try #require(evidenceID))
    }

    static func get(_ w: TestWorld, _ path: String, by person: Person) async throws -> (HTTPStatus, String) {
        let res = try await w.app.testing().sendRequest(.GET, path, headers: w.bearer(person))
        return (res.status, res.body.string)
    }

    @Test(arguments: TestDatabase.available)
    func aRedIncidentLeaksThroughNoAPIRoute(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let (id, evidence) = try await Self.redIncident(w)
            let hiddenRoutes = ["/api/v1/incidents/\(id)", "/api/v1/incidents/\(id)/stix", "/api/v1/incidents/\(id)/misp",
                                "/api/v1/incidents/\(id)/evidence/\(evidence)", "/api/v1/evidence/\(evidence)"]
            let listRoutes = ["/api/v1/incidents", "/api/v1/audit", "/api/v1/audit?action=incident",
                              "/api/v1/observables?kind=ipv4&value=\(Self.address)", "/api/v1/observables/stix?tlp=RED&days=30"]
            for person in [w.coordinator, w.auditor, w.adminB] {
                for path in hiddenRoutes {
                    let (status, body) = try await Self.get(w, path, by: person)
                    #expect(status == .notFound, "\(person.email) \(path): \(status)")
                    #expect(!body.contains(Self.title) && !body.contains("SECRET-EVIDENCE-BYTES"), "\(person.email) \(path)")
                }
                for path in listRoutes {
                    let (status, body) = try await Self.get(w, path, by: person)
                    #expect(status.code < 500, "\(person.email) \(path): \(status)")
                    #expect(!body.contains(Self.title), "\(person.email) \(path) shows the RED title")
                    if path.hasPrefix("/api/v1/observables/stix") { #expect(!body.contains(Self.address), "\(person.email) \(path)") }
                }
            }
            // The audit log still says that something happened, without saying what.
            let (_, audit) = try await Self.get(w, "/api/v1/audit?action=incident.create", by: w.coordinator)
            let page = try #require(try JSONSerialization.jsonObject(with: Data(audit.utf8)) as? [String: Any])
            let items = try #require(page["items"] as? [[String: Any]])
            let entry = try #require(items.first { $0["entityID"] as? String == id.uuidString })
            #expect(entry["after"] as? String == AuditLog.redacted && entry["action"] as? String == "incident.create")

            // The reporter and the named officer get everything.
            for person in [w.adminA, w.officerA] {
                for path in hiddenRoutes {
                    let (status, body) = try await Self.get(w, path, by: person)
                    #expect(status == .ok, "\(person.email) \(path): \(status)")
                    if path.contains("evidence") { #expect(body == "SECRET-EVIDENCE-BYTES") }
                }
            }
            // Named later, the coordinator sees the audit entry whole.
            try await w.app.testing().test(.PUT, "/api/v1/incidents/\(id)/sharing", headers: w.bearer(w.adminA),
                                           beforeRequest: RosterFixture.json(#"{"tlp": "RED", "namedPeople": ["\#(w.officerA.id!)", "\#(w.coordinator.id!)"]}"#),
                                           afterResponse: { res async in #expect(res.status == .ok, "\(res.body.string)") })
            let (_, named) = try await Self.get(w, "/api/v1/audit?action=incident.create", by: w.coordinator)
            #expect(named.contains(Self.title.replacingOccurrences(of: "/", with: "\\/")) || named.contains("KHONG-DUOC-LO"))
            #expect(try await Self.get(w, "/api/v1/evidence/\(evidence)", by: w.coordinator).0 == .ok)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRedIncidentLeaksThroughNoPage(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let (id, evidence) = try await Self.redIncident(w)
            for person in [w.coordinator, w.auditor, w.adminB] {
                var browser = try await BrowserSession.signIn(w.app, email: person.email)
                for path in ["/incidents/\(id)", "/incidents/\(id)/evidence/\(evidence)", "/evidence/\(evidence)",
                             "/incidents/\(id)/print/initial", "/incidents/\(id)/stix"] {
                    let res = try await browser.get(path)
                    #expect(res.status == .notFound, "\(person.email) \(path): \(res.status)")
                    #expect(!res.body.string.contains(Self.title) && !res.body.string.contains("SECRET-EVIDENCE-BYTES"))
                }
                for path in ["/", "/incidents", "/audit", "/observables?kind=ipv4&value=\(Self.address)"] {
                    let res = try await browser.get(path)
                    #expect(res.status.code < 500, "\(person.email) \(path): \(res.status)")
                    #expect(!res.body.string.contains(Self.title), "\(person.email) \(path) shows the RED title")
                }
            }
            var officer = try await BrowserSession.signIn(w.app, email: w.officerA.email)
            #expect(try await officer.get("/evidence/\(evidence)").body.string == "SECRET-EVIDENCE-BYTES")
            #expect(try await officer.get("/incidents/\(id)").body.string.contains(Self.title))
        }
    }
}
