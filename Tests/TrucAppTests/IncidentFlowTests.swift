import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// Incident response through the API: the Mẫu 03 report with its validation, the reporting clock, the response
/// team's workflow and who may do what, observables and their correlation, TLP:RED, evidence, final report and
/// the STIX 2.1 / MISP exports.
@Suite struct IncidentFlowTests {
    static func reportJSON(_ w: TestWorld, summary: String = "Cổng thông tin bị thay đổi giao diện; máy chủ kết nối tới hxxp://evil[.]example/x và 203.0.113[.]7",
                           detected: Date = Date().addingTimeInterval(-3600), support: Bool = false) -> String {
        let iso = ISO8601DateFormatter()
        return """
        {"reporterOrganization": "Sở A", "reporterName": "Quản Trị A", "reporterPhone": "0912345678", "reporterEmail": "admin.a@test.vn",
         "operatingUnit": "Sở A", "owningAgency": "UBND tỉnh", "systemName": "Cổng thông tin Sở A", "domains": ["so-a.gov.vn"],
         "ipAddresses": ["10.0.0.5"], "securityLevel": 2, "publicIPs": ["203.0.113.10"], "summary": "\(summary)",
         "detectedAt": "\(iso.string(from: detected))", "currentStatus": "ongoing", "detectionMethod": {"kind": "monitoring_system"},
         "notifiedParties": [{"kind": "vncert"}], "keepConfidential": false, "supportRequested": \(support),
         \(support ? #""supportDetails": "Cần hỗ trợ phân tích mã độc","# : "")
         "reportedAt": "\(iso.string(from: Date()))"}
        """
    }

    /// The world with a member of the response team (role responder on the province) who has an API token.
    static func withResponder(_ w: TestWorld) async throws -> (TestWorld, Person) {
        let responder = Person(unitID: w.province.id!, email: "ucsc@test.vn", fullName: "Ứng Cứu", phone: "0900000001")
        try await responder.create(on: w.db)
        try await RoleAssignment(personID: responder.id!, unitID: w.province.id!, role: .responder).create(on: w.db)
        var world = w
        let secret = TokenSecret.generate()
        try await APIToken(personID: responder.id!, name: "t", tokenHash: TokenSecret.hash(secret), prefix: "t", expiresAt: nil).create(on: w.db)
        world.tokens[responder.email] = secret
        return (world, responder)
    }

    static func create(_ w: TestWorld, by person: Person? = nil, unit: OrgUnit? = nil, title: String = "Thay đổi giao diện cổng thông tin",
                       tlp: String = "GREEN", named: [UUID] = [], summary: String? = nil, support: Bool = false) async throws -> IncidentDTO {
        var dto: IncidentDTO?
        let report = summary.map { reportJSON(w, summary: $0, support: support) } ?? reportJSON(w, support: support)
        let body = #"{"title": "\#(title)", "tlp": "\#(tlp)", "namedPeople": [\#(named.map { "\"\($0)\"" }.joined(separator: ","))], "report": \#(report)}"#
        try await w.app.testing().test(.POST, "/api/v1/units/\((unit ?? w.deptA).id!)/incidents", headers: w.bearer(person ?? w.adminA),
                                       beforeRequest: RosterFixture.json(body), afterResponse: { res async throws in
            #expect(res.status == .created, "\(res.body.string)")
            dto = try res.content.decode(IncidentDTO.self)
        })
        return try #require(dto)
    }

    /// An incident of Sở A with a task and observables (for the cross-unit sweeps).
    static func deptAIncident(_ w: TestWorld) async throws -> (id: UUID, task: UUID, observable: UUID) {
        let incident = try await create(w, by: w.coordinator, support: true)
        let task = IncidentTaskRecord()
        task.id = UUID()
        task.$incident.id = incident.incident.id
        task.title = "Thu thập nhật ký"
        task.status = .open
        try await task.create(on: w.db)
        let observable = try #require(incident.observables.first)
        return (incident.incident.id, task.id!, observable.id)
    }

    static func post(_ w: TestWorld, _ path: String, _ body: String, by person: Person) async throws -> HTTPStatus {
        var status = HTTPStatus.ok
        try await w.app.testing().test(.POST, path, headers: w.bearer(person), beforeRequest: RosterFixture.json(body),
                                       afterResponse: { res async in status = res.status })
        return status
    }

    @Test(arguments: TestDatabase.available)
    func aUnitReportsAndTheResponseTeamWorksTheIncidentToClosure(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let (world, responder) = try await Self.withResponder(w)

            let created = try await Self.create(world)
            let id = created.incident.id
            #expect(created.incident.reference.hasPrefix("SC-") && created.incident.status == .reported)
            #expect(!created.incident.reportedLate && created.clock.contains("báo cáo"))
            // Observables were extracted (refanged) from the summary.
            #expect(Set(created.observables.map(\.value)).isSuperset(of: ["203.0.113.7", "http://evil.example/x"]))
            #expect(created.nationalSubject.hasPrefix("[TBSC]"))

            // The unit may not triage; the responder may.
            #expect(try await Self.post(world, "/api/v1/incidents/\(id)/triage", #"{"severity": "high", "category": "defacement"}"#, by: w.adminA) == .forbidden)
            #expect(try await Self.post(world, "/api/v1/incidents/\(id)/triage", #"{"severity": "high", "category": "defacement"}"#, by: responder) == .ok)
            #expect(try await Self.post(world, "/api/v1/incidents/\(id)/assign", #"{"personID": "\#(responder.id!)"}"#, by: responder) == .ok)
            #expect(try await Self.post(world, "/api/v1/incidents/\(id)/status", #"{"status": "in_progress"}"#, by: responder) == .ok)
            var taskID: UUID?
            try await w.app.testing().test(.POST, "/api/v1/incidents/\(id)/tasks", headers: world.bearer(responder),
                                           beforeRequest: RosterFixture.json(#"{"title": "Thu thập nhật ký máy chủ", "assigneeID": "\#(w.adminA.id!)", "dueAt": "\#(ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 86400)))"}"#),
                                           afterResponse: { res async throws in
                #expect(res.status == .created)
                taskID = try res.content.decode(IncidentTaskDTO.self).id
            })
            #expect(try await Self.post(world, "/api/v1/incident-tasks/\(try #require(taskID))/status", #"{"status": "done"}"#, by: responder) == .ok)
            #expect(try await Self.post(world, "/api/v1/incidents/\(id)/updates", #"{"text": "Đã cô lập máy chủ, chặn 198.51.100.23 trên tường lửa"}"#, by: w.officerA) == .ok)
            #expect(try await Self.post(world, "/api/v1/incidents/\(id)/status", #"{"status": "contained"}"#, by: w.adminA) == .ok)
            #expect(try await Self.post(world, "/api/v1/incidents/\(id)/status", #"{"status": "resolved"}"#, by: w.adminA) == .ok)
            // Closing needs the final report, and only the team closes.
            #expect(try await Self.post(world, "/api/v1/incidents/\(id)/status", #"{"status": "closed"}"#, by: responder) == .conflict)
            let final = #"{"whatHappened": "Kẻ tấn công khai thác lỗ hổng CMS", "impact": "Giao diện bị thay đổi 2 giờ", "actionsTaken": "Khôi phục từ bản sao lưu", "rootCause": "CMS lỗi thời", "preventionMeasures": "Cập nhật CMS, bật WAF", "resolvedAt": "\#(ISO8601DateFormatter().string(from: Date()))"}"#
            try await w.app.testing().test(.PUT, "/api/v1/incidents/\(id)/final-report", headers: world.bearer(w.adminA),
                                           beforeRequest: RosterFixture.json(final), afterResponse: { res async in #expect(res.status == .ok, "\(res.body.string)") })
            #expect(try await Self.post(world, "/api/v1/incidents/\(id)/status", #"{"status": "closed"}"#, by: w.adminA) == .forbidden)
            #expect(try await Self.post(world, "/api/v1/incidents/\(id)/status", #"{"status": "closed"}"#, by: responder) == .ok)

            try await w.app.testing().test(.GET, "/api/v1/incidents/\(id)", headers: world.bearer(w.adminA), afterResponse: { res async throws in
                let dto = try res.content.decode(IncidentDTO.self)
                #expect(dto.incident.status == .closed && dto.incident.severity == .high && dto.finalReport != nil)
                #expect(dto.timeline.map(\.kind) == ["reported", "triage", "assignment", "status", "task", "task", "update", "status", "status", "final_report", "status"])
                #expect(dto.observables.contains { $0.value == "198.51.100.23" })
                #expect(dto.nationalSubject.hasPrefix("[TBSC]") && dto.nationalSubject.contains("kết thúc"))
            })
            #expect(try await RosterFixture.audits(world, "incident.status").count == 4, "in progress, contained, resolved, closed")
            // Another unit sees nothing.
            try await w.app.testing().test(.GET, "/api/v1/incidents/\(id)", headers: world.bearer(w.adminB), afterResponse: { res async in
                #expect(res.status == .notFound)
            })
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBadReportListsEveryProblemAndStoresNothing(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let body = #"{"title": "", "report": {"reporterOrganization": "", "reporterName": "", "reporterPhone": "12", "reporterEmail": "x@", "operatingUnit": "", "owningAgency": "", "systemName": "", "domains": ["bad domain"], "ipAddresses": ["999.1.1.1"], "securityLevel": 9, "publicIPs": [], "summary": "", "detectedAt": "2040-01-01T00:00:00Z", "currentStatus": "ongoing", "detectionMethod": {"kind": "audit"}, "notifiedParties": [], "keepConfidential": false, "supportRequested": true, "reportedAt": "2040-01-01T00:00:00Z"}}"#
            try await w.app.testing().test(.POST, "/api/v1/units/\(w.deptA.id!)/incidents", headers: w.bearer(w.adminA),
                                           beforeRequest: RosterFixture.json(body), afterResponse: { res async in
                #expect(res.status == .unprocessableEntity)
                let text = res.body.string
                #expect(text.contains("999.1.1.1") && text.contains("bad domain"), "\(text)")
            })
            #expect(try await Incident.query(on: w.db).count() == 0)
            // An auditor may read but not report.
            try await w.app.testing().test(.POST, "/api/v1/units/\(w.deptA.id!)/incidents", headers: w.bearer(w.auditor),
                                           beforeRequest: RosterFixture.json(#"{"title": "x", "report": \#(Self.reportJSON(w))}"#),
                                           afterResponse: { res async in #expect(res.status == .forbidden) })
        }
    }

    @Test(arguments: TestDatabase.available)
    func observablesCorrelateAcrossIncidentsAndAdvisoriesRespectingVisibility(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let a = try await Self.create(w, summary: "Mã độc kết nối tới 203.0.113.99 và tải tệp từ hxxps://bad[.]example/p")
            let b = try await Self.create(w, by: w.adminB, unit: w.deptB, title: "Dò quét", summary: "Dò quét từ 203.0.113.99")
            // Sở A sees its own incident and not Sở B's; the coordinator sees both.
            try await w.app.testing().test(.GET, "/api/v1/observables?kind=ipv4&value=203.0.113[.]99", headers: w.bearer(w.adminA),
                                           afterResponse: { res async throws in
                let dto = try res.content.decode(ObservableSightingsDTO.self)
                #expect(dto.incidents.map(\.id) == [a.incident.id])
            })
            try await w.app.testing().test(.GET, "/api/v1/observables?kind=ipv4&value=203.0.113.99", headers: w.bearer(w.coordinator),
                                           afterResponse: { res async throws in
                let dto = try res.content.decode(ObservableSightingsDTO.self)
                #expect(Set(dto.incidents.map(\.id)) == [a.incident.id, b.incident.id])
            })
            try await w.app.testing().test(.GET, "/api/v1/incidents/\(b.incident.id)", headers: w.bearer(w.coordinator), afterResponse: { res async throws in
                let dto = try res.content.decode(IncidentDTO.self)
                #expect(dto.observables.first { $0.value == "203.0.113.99" }?.otherIncidents == [a.incident.reference])
            })
        }
    }

    @Test(arguments: TestDatabase.available)
    func redIncidentsAreVisibleOnlyToNamedPeople(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let red = try await Self.create(w, tlp: "RED", named: [w.officerA.id!])
            for (person, visible) in [(w.adminA, true), (w.officerA, true), (w.coordinator, false), (w.adminB, false)] {
                try await w.app.testing().test(.GET, "/api/v1/incidents/\(red.incident.id)", headers: w.bearer(person), afterResponse: { res async in
                    #expect(res.status == (visible ? .ok : .notFound), "\(person.email)")
                })
                try await w.app.testing().test(.GET, "/api/v1/incidents", headers: w.bearer(person), afterResponse: { res async throws in
                    let page = try res.content.decode(Page<IncidentSummaryDTO>.self)
                    #expect(page.items.contains { $0.id == red.incident.id } == visible, "\(person.email)")
                })
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func exportsAreValidStixAndMispAndEvidenceIsNeverActiveContent(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let incident = try await Self.create(w, summary: "Tải tệp độc hại có SHA-256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 từ 198.51.100.7, khai thác CVE-2021-44228")
            let id = incident.incident.id
            try await w.app.testing().test(.GET, "/api/v1/incidents/\(id)/stix", headers: w.bearer(w.adminA), afterResponse: { res async throws in
                #expect(res.status == .ok && res.headers.contentType?.description.contains("stix") == true)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any])
                #expect(json["type"] as? String == "bundle")
                let objects = try #require(json["objects"] as? [[String: Any]])
                let types = Set(objects.compactMap { $0["type"] as? String })
                #expect(types.isSuperset(of: ["identity", "incident", "indicator", "vulnerability", "relationship", "marking-definition", "file", "ipv4-addr"]))
                let ids = Set(objects.compactMap { $0["id"] as? String })
                for object in objects {
                    for key in ["created_by_ref", "source_ref", "target_ref"] { if let ref = object[key] as? String { #expect(ids.contains(ref), "\(key) \(ref)") } }
                }
            })
            try await w.app.testing().test(.GET, "/api/v1/incidents/\(id)/misp", headers: w.bearer(w.adminA), afterResponse: { res async throws in
                let json = try #require(try JSONSerialization.jsonObject(with: Data(res.body.readableBytesView)) as? [String: Any])
                let event = try #require(json["Event"] as? [String: Any])
                let attributes = try #require(event["Attribute"] as? [[String: Any]])
                #expect(Set(attributes.compactMap { $0["type"] as? String }).isSuperset(of: ["sha256", "ip-dst", "vulnerability"]))
                #expect((event["Tag"] as? [[String: Any]])?.contains { $0["name"] as? String == "tlp:green" } == true)
            })
            // An HTML upload comes back as an opaque attachment.
            let boundary = "b0undary"
            let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"trang.html\"\r\nContent-Type: text/html\r\n\r\n<script>alert(1)</script>\r\n--\(boundary)--\r\n"
            var evidenceID: UUID?
            try await w.app.testing().test(.POST, "/api/v1/incidents/\(id)/evidence", headers: w.bearer(w.officerA), beforeRequest: { req in
                req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                req.body = ByteBuffer(string: body)
            }, afterResponse: { res async throws in
                #expect(res.status == .created, "\(res.body.string)")
                let dto = try res.content.decode(IncidentEvidenceDTO.self)
                #expect(dto.sha256.count == 64)
                evidenceID = dto.id
            })
            try await w.app.testing().test(.GET, "/api/v1/incidents/\(id)/evidence/\(try #require(evidenceID))", headers: w.bearer(w.adminA),
                                           afterResponse: { res async in
                #expect(res.headers.contentType?.description == "application/octet-stream")
                #expect(res.headers.first(name: .contentDisposition)?.hasPrefix("attachment") == true)
            })
        }
    }

    @Test(arguments: TestDatabase.available)
    func theIndicatorFeedSharesWhatTheCallerMaySeeUpToTheChosenTLP(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            _ = try await Self.create(w, tlp: "GREEN", summary: "Kết nối tới 203.0.113.7 và CVE-2021-44228")
            let amber = try await Self.create(w, tlp: "AMBER", summary: "Kết nối tới 203.0.113.7 và c2.evil.example")
            _ = try await Self.create(w, tlp: "RED", summary: "Rò rỉ qua 198.51.100.99")
            func feed(_ query: String, by person: Person) async throws -> (HTTPStatus, String, String?) {
                var result: (HTTPStatus, String, String?) = (.ok, "", nil)
                try await w.app.testing().test(.GET, "/api/v1/observables/stix\(query)", headers: w.bearer(person), afterResponse: { res async in
                    result = (res.status, res.body.string, res.headers.first(name: .contentType))
                })
                return result
            }
            // GREEN (the default): the address and the CVE of the GREEN incident only.
            var (status, body, type) = try await feed("", by: w.coordinator)
            #expect(status == .ok && type?.hasPrefix("application/stix+json") == true)
            #expect(body.contains("[ipv4-addr:value = '203.0.113.7']") && body.contains("CVE-2021-44228"))
            #expect(!body.contains("c2.evil.example") && !body.contains(amber.incident.reference))
            // Up to AMBER: the domain too, and the address names both incidents, marked AMBER.
            (status, body, _) = try await feed("?tlp=AMBER", by: w.coordinator)
            #expect(body.contains("c2.evil.example") && body.contains(amber.incident.reference))
            #expect(body.contains(TLP.amber.stixMarkingDefinitionID))
            // The RED incident is the reporter's only: not in the coordinator's feed, in the reporter's at RED.
            #expect(!body.contains("198.51.100.99"))
            #expect(try await feed("?tlp=RED", by: w.coordinator).1.contains("198.51.100.99") == false)
            #expect(try await feed("?tlp=RED", by: w.adminA).1.contains("198.51.100.99"))
            // Another unit sees none of Sở A's incidents: an empty but valid feed.
            (status, body, _) = try await feed("?tlp=RED", by: w.adminB)
            #expect(status == .ok && !body.contains("indicator--") && body.contains("\"type\" : \"bundle\""))
            #expect(try await feed("?tlp=PURPLE", by: w.coordinator).0 == .badRequest)
            #expect(try await feed("?days=0", by: w.coordinator).0 == .badRequest)
        }
    }
}
