import Foundation
import OpenAPIKit
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// The OpenAPI document at /openapi.json: it and the app's real routes describe the same endpoints,
/// it is a valid OpenAPI 3.1 document, and the app's answers have the documented shapes.
@Suite struct OpenAPITests {
    // MARK: Routes ⇄ document

    @Test func everyAPIRouteIsDocumentedAndEveryOperationIsARoute() async throws {
        try await withWorld(.sqlite) { w in
            let routes = w.app.routes.all
                .filter { $0.path.first == .constant("api") && $0.method != .HEAD }
                .map { "\($0.method.rawValue) " + Self.openAPIPath($0.path) }
            var documented: [String] = []
            for (path, item) in APIDocument.document.paths {
                guard let item = item.b else { Issue.record("\(path.rawValue) is a reference"); continue }
                documented += item.endpoints.map { "\($0.method.rawValue) \(path.rawValue)" }
            }

            let undocumented = Set(routes).subtracting(documented).sorted()
            let phantom = Set(documented).subtracting(routes).sorted()
            #expect(undocumented.isEmpty, """
                Routes missing from /openapi.json (add them to the controller's `operations`):
                \(undocumented.joined(separator: "\n"))
                """)
            #expect(phantom.isEmpty, """
                Operations in /openapi.json without a route (remove them or fix method/path/parameter names):
                \(phantom.joined(separator: "\n"))
                """)
            #expect(!routes.isEmpty)

            let keys = APIDocument.operations.map { "\($0.method.rawValue) \($0.path)" }
            let duplicates = Dictionary(grouping: keys, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(duplicates.isEmpty, "Operations declared more than once: \(duplicates.joined(separator: ", "))")
        }
    }

    /// `api/v1/units/:unitID` → `/api/v1/units/{unitID}`.
    static func openAPIPath(_ components: [PathComponent]) -> String {
        "/" + components.map { component -> String in
            switch component {
            case let .constant(text): text
            case let .parameter(name): "{\(name)}"
            case .anything: "*"
            case .catchall: "**"
            }
        }.joined(separator: "/")
    }

    // MARK: The document itself

    @Test func everyReferencedSchemaIsDefinedAndEveryDefinedSchemaIsUsed() throws {
        let defined = Set(APIDocument.document.components.schemas.keys.map(\.rawValue))
        let missing = APIDocument.referencedSchemaNames().subtracting(defined).sorted()
        #expect(missing.isEmpty, "Schemas referenced by operations but not defined in APISchemas: \(missing.joined(separator: ", "))")

        // Everything in components.schemas is reachable from some operation (no stale shapes).
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(APIDocument.json().utf8))
        var reachable = Set<String>()
        var queue = Self.references(in: json["paths"] ?? .null) + Self.references(in: json["components"]?["responses"] ?? .null)
        while let name = queue.popLast() {
            guard reachable.insert(name).inserted else { continue }
            queue += Self.references(in: json["components"]?["schemas"]?[name] ?? .null)
        }
        let unused = defined.subtracting(reachable).sorted()
        #expect(unused.isEmpty, "Schemas no operation uses: \(unused.joined(separator: ", "))")

        // Every property declared required exists.
        for (name, schema) in json["components"]?["schemas"]?.objectValue ?? [:] {
            let properties = schema["properties"]?.objectValue ?? [:]
            for case let .string(required) in schema["required"]?.arrayValue ?? [] {
                #expect(properties[required] != nil, "\(name).required lists '\(required)', which is not a property")
            }
        }
    }

    /// A JSON download (STIX, MISP) is declared with its schema, never as an opaque string the answer would break.
    @Test func jsonDownloadsAreDeclaredWithASchema() {
        for op in APIDocument.operations {
            if case let .file(mediaType) = op.reply {
                #expect(!APIDocument.isJSON(mediaType), "\(op.method.rawValue) \(op.path): a JSON answer (\(mediaType)) declared as a file; use .jsonFile")
            }
        }
        #expect(APIDocument.isJSON("application/stix+json;version=2.1") && APIDocument.isJSON("application/json; charset=utf-8"))
        #expect(!APIDocument.isJSON("text/csv") && !APIDocument.isJSON("application/octet-stream"))
    }

    @Test func theDocumentPassesOpenAPIKitValidation() throws {
        let document = APIDocument.document
        #expect(document.openAPIVersion.rawValue.hasPrefix("3.1"))
        do {
            try document.validate(using: OpenAPIKit.Validator()
                .validating(\.documentContainsPaths, \.pathsContainOperations, \.operationsContainResponses,
                            \.pathParametersAreDefined, \.schemaComponentsAreDefined))
        } catch {
            Issue.record("OpenAPIKit validation failed:\n\(error)")
        }

        // The served text decodes back into a document without warnings.
        let decoded = try JSONDecoder().decode(OpenAPI.Document.self, from: Data(APIDocument.json().utf8))
        #expect(decoded.warnings.isEmpty, "Warnings decoding /openapi.json: \(decoded.warnings.map(\.localizedDescription))")
        #expect(decoded.paths.count == document.paths.count)

        let ids = APIDocument.operations.map(APIDocument.operationID)
        #expect(Set(ids).count == ids.count, "operationIds repeat: \(ids)")
    }

    @Test func openAPIJSONIsServed() async throws {
        try await withWorld(.sqlite) { w in
            try await w.app.testing().test(.GET, "/openapi.json") { res async throws in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.type == "application" && res.headers.contentType?.subType == "json")
                let json = try JSONDecoder().decode(JSONValue.self, from: Data(res.body.string.utf8))
                #expect(json["openapi"]?.stringValue?.hasPrefix("3.1") == true)
                #expect(json["info"]?["title"]?.stringValue == "Trực ATTT API")
                #expect(json["servers"]?[0]?["url"]?.stringValue == "/")
                #expect(json["components"]?["securitySchemes"]?["bearerAuth"]?["scheme"]?.stringValue == "bearer")
                #expect(json["paths"]?["/api/v1/auth/token"]?["post"]?["security"]?.arrayValue?.isEmpty == true)
                #expect(json["paths"]?["/api/v1/units"]?["get"]?["security"]?[0]?["bearerAuth"] != nil)
                #expect(res.body.string == (try APIDocument.json()))
            }
        }
    }

    /// Validates the served document with the Python openapi-spec-validator when it is installed; skipped otherwise.
    @Test(.enabled(if: OpenAPITests.python(["-c", "import openapi_spec_validator"]).status == 0,
                   "the Python package openapi-spec-validator is not installed"))
    func openAPISpecValidatorAcceptsTheDocument() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("truc-openapi-\(UUID().uuidString).json")
        try APIDocument.json().write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
        import json, sys
        from openapi_spec_validator import validate
        with open(sys.argv[1], encoding="utf-8") as f:
            spec = json.load(f)
        try:
            validate(spec)
        except Exception as e:
            print(type(e).__name__, str(e)[:3000])
            sys.exit(1)
        print("ok")
        """
        let result = Self.python(["-c", script, file.path])
        #expect(result.status == 0, "openapi-spec-validator rejected /openapi.json:\n\(result.output)")
    }

    static func python(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    // MARK: Answers have the documented shapes

    /// Calls every operation of the API once, in a small story (sign in, units, people, contacts, a campaign with
    /// answers and evidence, shifts), and checks each answer's status against the documented one and its body against
    /// the documented schema: types, formats, enums, required properties, no undocumented properties.
    /// JSON request bodies are checked against the documented request schema too.
    @Test func everyOperationAnswersWithItsDocumentedShape() async throws {
        try await withWorld(.sqlite) { w in
            let api = try APIExerciser(app: w.app, auth: w.bearer(w.coordinator))
            let deptA = w.deptA.id!.uuidString, province = w.province.id!.uuidString
            let officerA = w.officerA.id!.uuidString
            let iso = ISO8601DateFormatter()
            let now = Date()
            func at(hours: Double) -> String { iso.string(from: now.addingTimeInterval(hours * 3600)) }

            // Auth
            try await api.call(.POST, "/api/v1/auth/token", json: """
                {"email": "\(w.coordinator.email)", "password": "\(testPassword)", "name": "openapi"}
                """, authenticated: false)
            try await api.call(.GET, "/api/v1/me")
            try await api.call(.GET, "/api/v1/tokens")
            let token = try await api.call(.POST, "/api/v1/tokens", json: #"{"name": "ci", "expiresInDays": 30}"#)
            try await api.call(.DELETE, "/api/v1/tokens/\(token.id)")

            // Two-factor sign-in (the coordinator enrols, then turns it off again)
            try await api.call(.GET, "/api/v1/me/two-factor")
            let enrolment = try await api.call(.POST, "/api/v1/me/two-factor", json: #"{"password": "\#(testPassword)"}"#)
            let totp = try #require(CoreTOTP(base32: enrolment["secret"]?.stringValue ?? ""))
            try await api.call(.POST, "/api/v1/me/two-factor/confirm", json: #"{"code": "\#(totp.code(at: Date()))"}"#)
            try await api.call(.POST, "/api/v1/me/two-factor/recovery-codes", json: #"{"password": "\#(testPassword)"}"#)
            try await api.call(.POST, "/api/v1/me/two-factor/disable", json: #"{"password": "\#(testPassword)"}"#)
            try await api.call(.GET, "/api/v1/settings/two-factor")
            try await api.call(.PUT, "/api/v1/settings/two-factor", json: #"{"requiredForAdmins": false}"#)
            try await api.call(.DELETE, "/api/v1/people/\(officerA)/two-factor")

            // Units and people
            try await api.call(.GET, "/api/v1/units?kind=state_agency")
            let unit = try await api.call(.POST, "/api/v1/units", json: """
                {"parentID": "\(province)", "code": "OA-1", "name": "Trung tâm OpenAPI", "kind": "it_center", "email": "oa@test.vn"}
                """)
            try await api.call(.GET, "/api/v1/units/\(unit.id)")
            try await api.call(.PATCH, "/api/v1/units/\(unit.id)", json: #"{"phone": "0240000000"}"#)
            try await api.call(.GET, "/api/v1/units/\(deptA)/people")
            let person = try await api.call(.POST, "/api/v1/people", json: """
                {"unitID": "\(deptA)", "email": "oa.person@test.vn", "fullName": "Người OpenAPI",
                 "password": "a long enough password", "roles": [{"role": "duty_officer"}]}
                """)
            try await api.call(.GET, "/api/v1/people/\(person.id)")
            try await api.call(.PATCH, "/api/v1/people/\(person.id)", json: #"{"title": "Kỹ sư"}"#)
            let granted = try await api.call(.POST, "/api/v1/people/\(person.id)/roles", json: """
                {"unitID": "\(deptA)", "role": "responder"}
                """)
            let role = granted["roles"]?.arrayValue?.first { $0["role"] == "responder" }?["id"]?.stringValue ?? "missing"
            try await api.call(.DELETE, "/api/v1/people/\(person.id)/roles/\(role)")

            // Contacts and audit
            try await api.call(.GET, "/api/v1/contacts?q=vncert")
            try await api.call(.GET, "/api/v1/contacts/vcard")
            let contact = try await api.call(.POST, "/api/v1/contacts", json: """
                {"unitID": "\(deptA)", "name": "Trực ban Sở A", "phone": "0240000001", "email": "trucban@test.vn"}
                """)
            try await api.call(.PATCH, "/api/v1/contacts/\(contact.id)", json: #"{"name": "Trực ban Sở A", "hotline": "111"}"#)
            try await api.call(.DELETE, "/api/v1/contacts/\(contact.id)")
            try await api.call(.GET, "/api/v1/audit")

            // Campaigns
            let templates = try await api.call(.GET, "/api/v1/campaign-templates?year=2030")
            if let key = templates[0]?["key"]?.stringValue {
                try await api.call(.POST, "/api/v1/campaigns", json: #"{"template": "\#(key)", "year": 2031}"#)
            }
            let campaign = try await api.call(.POST, "/api/v1/campaigns", json: """
                {"title": "Đợt kiểm tra OpenAPI", "startsAt": "\(at(hours: -24))", "endsAt": "\(at(hours: 240))",
                 "timeZone": "Asia/Ho_Chi_Minh", "directive": "Tăng cường trực",
                 "documents": [{"number": "1520/BTTTT-CATTT", "date": "2023-04-26", "issuer": "Bộ TTTT"}],
                 "items": [{"title": "Rà soát", "detail": "Rà soát hệ thống", "targetKinds": ["state_agency"]}]}
                """)
            let c = campaign.id
            let firstItem = campaign["items"]?[0]?["id"]?.stringValue ?? "missing"
            try await api.call(.GET, "/api/v1/campaigns?state=active")
            try await api.call(.GET, "/api/v1/campaigns/\(c)")
            try await api.call(.PATCH, "/api/v1/campaigns/\(c)", json: #"{"directive": "Tăng cường trực 24/7"}"#)
            let item = try await api.call(.POST, "/api/v1/campaigns/\(c)/items", json: """
                {"title": "Sao lưu", "detail": "Sao lưu dữ liệu", "targetKinds": ["state_agency", "it_center"], "dueAt": "\(at(hours: 120))"}
                """)
            try await api.call(.PATCH, "/api/v1/campaigns/\(c)/items/\(item.id)", json: #"{"dueAt": null}"#)
            try await api.call(.POST, "/api/v1/campaigns/\(c)/units/\(deptA)/acknowledge")
            let report = try await api.call(.POST, "/api/v1/campaigns/\(c)/items/\(firstItem)/units/\(deptA)/report", multipart: [
                ("status", nil, "problem"), ("note", nil, "Máy chủ chưa vá"), ("evidence", "bien-ban.txt", "Biên bản kiểm tra"),
            ])
            try await api.call(.GET, "/api/v1/campaigns/\(c)/units/\(deptA)")
            try await api.call(.GET, "/api/v1/campaigns/\(c)/compliance")
            try await api.call(.GET, "/api/v1/campaigns/\(c)/compliance/csv?lang=en")
            try await api.call(.GET, "/api/v1/campaigns/\(c)/summary")
            try await api.call(.GET, "/api/v1/evidence/\(report["evidence"]?["id"]?.stringValue ?? "missing")")
            try await api.call(.DELETE, "/api/v1/campaigns/\(c)/items/\(item.id)?force=true")

            // Roster
            let shift = try await api.call(.POST, "/api/v1/units/\(deptA)/shifts", json: """
                {"personID": "\(officerA)", "startsAt": "\(at(hours: -1))", "endsAt": "\(at(hours: 7))", "role": "technical", "note": "Ca sáng"}
                """)
            try await api.call(.GET, "/api/v1/units/\(deptA)/shifts")
            try await api.call(.GET, "/api/v1/shifts/\(shift.id)")
            try await api.call(.PATCH, "/api/v1/shifts/\(shift.id)", json: #"{"note": "Ca sáng (đổi)"}"#)
            try await api.call(.POST, "/api/v1/units/\(deptA)/shifts/generate", json: """
                {"pattern": "12h", "from": "2031-01-01", "to": "2031-01-02", "people": ["\(w.officerA.email)", "\(w.adminA.email)"], "role": "technical"}
                """)
            try await api.call(.POST, "/api/v1/units/\(deptA)/shifts/import", raw: """
                person_email,start,end,role,note
                \(w.officerA.email),2032-01-01T00:00:00Z,2032-01-01T08:00:00Z,technical,CSV

                """, contentType: "text/csv")
            try await api.call(.GET, "/api/v1/units/\(deptA)/shifts/ical")
            try await api.call(.GET, "/api/v1/units/\(deptA)/coverage")
            try await api.call(.GET, "/api/v1/units/\(deptA)/on-duty")
            try await api.call(.GET, "/api/v1/on-duty?all=true")
            try await api.call(.GET, "/api/v1/people/\(officerA)/shifts/ical")
            try await api.call(.DELETE, "/api/v1/shifts/\(shift.id)")

            // Inventory, knowledge base, findings, advisories
            _ = try await VulnerabilityStore.upsertNVD([try VulnerabilityFixtures.struts()], on: w.db)
            // EPSS scores, so that the answers carry `epss` and its schema is checked.
            _ = try await FeedImporter.importEPSS(VulnerabilityFixtures.coreFixture("epss_scores-2025-03-17.csv"), on: w.db, zone: w.app.config.timeZone)
            let system = try await api.call(.POST, "/api/v1/units/\(deptA)/systems", json: """
            {"name": "Cổng DVC", "securityLevel": 3, "domains": ["dvc.so-a.gov.vn"], "publicIPs": ["203.0.113.5"]}
            """)
            try await api.call(.GET, "/api/v1/units/\(deptA)/systems")
            try await api.call(.GET, "/api/v1/systems/\(system.id)")
            try await api.call(.PUT, "/api/v1/systems/\(system.id)", json: #"{"name": "Cổng DVC", "securityLevel": 4}"#)
            let asset = try await api.call(.POST, "/api/v1/units/\(deptA)/assets", json: """
            {"kind": "software", "name": "Struts", "systemID": "\(system.id)", "cpes": ["cpe:2.3:a:apache:struts:2.5.10:*:*:*:*:*:*:*"]}
            """)
            try await api.call(.GET, "/api/v1/units/\(deptA)/assets?kind=software")
            try await api.call(.GET, "/api/v1/assets/\(asset.id)")
            try await api.call(.PUT, "/api/v1/assets/\(asset.id)", json: """
            {"kind": "software", "name": "Struts 2", "systemID": "\(system.id)", "cpes": ["cpe:2.3:a:apache:struts:2.5.10:*:*:*:*:*:*:*"]}
            """)
            try await api.call(.POST, "/api/v1/units/\(deptA)/assets/import", raw: "kind,name,cpe\nrouter,R1,cpe:/o:cisco:ios:15.2\n", contentType: "text/csv")
            try await api.call(.POST, "/api/v1/units/\(deptA)/assets/import-nmap", raw: """
            <?xml version="1.0"?><nmaprun scanner="nmap" args="nmap -sV 10.0.0.9"><host><status state="up"/><address addr="10.0.0.9" addrtype="ipv4"/>
            <ports><port protocol="tcp" portid="22"><state state="open"/><service name="ssh" product="OpenSSH" version="7.4"><cpe>cpe:/a:openbsd:openssh:7.4</cpe></service></port></ports></host></nmaprun>
            """, contentType: "application/xml")
            try await api.call(.GET, "/api/v1/cpe/proposals?vendor=Apache&product=Tomcat&version=9.0.62")
            try await api.call(.GET, "/api/v1/cves?q=CVE-2017")
            try await api.call(.GET, "/api/v1/cves/CVE-2017-5638")
            try await api.call(.GET, "/api/v1/feeds")
            try await api.call(.GET, "/api/v1/sla")
            try await api.call(.PUT, "/api/v1/sla", json: VulnerabilityStore.json(SLAPolicy.standard))
            var prioritised = SLAPolicy.standard
            prioritised.priorityRule = try SLAPriorityRule(enabled: true, epssThreshold: 0.5)
            try await api.call(.PUT, "/api/v1/sla", json: VulnerabilityStore.json(prioritised))
            try await api.call(.GET, "/api/v1/findings?sort=priority")
            let findings = try await api.call(.GET, "/api/v1/findings?severity=critical")
            let finding = findings["items"]?[0]?["id"]?.stringValue ?? "missing"
            try await api.call(.GET, "/api/v1/findings/summary")
            try await api.call(.GET, "/api/v1/findings/\(finding)")
            try await api.call(.POST, "/api/v1/findings/\(finding)/status", json: #"{"status": "in_progress", "note": "Đang nâng cấp"}"#)
            let advisory = try await api.call(.POST, "/api/v1/advisories", json: """
            {"title": "Struts", "body": "Cập nhật.", "cves": ["CVE-2017-5638"], "requiredAction": "Nâng cấp", "tlp": "GREEN"}
            """)
            try await api.call(.PUT, "/api/v1/advisories/\(advisory.id)", json: """
            {"title": "Struts RCE", "body": "Cập nhật ngay.", "cves": ["CVE-2017-5638"], "requiredAction": "Nâng cấp", "tlp": "GREEN"}
            """)
            try await api.call(.POST, "/api/v1/advisories/\(advisory.id)/publish")
            try await api.call(.GET, "/api/v1/advisories")
            try await api.call(.GET, "/api/v1/advisories/\(advisory.id)")
            try await api.call(.POST, "/api/v1/advisories/\(advisory.id)/units/\(deptA)/state", json: #"{"state": "acknowledged"}"#)
            try await api.call(.DELETE, "/api/v1/assets/\(asset.id)")
            try await api.call(.DELETE, "/api/v1/systems/\(system.id)")

            // Monitoring
            let monitor = try await api.call(.POST, "/api/v1/units/\(deptA)/monitors", json: """
            {"name": "Cổng thông tin", "kind": "http", "target": "http://127.0.0.1:9/", "retries": 0, "settings": {"keyword": "ok", "maxLatencyMs": 2000}}
            """)
            try await api.call(.GET, "/api/v1/units/\(deptA)/monitors")
            try await api.call(.GET, "/api/v1/monitors?state=pending")
            try await api.call(.GET, "/api/v1/monitors/\(monitor.id)")
            try await api.call(.PUT, "/api/v1/monitors/\(monitor.id)", json: """
            {"name": "Cổng thông tin tỉnh", "kind": "http", "target": "http://127.0.0.1:9/", "retries": 0, "isPublic": true}
            """)
            let monitorID = try #require(UUID(uuidString: monitor.id))
            let scheduler = MonitoringFixture.scheduler(w, ScriptedProbes(.down))
            try await scheduler.runDueChecks(now: Date().addingTimeInterval(61))
            try await api.call(.GET, "/api/v1/monitors/\(monitorID)/results")
            try await api.call(.GET, "/api/v1/monitors/\(monitorID)/stats")
            let alerts = try await api.call(.GET, "/api/v1/alerts?open=true")
            let alertID = alerts["items"]?[0]?["id"]?.stringValue ?? "missing"
            try await api.call(.GET, "/api/v1/alerts/\(alertID)")
            try await api.call(.POST, "/api/v1/alerts/\(alertID)/ack")
            let window = try await api.call(.POST, "/api/v1/units/\(deptA)/maintenance-windows", json: """
            {"monitorID": "\(monitorID)", "startsAt": "2031-01-01T00:00:00Z", "endsAt": "2031-01-01T02:00:00Z", "reason": "Nâng cấp"}
            """)
            try await api.call(.GET, "/api/v1/units/\(deptA)/maintenance-windows")
            try await api.call(.DELETE, "/api/v1/maintenance-windows/\(window.id)")
            let hook = try await api.call(.POST, "/api/v1/units/\(deptA)/webhooks", json: #"{"name": "SOC", "url": "https://soc.example.gov.vn/hook", "includeSubunits": true}"#)
            try await api.call(.GET, "/api/v1/units/\(deptA)/webhooks")
            try await api.call(.DELETE, "/api/v1/webhooks/\(hook.id)")
            try await api.call(.PUT, "/api/v1/units/\(deptA)/status-page", json: #"{"isPublic": true}"#)
            try await api.call(.GET, "/api/v1/escalation")
            try await api.call(.PUT, "/api/v1/escalation", json: #"{"delayMinutes": 20}"#)
            try await api.call(.DELETE, "/api/v1/monitors/\(monitorID)")

            // Outbound allow-list
            let allowed = try await api.call(.POST, "/api/v1/outbound-allow-list",
                                             json: #"{"value": "10.20.0.0/16", "unitID": "\#(deptA)", "note": "Mạng nội bộ Sở A"}"#)
            try await api.call(.GET, "/api/v1/outbound-allow-list?unitID=\(deptA)")
            try await api.call(.DELETE, "/api/v1/outbound-allow-list/\(allowed.id)")

            // Backups
            try await api.call(.GET, "/api/v1/settings/backups")
            try await api.call(.PUT, "/api/v1/settings/backups", json: #"{"intervalHours": 12, "keep": 14}"#)

            // Feed sources
            let sources = try await api.call(.GET, "/api/v1/feed-sources")
            let sourceID = sources["items"]?[0]?["id"]?.stringValue ?? "missing"
            try await api.call(.GET, "/api/v1/feed-sources/\(sourceID)")
            try await api.call(.PATCH, "/api/v1/feed-sources/\(sourceID)", json: #"{"intervalMinutes": 180, "enabled": false}"#)
            try await api.call(.POST, "/api/v1/feed-sources/\(sourceID)/run")
            try await api.call(.GET, "/api/v1/feed-sources/\(sourceID)/runs")
            let provider = try await api.call(.POST, "/api/v1/feed-sources", json: #"{"url": "https://csaf.example.com/.well-known/csaf/provider-metadata.json"}"#)
            try await api.call(.DELETE, "/api/v1/feed-sources/\(provider.id)")

            // Scanner reports
            let scan = try await api.call(.POST, "/api/v1/units/\(deptA)/scans?fileName=scan.jsonl",
                                          raw: #"{"template-id": "weak-cipher", "info": {"name": "Weak cipher", "severity": "medium"}, "host": "https://10.0.0.5", "ip": "10.0.0.5"}"#,
                                          contentType: "application/octet-stream")
            try await api.call(.GET, "/api/v1/units/\(deptA)/scans")
            try await api.call(.GET, "/api/v1/scans/\(scan["scanID"]?.stringValue ?? "missing")/file")

            // Incidents
            try await api.call(.GET, "/api/v1/units/\(deptA)/incidents/prefill")
            let incident = try await api.call(.POST, "/api/v1/units/\(deptA)/incidents", json: """
            {"title": "Thay đổi giao diện", "tlp": "AMBER", "report": \(IncidentFlowTests.reportJSON(w, support: true))}
            """)
            let incidentID = incident["incident"]?["id"]?.stringValue ?? "missing"
            try await api.call(.GET, "/api/v1/incidents")
            try await api.call(.GET, "/api/v1/incidents/\(incidentID)")
            try await api.call(.POST, "/api/v1/incidents/\(incidentID)/triage", json: #"{"severity": "high", "category": "defacement"}"#)
            try await api.call(.POST, "/api/v1/incidents/\(incidentID)/assign", json: #"{"personID": "\#(w.coordinator.id!)"}"#)
            try await api.call(.POST, "/api/v1/incidents/\(incidentID)/status", json: #"{"status": "in_progress"}"#)
            try await api.call(.POST, "/api/v1/incidents/\(incidentID)/updates", json: #"{"kind": "update", "text": "Đã cô lập máy chủ"}"#)
            let task = try await api.call(.POST, "/api/v1/incidents/\(incidentID)/tasks", json: #"{"title": "Thu thập nhật ký"}"#)
            try await api.call(.POST, "/api/v1/incident-tasks/\(task.id)/status", json: #"{"status": "done"}"#)
            try await api.call(.POST, "/api/v1/incidents/\(incidentID)/observables", json: #"{"text": "C2: 198.51.100.23, evil[.]example"}"#)
            try await api.call(.GET, "/api/v1/observables?kind=ipv4&value=198.51.100.23")
            let evidence = try await api.call(.POST, "/api/v1/incidents/\(incidentID)/evidence", multipart: [("file", "nhat-ky.txt", "log"), ("note", nil, "Nhật ký")])
            try await api.call(.GET, "/api/v1/incidents/\(incidentID)/evidence/\(evidence.id)")
            try await api.call(.PUT, "/api/v1/incidents/\(incidentID)/final-report", json: """
            {"whatHappened": "Khai thác CMS", "impact": "2 giờ", "actionsTaken": "Khôi phục", "rootCause": "CMS cũ", "preventionMeasures": "Cập nhật", "resolvedAt": "\(ISO8601DateFormatter().string(from: Date()))"}
            """)
            try await api.call(.POST, "/api/v1/incidents/\(incidentID)/notify-national", json: #"{"kind": "final", "note": "Kính gửi báo cáo kết thúc."}"#)
            try await api.call(.PUT, "/api/v1/incidents/\(incidentID)/sharing", json: #"{"tlp": "AMBER", "namedPeople": ["\#(w.officerA.id!)"]}"#)
            let observableID = incident["observables"]?[0]?["id"]?.stringValue ?? "missing"
            try await api.call(.PUT, "/api/v1/incidents/\(incidentID)/observables/\(observableID)", json: #"{"tlp": "RED"}"#)
            try await api.call(.GET, "/api/v1/incidents/\(incidentID)/stix")
            try await api.call(.GET, "/api/v1/observables/stix?tlp=AMBER&days=30")
            try await api.call(.GET, "/api/v1/incidents/\(incidentID)/misp")

            #expect(api.problems.isEmpty, "Answers that differ from the document:\n\(api.problems.joined(separator: "\n"))")
            let missed = APIDocument.operations.map { "\($0.method.rawValue) \($0.path)" }.filter { !api.exercised.contains($0) }
            #expect(missed.isEmpty, "Operations this test does not call yet (add a step above):\n\(missed.joined(separator: "\n"))")
        }
    }

    static func references(in value: JSONValue) -> [String] {
        switch value {
        case let .object(members):
            var names: [String] = []
            if case let .string(ref)? = members["$ref"], ref.hasPrefix("#/components/schemas/") {
                names.append(String(ref.dropFirst("#/components/schemas/".count)))
            }
            for member in members.values { names += references(in: member) }
            return names
        case let .array(items): return items.flatMap(references)
        default: return []
        }
    }
}

// MARK: - Calling the API against the document

/// Sends requests to the app and checks each answer against the operation the document gives for it.
final class APIExerciser {
    let app: Application
    let auth: HTTPHeaders
    let checker: SchemaChecker
    /// The served document, to read each operation's documented answers from.
    let document: JSONValue
    private(set) var problems: [String] = []
    private(set) var exercised: Set<String> = []

    init(app: Application, auth: HTTPHeaders) throws {
        self.app = app
        self.auth = auth
        document = try JSONDecoder().decode(JSONValue.self, from: Data(APIDocument.json().utf8))
        checker = SchemaChecker(schemas: document["components"]?["schemas"]?.objectValue ?? [:])
    }

    @discardableResult
    func call(_ method: HTTPMethod, _ path: String, json: String, authenticated: Bool = true,
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try await call(method, path, body: json, contentType: "application/json", authenticated: authenticated, jsonBody: true,
                       sourceLocation: sourceLocation)
    }

    @discardableResult
    func call(_ method: HTTPMethod, _ path: String, raw: String, contentType: String,
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try await call(method, path, body: raw, contentType: contentType, sourceLocation: sourceLocation)
    }

    /// multipart/form-data with (name, filename for files, content) parts.
    @discardableResult
    func call(_ method: HTTPMethod, _ path: String, multipart parts: [(String, String?, String)],
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let boundary = "truc-openapi-boundary"
        var body = ""
        for (name, filename, content) in parts {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\""
            if let filename { body += "; filename=\"\(filename)\"\r\nContent-Type: text/plain" }
            body += "\r\n\r\n\(content)\r\n"
        }
        body += "--\(boundary)--\r\n"
        return try await call(method, path, body: body, contentType: "multipart/form-data; boundary=\(boundary)",
                              sourceLocation: sourceLocation)
    }

    @discardableResult
    func call(_ method: HTTPMethod, _ path: String, body: String? = nil, contentType: String? = nil, authenticated: Bool = true,
              jsonBody: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let where_ = "\(method.rawValue) \(path)"
        guard let op = Self.operation(method, path) else {
            Issue.record("\(where_): no documented operation", sourceLocation: sourceLocation)
            return .null
        }
        exercised.insert("\(op.method.rawValue) \(op.path)")
        if jsonBody, let body, case let .json(name)? = op.body {
            let value = try JSONDecoder().decode(JSONValue.self, from: Data(body.utf8))
            checker.check(value, against: .ref(name), at: "\(where_) request", &problems)
        }
        var headers = authenticated ? auth : HTTPHeaders()
        if let contentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
        let res = try await app.testing().sendRequest(method, path, headers: headers,
                                                      body: body.map { ByteBuffer(string: $0) })
        let expected: HTTPStatus = switch op.reply {
        case .created: .created
        case .accepted: .accepted
        case .noContent: .noContent
        default: .ok
        }
        guard res.status == expected else {
            problems.append("\(where_): answered \(res.status.code) \(res.body.string.prefix(300)), documented \(expected.code)")
            return .null
        }
        let type = res.headers.first(name: .contentType) ?? ""
        if case .noContent = op.reply {
            if res.body.readableBytes > 0 { problems.append("\(where_): 204 with a body") }
            return .null
        }
        // The answer is checked against what the served document says, whatever kind of reply declared it:
        // its media type, and for a JSON answer (application/json or any +json type) its body against the schema
        // given for that media type, so a JSON object declared as a string is caught.
        let documented = document["paths"]?[op.path]?[op.method.rawValue.lowercased()]?["responses"]?[String(expected.code)]?["content"]?
            .objectValue ?? [:]
        guard let (mediaType, content) = documented.first(where: { type.lowercased().hasPrefix($0.key.lowercased()) }) else {
            problems.append("\(where_): Content-Type \(type), documented \(documented.keys.sorted().joined(separator: ", "))")
            return .null
        }
        guard APIDocument.isJSON(type) else {
            if APIDocument.isJSON(mediaType) { problems.append("\(where_): Content-Type \(type) is not JSON, documented \(mediaType)") }
            return .null
        }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(res.body.string.utf8)) else {
            problems.append("\(where_): Content-Type \(type) but the body is not JSON")
            return .null
        }
        checker.check(value, against: content["schema"] ?? .null, at: where_, &problems)
        return value
    }

    /// The documented operation for a concrete request path; constant segments win over parameters.
    static func operation(_ method: HTTPMethod, _ path: String) -> APIOperation? {
        let segments = path.split(separator: "?", maxSplits: 1)[0].split(separator: "/")
        return APIDocument.operations
            .filter { op in
                let template = op.path.split(separator: "/")
                return op.method == method && template.count == segments.count
                    && zip(template, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
            }
            .max { a, b in a.path.split(separator: "/").filter { !$0.hasPrefix("{") }.count
                < b.path.split(separator: "/").filter { !$0.hasPrefix("{") }.count }
    }
}

// MARK: - A small JSON value and schema checker

enum JSONValue: Decodable, Equatable, CustomStringConvertible, ExpressibleByStringLiteral {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(stringLiteral value: String) { self = .string(value) }

    static func ref(_ schema: String) -> JSONValue { .object(["$ref": .string("#/components/schemas/\(schema)")]) }

    /// The `id` of an object (or "missing").
    var id: String { self["id"]?.stringValue ?? "missing" }

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    subscript(key: String) -> JSONValue? { if case let .object(o) = self { o[key] } else { nil } }
    subscript(index: Int) -> JSONValue? { if case let .array(a) = self, a.indices.contains(index) { a[index] } else { nil } }
    var stringValue: String? { if case let .string(s) = self { s } else { nil } }
    var arrayValue: [JSONValue]? { if case let .array(a) = self { a } else { nil } }
    var objectValue: [String: JSONValue]? { if case let .object(o) = self { o } else { nil } }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case let .number(n): n.rounded() == n ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case let .bool(b): "\(b)"
        case let .number(n): n.rounded() == n && abs(n) < 1e15 ? "\(Int(n))" : "\(n)"
        case let .string(s): "\"\(s)\""
        case let .array(a): "[\(a.count) items]"
        case let .object(o): "{\(o.keys.sorted().joined(separator: ", "))}"
        }
    }
}

/// Checks JSON values against the subset of JSON Schema the document uses.
struct SchemaChecker {
    var schemas: [String: JSONValue]

    func check(_ value: JSONValue, against schema: JSONValue, at path: String, _ problems: inout [String]) {
        if let ref = schema["$ref"]?.stringValue {
            let name = String(ref.split(separator: "/").last ?? "")
            guard let target = schemas[name] else { problems.append("\(path): $ref \(ref) is not defined"); return }
            check(value, against: target, at: path, &problems)
            return
        }
        for key in ["anyOf", "oneOf"] {
            if let options = schema[key]?.arrayValue {
                let matches = options.filter { option in
                    var local: [String] = []
                    check(value, against: option, at: path, &local)
                    return local.isEmpty
                }
                if matches.isEmpty { problems.append("\(path): \(value) matches none of \(key)") }
            }
        }
        if let type = schema["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue].compactMap { $0 }
            let actual = value.typeName
            guard allowed.contains(actual) || (actual == "integer" && allowed.contains("number")) else {
                problems.append("\(path): \(value) is \(actual), documented \(allowed.joined(separator: "|"))")
                return
            }
        }
        if let constant = schema["const"], constant != value { problems.append("\(path): \(value) is not \(constant)") }
        if let values = schema["enum"]?.arrayValue, !values.contains(value) {
            problems.append("\(path): \(value) is not one of \(values)")
        }
        if case let .string(text) = value, let format = schema["format"]?.stringValue {
            switch format {
            case "uuid" where UUID(uuidString: text) == nil: problems.append("\(path): \(value) is not a UUID")
            case "date-time" where DateCoding.parseISO(text) == nil: problems.append("\(path): \(value) is not an ISO 8601 date-time")
            default: break
            }
        }
        if case let .object(members) = value {
            let properties = schema["properties"]?.objectValue ?? [:]
            for case let .string(required) in schema["required"]?.arrayValue ?? [] where members[required] == nil {
                problems.append("\(path): required property '\(required)' is missing")
            }
            let additional = schema["additionalProperties"]
            for (key, member) in members {
                if let property = properties[key] {
                    check(member, against: property, at: "\(path).\(key)", &problems)
                } else if case .object? = additional {
                    check(member, against: additional ?? .null, at: "\(path).\(key)", &problems)
                } else if additional == .bool(true) {
                    continue
                } else if !properties.isEmpty || additional == .bool(false) {
                    problems.append("\(path): property '\(key)' is not documented")
                }
            }
        }
        if case let .array(items) = value, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() {
                check(item, against: itemSchema, at: "\(path)[\(index)]", &problems)
            }
        }
    }
}
