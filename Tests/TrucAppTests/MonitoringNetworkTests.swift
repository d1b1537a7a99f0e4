import Fluent
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TrucCore
import TrucNet
import TrucTestSupport
import Vapor
@testable import TrucApp

/// The scheduler with the real probes, against servers on 127.0.0.1 made by the test: HTTP going down and back up,
/// TCP, a TLS certificate close to expiry (self-signed, made here) and DNS against a local stub resolver.
@Suite struct MonitoringNetworkTests {
    typealias F = MonitoringFixture

    /// An HTTP status the test can change while the server runs.
    final class Switch: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Int
        init(_ value: Int) { self.value = value }
        var status: Int {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue } }
        }
    }

    @Test func httpTcpTlsAndDnsMonitorsGoThroughTheirStates() async throws {
        try await withWorld(.sqlite) { w in
            try await F.onDuty(w, w.officerA, unit: w.deptA)
            let status = Switch(200)
            let http = try await LoopbackHTTPServer.start(group: F.group) { _ in (status: status.status, body: "Cổng thông tin: ok", delayMs: 0) }
            let tcp = try await LoopbackTCPServer.start(group: F.group)
            let cert = try SelfSignedCertificate.make(notBefore: Date().addingTimeInterval(-86400), notAfter: Date().addingTimeInterval(5 * 86400 + 3600))
            let tls = try await LoopbackHTTPServer.start(group: F.group, tls: cert) { _ in (status: 200, body: "ok", delayMs: 0) }
            let dns = try await DNSStubServer.start(records: [DNSRecord(name: "cong.so-a.gov.vn", type: .a, ttl: 60, value: "203.0.113.7")], group: F.group)

            // Loopback answers at once; the long timeout only keeps a starved machine (the whole suite on 2 cores)
            // from turning an answer into a timeout, which is what this test is not about.
            let slack = 50.0
            let web = try await F.monitor(w, name: "Cổng", target: http.url(path: "/").absoluteString, retries: 0, timeoutSeconds: slack,
                                          extra: #", "settings": {"keyword": "ok"}"#)
            let port = try await F.monitor(w, name: "TCP", kind: "tcp", target: "127.0.0.1:\(tcp.port)", retries: 0, timeoutSeconds: slack)
            let cer = try await F.monitor(w, name: "TLS", kind: "tls", target: "127.0.0.1:\(tls.port)", retries: 0, timeoutSeconds: slack)
            let name = try await F.monitor(w, name: "DNS", kind: "dns", target: "cong.so-a.gov.vn", retries: 0, timeoutSeconds: slack,
                                           extra: #", "settings": {"dnsServer": "\#(dns.address)", "dnsExpected": ["203.0.113.7"]}"#)
            let runner = NetworkProbeRunner(group: F.group, outbound: w.app.outbound)
            let scheduler = F.scheduler(w, runner)
            var clock = F.Clock()
            try await scheduler.runDueChecks(now: clock.tick())
            func state(_ id: UUID) async throws -> Monitor { try #require(try await Monitor.find(id, on: w.db)) }
            #expect(try await state(web).state == .up)
            #expect(try await state(port).state == .up)
            let tlsMonitor = try await state(cer)
            #expect(tlsMonitor.state == .degraded, "5 days left is under the 14-day warning")
            #expect(tlsMonitor.certExpiresAt.map { abs($0.timeIntervalSince(cert.notAfter)) < 2 } == true)
            #expect(tlsMonitor.lastMessage?.contains("5 days") == true, "\(tlsMonitor.lastMessage ?? "")")
            #expect(try await state(name).state == .up)

            // The web server answers 503, the TCP server stops, the DNS answer changes.
            status.status = 503
            await tcp.stop()
            dns.setRecords([DNSRecord(name: "cong.so-a.gov.vn", type: .a, ttl: 60, value: "198.51.100.1")])
            try await scheduler.runDueChecks(now: clock.tick())
            let down = try await state(web)
            #expect(down.state == .down && down.lastMessage?.contains("503") == true)
            #expect(try await state(port).state == .down)
            let wrong = try await state(name)
            #expect(wrong.state == .down && wrong.lastMessage?.contains("203.0.113.7") == true, "\(wrong.lastMessage ?? "")")
            #expect(try await MonitorAlert.query(on: w.db).filter(\.$event == .down).count() == 3)

            // Back up: two good answers end the outage.
            status.status = 200
            try await scheduler.runDueChecks(now: clock.tick())
            try await scheduler.runDueChecks(now: clock.tick())
            #expect(try await state(web).state == .up)
            let recovery = try await MonitorAlert.query(on: w.db).filter(\.$monitor.$id == web).filter(\.$event == .up).all()
            #expect(recovery.count == 1)

            try await runner.shutdown()
            await http.stop()
            await tls.stop()
            try await dns.stop()
        }
    }

    @Test func theLoopRunsChecksAsTheyFallDueAndStopsWhenCancelled() async throws {
        try await withWorld(.sqlite) { w in
            let http = try await LoopbackHTTPServer.start(group: F.group) { _ in (status: 200, body: "ok", delayMs: 0) }
            let id = try await F.monitor(w, target: http.url(path: "/").absoluteString, retries: 0)
            // Due now.
            try await Monitor.query(on: w.db).filter(\.$id == id).set(\.$nextDueAt, to: Date().addingTimeInterval(-1)).update()
            let runner = NetworkProbeRunner(group: F.group, outbound: w.app.outbound)
            let scheduler = MonitorScheduler(db: w.db, runner: runner, alerts: AlertRouter(timeZone: w.app.config.timeZone),
                                             owner: "loop", pollInterval: .milliseconds(20), flushInterval: .milliseconds(20))
            let task = Task { await scheduler.run() }
            var checked = false
            for _ in 0..<200 {
                try await Task.sleep(for: .milliseconds(25))
                if try await Monitor.find(id, on: w.db)?.lastCheckedAt != nil { checked = true; break }
            }
            task.cancel()
            await task.value
            #expect(checked)
            let monitor = try #require(try await Monitor.find(id, on: w.db))
            #expect(monitor.state == .up && monitor.leaseOwner == nil)
            #expect(monitor.nextDueAt > Date(), "the next check is one interval later")
            #expect(await scheduler.stats.probes == 1)
            try await runner.shutdown()
            await http.stop()
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoRunningSchedulerLoopsShareTheDueChecksWithoutDoubles(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let http = try await LoopbackHTTPServer.start(group: F.group) { _ in (status: 503, body: "", delayMs: 5) }
            try await F.onDuty(w, w.officerA, unit: w.deptA)
            var ids: [UUID] = []
            for index in 0..<40 {
                ids.append(try await F.monitor(w, name: "M\(index)", target: http.url(path: "/\(index)").absoluteString, retries: 0))
            }
            // All due now; each loop polls every 20 ms and may take 10 checks per claim.
            try await Monitor.query(on: w.db).set(\.$nextDueAt, to: Date().addingTimeInterval(-1)).update()
            let runner = NetworkProbeRunner(group: F.group, outbound: w.app.outbound)
            func loop(_ owner: String) -> MonitorScheduler {
                MonitorScheduler(db: w.db, runner: runner, alerts: AlertRouter(timeZone: w.app.config.timeZone), owner: owner,
                                 claimBatch: 10, pollInterval: .milliseconds(20), flushInterval: .milliseconds(20))
            }
            let a = loop("loop-a"), b = loop("loop-b")
            let tasks = [Task { await a.run() }, Task { await b.run() }]
            for _ in 0..<400 {
                try await Task.sleep(for: .milliseconds(25))
                let unchecked = try await Monitor.query(on: w.db).filter(\.$lastCheckedAt == nil).count()
                let leased = try await Monitor.query(on: w.db).filter(\.$leaseOwner != nil).count()
                if unchecked == 0 && leased == 0 { break }
            }
            for task in tasks { task.cancel() }
            for task in tasks { await task.value }
            let (statsA, statsB) = (await a.stats, await b.stats)
            #expect(statsA.probes + statsB.probes == ids.count, "\(statsA.probes) + \(statsB.probes) probes for \(ids.count) monitors")
            #expect(statsA.lostLeases + statsB.lostLeases == 0)
            for id in ids { #expect(try await F.resultCount(w, monitor: id) == 1) }
            #expect(try await MonitorAlert.query(on: w.db).count() == ids.count, "one alert per monitor")
            try await runner.shutdown()
            await http.stop()
        }
    }
}
