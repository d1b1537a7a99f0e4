import Foundation
import Testing
import TrucCore
import TrucTestSupport
@testable import TrucNet

@Suite("TLSProbe on loopback")
struct TLSProbeTests {
    private let day: TimeInterval = 86_400

    /// Serves a certificate valid from 30 days ago until `now + expiresIn` and probes it.
    private func probe(expiresIn: TimeInterval, now: Date, host: String = "127.0.0.1") async throws
        -> (ProbeResult, SelfSignedCertificate)
    {
        let cert = try SelfSignedCertificate.make(notBefore: now - 30 * day, notAfter: now + expiresIn)
        let server = try await LoopbackHTTPServer.start(group: Loopback.group, tls: cert) { _ in (200, "ok", 0) }
        let result = await TLSProbe(group: Loopback.group).run(
            host: host, port: server.port, settings: MonitorSettings(), timeout: .seconds(5), outbound: Loopback.outbound, now: now)
        await server.stop()
        return (result, cert)
    }

    @Test func sixtyDaysLeftIsUp() async throws {
        let now = Date()
        let (result, cert) = try await probe(expiresIn: 60 * day, now: now)
        #expect(result.outcome == .up)
        let expiresAt = try #require(result.certificateExpiresAt)
        // Certificates carry whole seconds.
        #expect(abs(expiresAt.timeIntervalSince(cert.notAfter)) < 1)
    }

    @Test func fiveDaysLeftIsDegraded() async throws {
        let (result, _) = try await probe(expiresIn: 5 * day, now: Date())
        #expect(result.outcome == .degraded)
        #expect(result.certificateExpiresAt != nil)
    }

    @Test func expiredYesterdayIsDown() async throws {
        let (result, _) = try await probe(expiresIn: -day, now: Date())
        #expect(result.outcome == .down)
        #expect(result.certificateExpiresAt != nil)
    }

    @Test func hostNameIsSentAsSNIWithoutBreakingTheHandshake() async throws {
        let (result, _) = try await probe(expiresIn: 60 * day, now: Date(), host: "localhost")
        // "localhost" may resolve to ::1 first; the server listens on 127.0.0.1 only, happy eyeballs falls back.
        #expect(result.outcome == .up)
    }

    @Test func plainTCPServerIsDown() async throws {
        let server = try await LoopbackTCPServer.start(group: Loopback.group)
        let result = await TLSProbe(group: Loopback.group).run(
            host: "127.0.0.1", port: server.port, settings: MonitorSettings(), timeout: .seconds(5), outbound: Loopback.outbound)
        await server.stop()
        #expect(result.outcome == .down)
        #expect(result.message.hasPrefix("TLS: "))
    }

    @Test func plainHTTPServerIsDownWithHandshakeFailure() async throws {
        let server = try await LoopbackHTTPServer.start(group: Loopback.group) { _ in (200, "plain", 0) }
        let result = await TLSProbe(group: Loopback.group).run(
            host: "127.0.0.1", port: server.port, settings: MonitorSettings(), timeout: .seconds(5), outbound: Loopback.outbound)
        await server.stop()
        #expect(result.outcome == .down)
        #expect(result.message.hasPrefix("TLS: "))
        #expect(result.certificateExpiresAt == nil)
    }

    @Test func silentServerTimesOut() async throws {
        // Accepts and holds the connection without ever answering the ClientHello.
        let server = try await LoopbackTCPServer.start(group: Loopback.group, holdConnections: true)
        let result = await TLSProbe(group: Loopback.group).run(
            host: "127.0.0.1", port: server.port, settings: MonitorSettings(), timeout: .milliseconds(300), outbound: Loopback.outbound)
        await server.stop()
        #expect(result.outcome == .down)
        #expect(result.message == "timeout after 300 ms")
    }

    @Test func refused() async throws {
        let port = try await Loopback.unusedPort()
        let result = await TLSProbe(group: Loopback.group).run(
            host: "127.0.0.1", port: port, settings: MonitorSettings(), timeout: .seconds(5), outbound: Loopback.outbound)
        #expect(result.outcome == .down)
        #expect(result.message == "connection refused")
    }
}
