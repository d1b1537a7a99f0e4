import Testing
import TrucCore
import TrucTestSupport
@testable import TrucNet

@Suite("TCPProbe on loopback")
struct TCPProbeTests {
    @Test(arguments: [false, true])
    func upWhenAccepting(holdConnections: Bool) async throws {
        let server = try await LoopbackTCPServer.start(group: Loopback.group, holdConnections: holdConnections)
        let probe = TCPProbe(group: Loopback.group)
        let result = await probe.run(host: "127.0.0.1", port: server.port, settings: MonitorSettings(), timeout: .seconds(5), outbound: Loopback.outbound)
        await server.stop()
        #expect(result.outcome == .up)
        #expect(result.message == "")
        #expect((result.latencyMs ?? -1) >= 0)
    }

    @Test func refused() async throws {
        let port = try await Loopback.unusedPort()
        let probe = TCPProbe(group: Loopback.group)
        let result = await probe.run(host: "127.0.0.1", port: port, settings: MonitorSettings(), timeout: .seconds(5), outbound: Loopback.outbound)
        #expect(result.outcome == .down)
        #expect(result.message == "connection refused")
        #expect(result.latencyMs == nil)
    }

    @Test(.enabled(if: Loopback.hasIPv6, "this machine cannot bind ::1"))
    func ipv6Loopback() async throws {
        let server = try await LoopbackTCPServer.start(group: Loopback.group, host: "::1")
        let probe = TCPProbe(group: Loopback.group)
        let bare = await probe.run(host: "::1", port: server.port, settings: MonitorSettings(), timeout: .seconds(5), outbound: Loopback.outbound)
        let bracketed = await probe.run(host: "[::1]", port: server.port, settings: MonitorSettings(), timeout: .seconds(5), outbound: Loopback.outbound)
        await server.stop()
        #expect(bare.outcome == .up)
        #expect(bracketed.outcome == .up)
    }

    @Test func loopbackServersRefuseOtherAddresses() async {
        for host in ["0.0.0.0", "::", "localhost", "192.0.2.1"] {
            await #expect(throws: NotLoopbackAddress(host: host)) {
                _ = try await LoopbackTCPServer.start(group: Loopback.group, host: host)
            }
        }
    }

    @Test func invalidPort() async {
        let probe = TCPProbe(group: Loopback.group)
        let result = await probe.run(host: "127.0.0.1", port: 70_000, settings: MonitorSettings(), timeout: .seconds(1), outbound: Loopback.outbound)
        #expect(result.outcome == .down)
        #expect(result.message == "invalid port 70000")
    }
}
