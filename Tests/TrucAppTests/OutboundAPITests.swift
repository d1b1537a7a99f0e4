import Fluent
import Foundation
import NIOHTTP1
import Testing
import TrucCore
import TrucNet
import TrucTestSupport
import Vapor
import VaporTesting
@testable import TrucApp

/// The outbound policy in the app: targets refused when saved (422 naming the field), the coordinator's allow-list
/// (API, page, audit), and the checks again at connection time (a name that changes, an entry removed, a redirect).
/// Every server here is on loopback; refused destinations are never contacted.
@Suite struct OutboundAPITests {
    typealias O = OutboundFixture
    typealias F = MonitoringFixture

    /// The targets of issue 11 (and a few more forms), with the field and what the 422 must say.
    static let refusedMonitors: [(kind: String, target: String, settings: String, field: String, says: String)] = [
        ("http", "http://169.254.169.254/latest/meta-data/", "{}", "target", "metadata"),
        ("http", "http://[::ffff:169.254.169.254]/", "{}", "target", "metadata"),
        ("http", "http://metadata.google.internal/computeMetadata/v1/", "{}", "target", "metadata"),
        ("http", "http://0.0.0.0/", "{}", "target", "unspecified"),
        ("http", "http://localhost:8080/", "{}", "target", "loopback"),
        ("http", "http://[::1]/", "{}", "target", "loopback"),
        ("http", "http://0x7f000001/", "{}", "target", "loopback"),
        ("http", "http://2130706433/", "{}", "target", "IPv4"),
        ("http", "http://10.1.2.3/admin", "{}", "target", "private"),
        ("http", "http://db.internal/", "{}", "target", "internal name"),
        ("tcp", "192.168.1.1:3389", "{}", "target", "private"),
        ("tcp", "[fd00::1]:22", "{}", "target", "private"),
        ("tcp", "127.0.0.1:22", "{}", "target", "loopback"),
        ("tcp", "[fe80::1]:22", "{}", "target", "link-local"),
        ("tls", "169.254.169.254:443", "{}", "target", "metadata"),
        ("tls", "100.64.0.1", "{}", "target", "private"),
        ("dns", "example.org", #"{"dnsServer": "169.254.169.254:53"}"#, "dnsServer", "metadata"),
        ("dns", "example.org", #"{"dnsServer": "127.0.0.1:53"}"#, "dnsServer", "loopback"),
        ("dns", "example.org", #"{"dnsServer": "[::ffff:10.0.0.1]"}"#, "dnsServer", "private"),
    ]

    @Test(arguments: TestDatabase.available)
    func internalMonitorTargetsAreRefusedWhenSavedNamingTheFieldAndHowToAllowThem(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await O.clearAllowList(w)
            for item in Self.refusedMonitors {
                let (status, body) = try await O.send(w, .POST, "/api/v1/units/\(w.deptA.id!)/monitors", by: w.adminA,
                                                      json: O.monitorJSON(kind: item.kind, target: item.target, settings: item.settings))
                #expect(status == .unprocessableEntity, "\(item.target): \(status) \(body)")
                #expect(body.contains(item.says), "\(item.target): \(body)")
                if item.says != "IPv4" { #expect(body.contains("\(item.field):"), "\(item.target): the field is named: \(body)") }
                if item.says != "IPv4" && !["metadata", "link-local", "unspecified"].contains(item.says) {
                    #expect(body.contains("allow-list"), "\(item.target): how to allow it is said: \(body)")
                }
            }
            #expect(try await Monitor.query(on: w.db).count() == 0)
            // A changed monitor is checked too.
            try await O.allow(w, "127.0.0.1/32")
            let id = try await F.monitor(w, kind: "tcp", target: "127.0.0.1:22")
            let (status, body) = try await O.send(w, .PUT, "/api/v1/monitors/\(id)", by: w.adminA,
                                                  json: O.monitorJSON(kind: "tcp", target: "169.254.169.254:80"))
            #expect(status == .unprocessableEntity && body.contains("target:"))
            #expect(try await Monitor.find(id, on: w.db)?.target == "127.0.0.1:22")
        }
    }

    @Test(arguments: TestDatabase.available)
    func internalWebhooksAreRefusedWhenSaved(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await O.clearAllowList(w)
            for url in ["http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/", "http://metadata.google.internal/",
                        "http://0.0.0.0/", "http://localhost/", "http://[::1]/", "http://2130706433/", "http://0177.0.0.1/",
                        "http://10.0.0.1/hook", "https://192.168.10.5/", "http://[fc00::5]/"] {
                let (status, body) = try await O.send(w, .POST, "/api/v1/units/\(w.deptA.id!)/webhooks", by: w.adminA,
                                                      json: #"{"name": "SOC", "url": "\#(url)"}"#)
                #expect(status == .unprocessableEntity && body.contains("url:"), "\(url): \(status) \(body)")
            }
            #expect(try await Webhook.query(on: w.db).count() == 0)
            // Once the coordinator allows the range for Sở A, Sở A may add it; Sở B still may not.
            try await O.allow(w, "10.0.0.0/24", unit: w.deptA)
            var (status, _) = try await O.send(w, .POST, "/api/v1/units/\(w.deptA.id!)/webhooks", by: w.adminA,
                                               json: #"{"name": "SOC", "url": "http://10.0.0.1/hook"}"#)
            #expect(status == .created)
            (status, _) = try await O.send(w, .POST, "/api/v1/units/\(w.deptB.id!)/webhooks", by: w.adminB,
                                           json: #"{"name": "SOC", "url": "http://10.0.0.1/hook"}"#)
            #expect(status == .unprocessableEntity)
            // A name that does not resolve here is accepted, and checked at each delivery.
            (status, _) = try await O.send(w, .POST, "/api/v1/units/\(w.deptB.id!)/webhooks", by: w.adminB,
                                           json: #"{"name": "SOC", "url": "https://soc.example.gov.vn/hook"}"#)
            #expect(status == .created)
        }
    }

    @Test(arguments: TestDatabase.available)
    func allowedRangesAndNamesOpenPrivateTargetsPerUnitOrProvince(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await O.clearAllowList(w)
            func save(_ unit: OrgUnit, _ admin: Person, _ kind: String, _ target: String) async throws -> HTTPStatus {
                try await O.send(w, .POST, "/api/v1/units/\(unit.id!)/monitors", by: admin, json: O.monitorJSON(kind: kind, target: target)).0
            }
            #expect(try await save(w.deptA, w.adminA, "tcp", "10.1.2.3:22") == .unprocessableEntity)
            try await O.allow(w, "10.1.2.0/24", unit: w.deptA)
            #expect(try await save(w.deptA, w.adminA, "tcp", "10.1.2.3:22") == .created)
            #expect(try await save(w.deptA, w.adminA, "tcp", "10.1.3.3:22") == .unprocessableEntity, "outside the range")
            #expect(try await save(w.deptB, w.adminB, "tcp", "10.1.2.3:22") == .unprocessableEntity, "another unit's entry")
            #expect(try await save(w.agencyA1, w.adminA, "tcp", "10.1.2.3:22") == .unprocessableEntity, "a unit's entry is for that unit only")
            try await O.allow(w, "192.168.0.0/16")
            #expect(try await save(w.deptB, w.adminB, "http", "http://192.168.7.8:8080/") == .created, "a province entry applies everywhere")
            // Loopback: only by its own range, and only the addresses it covers.
            #expect(try await save(w.deptA, w.adminA, "http", "http://localhost:8080/") == .unprocessableEntity)
            try await O.allow(w, "127.0.0.1/32")
            #expect(try await save(w.deptA, w.adminA, "http", "http://localhost:8080/") == .created)
            #expect(try await save(w.deptA, w.adminA, "http", "http://[::1]:8080/") == .unprocessableEntity)
            // Nothing opens the metadata service.
            #expect(try await save(w.deptA, w.adminA, "http", "http://169.254.169.254/") == .unprocessableEntity)
        }
    }

    @Test(arguments: TestDatabase.available)
    func namesAreResolvedWhenSaved(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let stub = try await DNSStubServer.start(records: [
                DNSRecord(name: "app.example.org", type: .a, ttl: 60, value: "127.0.0.1"),
                DNSRecord(name: "intranet.so-a.gov.vn", type: .a, ttl: 60, value: "10.9.8.7"),
                DNSRecord(name: "cong.so-a.gov.vn", type: .a, ttl: 60, value: "203.113.131.5"),
            ], group: F.group)
            O.resolveWith(w, stub)
            try await O.clearAllowList(w)
            var (status, body) = try await O.send(w, .POST, "/api/v1/units/\(w.deptA.id!)/monitors", by: w.adminA,
                                                  json: O.monitorJSON(kind: "http", target: "http://app.example.org/"))
            #expect(status == .unprocessableEntity)
            #expect(body.contains("the name app.example.org resolves to a loopback address"), "\(body)")
            #expect(!body.contains("127.0.0.1"), "the resolved address is not disclosed")
            (status, body) = try await O.send(w, .POST, "/api/v1/units/\(w.deptA.id!)/webhooks", by: w.adminA,
                                              json: #"{"name": "Nội bộ", "url": "https://intranet.so-a.gov.vn/hook"}"#)
            #expect(status == .unprocessableEntity && body.contains("private address") && !body.contains("10.9.8.7"), "\(body)")
            // Allowed by name, for Sở A.
            try await O.allow(w, "intranet.so-a.gov.vn", unit: w.deptA)
            (status, _) = try await O.send(w, .POST, "/api/v1/units/\(w.deptA.id!)/webhooks", by: w.adminA,
                                           json: #"{"name": "Nội bộ", "url": "https://intranet.so-a.gov.vn/hook"}"#)
            #expect(status == .created)
            // A public name, and a name that does not resolve (accepted, checked at connection time).
            for target in ["https://cong.so-a.gov.vn/", "https://chua-co.so-a.gov.vn/"] {
                (status, body) = try await O.send(w, .POST, "/api/v1/units/\(w.deptA.id!)/monitors", by: w.adminA,
                                                  json: O.monitorJSON(kind: "http", target: target))
                #expect(status == .created, "\(target): \(body)")
            }
            try await stub.stop()
        }
    }

    @Test(arguments: TestDatabase.available)
    func onlyTheCoordinatorChangesTheListEveryoneReadsTheirScopeAndChangesAreAudited(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await O.clearAllowList(w)
            let body = #"{"value": "10.0.0.0/8", "note": "x"}"#
            #expect(try await O.send(w, .POST, "/api/v1/outbound-allow-list", by: w.adminA, json: body).0 == .forbidden)
            #expect(try await O.send(w, .POST, "/api/v1/outbound-allow-list", by: w.auditor, json: body).0 == .forbidden)
            let province = try await O.allow(w, "10.0.0.0/8", note: "Mạng WAN tỉnh")
            let deptA = try await O.allow(w, "*.so-a.gov.vn", unit: w.deptA, note: "Hệ thống Sở A")
            let deptB = try await O.allow(w, "172.20.0.0/16", unit: w.deptB, note: "Mạng Sở B")
            func ids(_ person: Person, query: String = "") async throws -> Set<String> {
                let (status, text) = try await O.send(w, .GET, "/api/v1/outbound-allow-list\(query)", by: person)
                #expect(status == .ok)
                let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                return Set(((object?["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
            }
            let all = Set([province, deptA, deptB].map { $0.uuidString })
            #expect(try await ids(w.coordinator) == all)
            #expect(try await ids(w.auditor) == all)
            #expect(try await ids(w.adminA) == Set([province, deptA].map { $0.uuidString }), "Sở A does not see Sở B's entries")
            #expect(try await ids(w.adminB, query: "?unitID=\(w.deptA.id!)") == Set([province.uuidString]))
            #expect(try await O.send(w, .GET, "/api/v1/outbound-allow-list?unitID=x", by: w.adminA).0 == .badRequest)

            // Bad entries: every problem named.
            for (value, note, fields) in [("169.254.0.0/16", "x", ["value:", "link-local"]), ("0.0.0.0/0", "x", ["value:"]),
                                          ("10.1.2.3/16", "x", ["value:", "10.1.0.0/16"]), ("10.0.0.0/8", "x", ["already"]),
                                          ("localhost", "x", ["value:", "127.0.0.1/32"]), ("11.0.0.0/8", " ", ["note:"])] {
                let (status, text) = try await O.send(w, .POST, "/api/v1/outbound-allow-list", by: w.coordinator,
                                                      json: #"{"value": "\#(value)", "note": "\#(note)"}"#)
                #expect(status == .unprocessableEntity, "\(value): \(text)")
                for field in fields { #expect(text.contains(field), "\(value): \(text)") }
            }
            let (status, text) = try await O.send(w, .POST, "/api/v1/outbound-allow-list", by: w.coordinator,
                                                  json: #"{"value": "10.5.0.0/16", "note": "x", "unitID": "\#(UUID())"}"#)
            #expect(status == .unprocessableEntity && text.contains("unitID:"))

            #expect(try await O.send(w, .DELETE, "/api/v1/outbound-allow-list/\(deptB)", by: w.adminB).0 == .forbidden)
            #expect(try await O.send(w, .DELETE, "/api/v1/outbound-allow-list/\(deptB)", by: w.coordinator).0 == .noContent)
            #expect(try await O.send(w, .DELETE, "/api/v1/outbound-allow-list/\(deptB)", by: w.coordinator).0 == .notFound)
            let added = try await RosterFixture.audits(w, "outbound.allow")
            #expect(added.count == 3 && added.allSatisfy { $0.actorID == w.coordinator.id })
            #expect(added.contains { $0.unitID == w.deptA.id && ($0.after ?? "").contains("*.so-a.gov.vn") })
            let removed = try await RosterFixture.audits(w, "outbound.disallow")
            #expect(removed.count == 1 && (removed.first?.before ?? "").contains("172.20.0.0/16"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theCoordinatorKeepsTheListOnItsPage(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            var coordinator = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            var page = try await coordinator.get("/outbound")
            #expect(page.status == .ok && page.body.string.contains("name=\"value\"") && page.body.string.contains("127.0.0.0/8"))
            var res = try await coordinator.post("/outbound", form: ["value": "10.30.0.0/16", "unitID": w.deptA.id!.uuidString, "note": "Mạng Sở A"])
            #expect(res.status == .seeOther)
            let entry = try #require(try await OutboundAllowRecord.query(on: w.db).filter(\.$value == "10.30.0.0/16").first())
            #expect(entry.unitID == w.deptA.id)
            res = try await coordinator.post("/outbound", form: ["value": "169.254.169.254", "unitID": "", "note": "x"])
            #expect(res.status == .unprocessableEntity && res.body.string.contains("link-local"))
            res = try await coordinator.post("/outbound", form: ["value": "10.31.0.0/16", "note": "x"], csrf: false)
            #expect(res.status == .forbidden, "the CSRF field is required")
            page = try await coordinator.get("/outbound")
            #expect(page.body.string.contains("10.30.0.0/16") && page.body.string.contains("Sở A"))

            var admin = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            page = try await admin.get("/outbound")
            #expect(page.status == .ok && page.body.string.contains("10.30.0.0/16") && !page.body.string.contains("name=\"value\""))
            res = try await admin.post("/outbound", form: ["value": "10.32.0.0/16", "note": "x"])
            #expect(res.status == .forbidden)
            res = try await admin.post("/outbound/\(entry.id!)/delete", form: [:])
            #expect(res.status == .forbidden)
            res = try await coordinator.post("/outbound/\(entry.id!)/delete", form: [:])
            #expect(res.status == .seeOther)
            #expect(try await OutboundAllowRecord.find(entry.id!, on: w.db) == nil)
        }
    }

    /// At connection time: a name that now points inside, a redirect to the metadata address, an entry removed.
    @Test func checksRunAgainAtEveryConnection() async throws {
        try await withWorld(.sqlite) { w in
            let log = NIOLockedRequests()
            let server = try await LoopbackHTTPServer.start(group: F.group) { head in
                log.add(head.uri)
                return head.uri == "/redirect" ? (status: 302, body: "http://169.254.169.254/latest/meta-data/", delayMs: 0)
                    : (status: 200, body: "ok", delayMs: 0)
            }
            let stub = try await DNSStubServer.start(records: [DNSRecord(name: "portal.example.org", type: .a, ttl: 60, value: "127.0.0.1")],
                                                     group: F.group)
            O.resolveWith(w, stub)
            let named = try await F.monitor(w, name: "Theo tên", target: "http://portal.example.org:\(server.port)/named", retries: 0,
                                            extra: #", "settings": {"keyword": "ok"}"#)
            let redirect = try await F.monitor(w, name: "Chuyển hướng", target: server.url(path: "/redirect").absoluteString, retries: 0)
            let literal = try await F.monitor(w, name: "Địa chỉ", target: server.url(path: "/literal").absoluteString, retries: 0)
            let runner = NetworkProbeRunner(group: F.group, outbound: w.app.outbound)
            let scheduler = F.scheduler(w, runner)
            var clock = F.Clock()
            func state(_ id: UUID) async throws -> Monitor { try #require(try await Monitor.find(id, on: w.db)) }

            try await scheduler.runDueChecks(now: clock.tick())
            #expect(try await state(named).state == .up)
            #expect(try await state(literal).state == .up)
            let redirected = try await state(redirect)
            #expect(redirected.state == .down)
            #expect(redirected.lastMessage == "redirect blocked by the outbound policy: cloud metadata service", "\(redirected.lastMessage ?? "")")
            #expect(log.all.filter { $0 == "/redirect" }.count == 1 && !log.all.contains("/latest/meta-data/"))

            // The name now points at a private address: refused at the next check, nothing sent.
            stub.setRecords([DNSRecord(name: "portal.example.org", type: .a, ttl: 60, value: "10.0.0.9")])
            let before = log.all.count
            try await scheduler.runDueChecks(now: clock.tick())
            let rebound = try await state(named)
            #expect(rebound.state == .down)
            #expect(rebound.lastMessage == "blocked by the outbound policy: the name resolves to a private address, not on the allow-list")
            #expect(!(rebound.lastMessage ?? "").contains("10.0.0.9"))
            #expect(log.all.count == before + 2, "only the literal and the redirect start were requested")

            // The coordinator removes the loopback entries: the literal target is refused from the next check.
            for record in try await OutboundAllowRecord.query(on: w.db).all() {
                #expect(try await O.send(w, .DELETE, "/api/v1/outbound-allow-list/\(record.id!)", by: w.coordinator).0 == .noContent)
            }
            try await scheduler.runDueChecks(now: clock.tick())
            let removed = try await state(literal)
            #expect(removed.state == .down && removed.lastMessage?.contains("loopback") == true, "\(removed.lastMessage ?? "")")
            try await runner.shutdown()
            await server.stop()
            try await stub.stop()
        }
    }

    @Test func aDNSMonitorsOwnResolverIsCheckedBeforeEachQuery() async throws {
        try await withWorld(.sqlite) { w in
            let stub = try await DNSStubServer.start(records: [DNSRecord(name: "cong.so-a.gov.vn", type: .a, ttl: 60, value: "203.113.131.5")],
                                                     group: F.group)
            let id = try await F.monitor(w, name: "DNS", kind: "dns", target: "cong.so-a.gov.vn", retries: 0,
                                         extra: #", "settings": {"dnsServer": "\#(stub.address)"}"#)
            let runner = NetworkProbeRunner(group: F.group, outbound: w.app.outbound)
            let scheduler = F.scheduler(w, runner)
            var clock = F.Clock()
            try await scheduler.runDueChecks(now: clock.tick())
            #expect(try await Monitor.find(id, on: w.db)?.state == .up)
            let asked = stub.queriesReceived
            try await O.clearAllowList(w)
            try await scheduler.runDueChecks(now: clock.tick())
            let monitor = try #require(try await Monitor.find(id, on: w.db))
            #expect(monitor.state == .down)
            #expect(monitor.lastMessage == "DNS: blocked by the outbound policy: loopback address, not on the allow-list", "\(monitor.lastMessage ?? "")")
            #expect(stub.queriesReceived == asked, "no query was sent")
            try await runner.shutdown()
            try await stub.stop()
        }
    }

    @Test func webhooksAreCheckedAtEachDelivery() async throws {
        try await withWorld(.sqlite) { w in
            let log = NIOLockedRequests()
            let server = try await LoopbackHTTPServer.start(group: F.group) { head in
                log.add(head.uri)
                return (status: 204, body: "", delayMs: 0)
            }
            let (status, _) = try await O.send(w, .POST, "/api/v1/units/\(w.deptA.id!)/webhooks", by: w.adminA,
                                               json: #"{"name": "SOC", "url": "\#(server.url(path: "/hook").absoluteString)"}"#)
            #expect(status == .created)
            _ = try await F.monitor(w, retries: 0)
            try await F.scheduler(w, ScriptedProbes(.down)).runDueChecks(now: Date().addingTimeInterval(61))
            // Loopback is no longer allowed when the alert goes out.
            try await O.clearAllowList(w)
            try await F.dispatcher(w, sink: nil).deliverDue(now: F.later, on: w.db)
            let hook = try #require(try await AlertDelivery.query(on: w.db).filter(\.$channel == .webhook).first())
            #expect(hook.status == .failed && hook.attempts == 1, "refused deliveries are not retried")
            #expect(hook.lastError == "blocked by the outbound policy: loopback address, not on the allow-list", "\(hook.lastError ?? "")")
            #expect(log.all.isEmpty, "nothing reached the receiver")
            await server.stop()
        }
    }
}

/// Request paths a loopback server saw.
final class NIOLockedRequests: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String] = []
    func add(_ path: String) { lock.withLock { paths.append(path) } }
    var all: [String] { lock.withLock { paths } }
}
