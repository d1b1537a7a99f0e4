import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Testing
import TrucCore
import TrucTestSupport
@testable import TrucNet

@Suite("HTTPProbe on loopback")
struct HTTPProbeTests {
    /// Runs `body` with a probe and a server answering through `handler`; stops and shuts down both.
    private func withServer(
        tls: SelfSignedCertificate? = nil,
        handler: @escaping LoopbackHTTPServer.RequestHandler,
        _ body: (HTTPProbe, LoopbackHTTPServer) async throws -> Void
    ) async throws {
        let server = try await LoopbackHTTPServer.start(group: Loopback.group, tls: tls, requestHandler: handler)
        let probe = HTTPProbe(group: Loopback.group, maxConnectionsPerHost: 4)
        do {
            try await body(probe, server)
        } catch {
            try await probe.shutdown()
            await server.stop()
            throw error
        }
        try await probe.shutdown()
        await server.stop()
    }

    @Test func upOn200() async throws {
        let log = RequestLog()
        try await withServer(handler: { head, body in
            log.append(head, body)
            return (200, "ok", 0)
        }) { probe, server in
            let result = await probe.run(url: server.url(path: "/health"), settings: MonitorSettings(), timeout: .seconds(5), outbound: Loopback.outbound)
            #expect(result.outcome == .up)
            #expect(result.statusCode == 200)
            #expect(result.message == "")
            #expect((result.latencyMs ?? -1) >= 0)
            let seen = try #require(log.all.first)
            #expect(seen.head.uri == "/health")
            #expect(seen.head.method == .GET)
            #expect(seen.head.headers["User-Agent"] == ["TrucATTT-monitor/1"])
        }
    }

    @Test func downOn503() async throws {
        try await withServer(handler: { _, _ in (503, "maintenance", 0) }) { probe, server in
            let result = await probe.run(url: server.url(), settings: MonitorSettings(), timeout: .seconds(5), outbound: Loopback.outbound)
            #expect(result.outcome == .down)
            #expect(result.statusCode == 503)
            #expect(result.message.contains("503"))  // wording is ProbeEvaluation's
        }
    }

    @Test func expectedStatusSpecAcceptsOtherwiseFailingStatus() async throws {
        try await withServer(handler: { _, _ in (503, "", 0) }) { probe, server in
            let result = await probe.run(
                url: server.url(), settings: MonitorSettings(expectedStatus: "503"), timeout: .seconds(5), outbound: Loopback.outbound)
            #expect(result.outcome == .up)
        }
    }

    @Test func keywordPresentAndAbsent() async throws {
        try await withServer(handler: { _, _ in (200, "<html>all systems nominal</html>", 0) }) { probe, server in
            let url = server.url()
            let present = await probe.run(url: url, settings: MonitorSettings(keyword: "nominal"), timeout: .seconds(5), outbound: Loopback.outbound)
            #expect(present.outcome == .up)
            let missing = await probe.run(url: url, settings: MonitorSettings(keyword: "outage"), timeout: .seconds(5), outbound: Loopback.outbound)
            #expect(missing.outcome == .down)
            #expect(!missing.message.isEmpty)
            let mustBeAbsentOK = await probe.run(
                url: url, settings: MonitorSettings(keyword: "outage", keywordMustBeAbsent: true), timeout: .seconds(5), outbound: Loopback.outbound)
            #expect(mustBeAbsentOK.outcome == .up)
            let mustBeAbsentFound = await probe.run(
                url: url, settings: MonitorSettings(keyword: "nominal", keywordMustBeAbsent: true), timeout: .seconds(5), outbound: Loopback.outbound)
            #expect(mustBeAbsentFound.outcome == .down)
        }
    }

    @Test func bodyIsReadOnlyUpToOneMebibyte() async throws {
        let big = String(repeating: "a", count: HTTPProbe.maxBodyBytes) + "TAIL"
        try await withServer(handler: { _, _ in (200, "HEAD" + big, 0) }) { probe, server in
            let head = await probe.run(url: server.url(), settings: MonitorSettings(keyword: "HEAD"), timeout: .seconds(10), outbound: Loopback.outbound)
            #expect(head.outcome == .up)
            let tail = await probe.run(url: server.url(), settings: MonitorSettings(keyword: "TAIL"), timeout: .seconds(10), outbound: Loopback.outbound)
            #expect(tail.outcome == .down)
            #expect(!tail.message.isEmpty)
            // Without a keyword the large body is abandoned, not read: still up.
            let plain = await probe.run(url: server.url(), settings: MonitorSettings(), timeout: .seconds(10), outbound: Loopback.outbound)
            #expect(plain.outcome == .up)
        }
    }

    @Test func headMethod() async throws {
        let log = RequestLog()
        try await withServer(handler: { head, body in
            log.append(head, body)
            return (200, "body", 0)
        }) { probe, server in
            let result = await probe.run(url: server.url(), settings: MonitorSettings(method: "HEAD"), timeout: .seconds(5), outbound: Loopback.outbound)
            #expect(result.outcome == .up)
            #expect(log.all.first?.head.method == .HEAD)
        }
    }

    @Test func slowAnswerIsDegraded() async throws {
        try await withServer(handler: { _, _ in (200, "ok", 300) }) { probe, server in
            let result = await probe.run(
                url: server.url(), settings: MonitorSettings(maxLatencyMs: 50), timeout: .seconds(10), outbound: Loopback.outbound)
            #expect(result.outcome == .degraded)
            #expect((result.latencyMs ?? 0) > 50)
        }
    }

    @Test func waitingForThePerHostLimitIsNotTheTargetsLatency() async throws {
        // One place for this host. Probe A's answer takes 1.5 s; probe B, started while A holds the place, waits
        // for it, and its own answer is immediate. B's latency must be its own answer's time, not A's.
        let server = try await LoopbackHTTPServer.start(group: Loopback.group) { head in
            (200, "ok", head.uri == "/slow" ? 1500 : 0)
        }
        let probe = HTTPProbe(group: Loopback.group, maxConnectionsPerHost: 1)
        let key = try #require(HTTPProbe.gateKey(server.url()))
        async let a = probe.run(url: server.url(path: "/slow"), settings: MonitorSettings(), timeout: .seconds(30), outbound: Loopback.outbound)
        while probe.gate.active(key) == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let b = await probe.run(url: server.url(path: "/fast"), settings: MonitorSettings(), timeout: .seconds(30), outbound: Loopback.outbound)
        let first = await a
        #expect(first.outcome == .up && b.outcome == .up && !b.notChecked)
        let latencyA = try #require(first.latencyMs), latencyB = try #require(b.latencyMs)
        #expect(latencyA >= 1500, "A waited for its slow answer")
        #expect(latencyB < latencyA, "B's latency (\(latencyB) ms) does not include its wait for A's place (\(latencyA) ms)")
        #expect(b.connectMs != nil)
        try await probe.shutdown()
        await server.stop()
    }

    @Test func aProbeWithNoPlaceWithinItsTimeoutIsNotCheckedAndSendsNothing() async throws {
        let log = RequestLog()
        let server = try await LoopbackHTTPServer.start(group: Loopback.group) { head, body in
            log.append(head, body)
            return (200, "ok", 600)
        }
        let probe = HTTPProbe(group: Loopback.group, maxConnectionsPerHost: 1)
        async let first = probe.run(url: server.url(path: "/1"), settings: MonitorSettings(), timeout: .seconds(5), outbound: Loopback.outbound)
        while probe.gate.active(HTTPProbe.gateKey(server.url())!) == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let second = await probe.run(url: server.url(path: "/2"), settings: MonitorSettings(), timeout: .milliseconds(100), outbound: Loopback.outbound)
        #expect(second.notChecked)
        #expect(second.message.contains("not started"))
        #expect(await first.outcome == .up)
        #expect(log.all.map(\.head.uri) == ["/1"], "the second probe sent nothing")
        try await probe.shutdown()
        await server.stop()
    }

    @Test func noAnswerInTimeIsDownWithTimeoutMessage() async throws {
        // The server would answer 200 after 10 s; only a probe that gave up at its 300 ms limit reports down.
        try await withServer(handler: { _, _ in (200, "late", 10_000) }) { probe, server in
            let result = await probe.run(url: server.url(), settings: MonitorSettings(), timeout: .milliseconds(300), outbound: Loopback.outbound)
            #expect(result.outcome == .down)
            #expect(result.message == "timeout after 300 ms")
            #expect(result.statusCode == nil)
        }
    }

    @Test func connectionRefused() async throws {
        let port = try await Loopback.unusedPort()
        let probe = HTTPProbe(group: Loopback.group, maxConnectionsPerHost: 2)
        let result = await probe.run(
            url: URL(string: "http://127.0.0.1:\(port)/")!, settings: MonitorSettings(), timeout: .seconds(5), outbound: Loopback.outbound)
        try await probe.shutdown()
        #expect(result.outcome == .down)
        #expect(result.message == "connection refused")
    }

    @Test func redirectsAreFollowedAndJudgedOnTheFinalAnswer() async throws {
        try await withServer(handler: { head, _ in
            switch head.uri {
            case "/old": (301, "/new", 0)
            case "/new": (200, "moved here", 0)
            case "/loop": (302, "/loop", 0)
            default: (404, "", 0)
            }
        }) { probe, server in
            let moved = await probe.run(
                url: server.url(path: "/old"), settings: MonitorSettings(keyword: "moved here"), timeout: .seconds(5), outbound: Loopback.outbound)
            #expect(moved.outcome == .up)
            #expect(moved.statusCode == 200)
            let loop = await probe.run(url: server.url(path: "/loop"), settings: MonitorSettings(), timeout: .seconds(5), outbound: Loopback.outbound)
            #expect(loop.outcome == .down)
            #expect(loop.message == "redirect loop" || loop.message == "too many redirects")
        }
    }

    @Test func keepAliveConnectionsAreReused() async throws {
        try await withServer(handler: { _, _ in (200, "ok", 0) }) { probe, server in
            for _ in 0..<20 {
                let result = await probe.run(url: server.url(), settings: MonitorSettings(keyword: "ok"), timeout: .seconds(5), outbound: Loopback.outbound)
                #expect(result.outcome == .up)
            }
            #expect(server.acceptedConnections < 20)
        }
    }

    @Test func httpsSelfSignedNeedsIgnoreTLSErrors() async throws {
        let now = Date()
        let cert = try SelfSignedCertificate.make(notBefore: now - 3600, notAfter: now + 30 * 86_400)
        try await withServer(tls: cert, handler: { _, _ in (200, "secure hello", 0) }) { probe, server in
            #expect(server.url().scheme == "https")
            let ignoring = await probe.run(
                url: server.url(), settings: MonitorSettings(keyword: "secure hello", ignoreTLSErrors: true),
                timeout: .seconds(5), outbound: Loopback.outbound)
            #expect(ignoring.outcome == .up)
            #expect(ignoring.statusCode == 200)
            let verifying = await probe.run(url: server.url(), settings: MonitorSettings(), timeout: .seconds(5), outbound: Loopback.outbound)
            #expect(verifying.outcome == .down)
            #expect(verifying.message == "TLS: certificate verify failed")
        }
    }

    @Test(.enabled(if: Loopback.hasIPv6, "this machine cannot bind ::1"))
    func ipv6LoopbackURL() async throws {
        let server = try await LoopbackHTTPServer.start(group: Loopback.group, host: "::1", handler: { _ in (200, "v6", 0) })
        let probe = HTTPProbe(group: Loopback.group, maxConnectionsPerHost: 1)
        #expect(server.url(path: "/x").absoluteString == "http://[::1]:\(server.port)/x")
        let result = await probe.run(url: server.url(path: "/x"), settings: MonitorSettings(keyword: "v6"), timeout: .seconds(5), outbound: Loopback.outbound)
        try await probe.shutdown()
        await server.stop()
        #expect(result.outcome == .up)
    }

    @Test func invalidURL() async throws {
        let probe = HTTPProbe(group: Loopback.group, maxConnectionsPerHost: 1)
        let result = await probe.run(url: URL(string: "ftp://127.0.0.1/x")!, settings: MonitorSettings(), timeout: .seconds(1), outbound: Loopback.outbound)
        try await probe.shutdown()
        #expect(result.outcome == .down)
        #expect(result.message == "invalid URL")
    }
}
