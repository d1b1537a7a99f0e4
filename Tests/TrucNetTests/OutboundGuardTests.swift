import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TrucCore
import TrucTestSupport
@testable import TrucNet

/// The outbound policy where connections are made: refusals come before any connection (the servers here count
/// what reaches them), redirects are checked hop by hop, and names are resolved once and connected by address.
/// Every server is on loopback; refused destinations are never contacted.
@Suite("Outbound guard on loopback")
struct OutboundGuardTests {
    static let strict = OutboundGuard(policy: .strict, resolver: StaticHostResolver())

    /// A guard whose names are answered by `stub`.
    static func viaStub(_ stub: DNSStubServer, allowLoopback: Bool) -> OutboundGuard {
        OutboundGuard(policy: allowLoopback ? Loopback.outbound.policy : .strict,
                      resolver: DNSHostResolver(client: DNSClient(group: Loopback.group), server: stub.address))
    }

    @Test func loopbackIsRefusedBeforeConnectingUnlessAllowed() async throws {
        let log = RequestLog()
        let server = try await LoopbackHTTPServer.start(group: Loopback.group) { head, body in
            log.append(head, body)
            return (200, "secret internal page", 0)
        }
        let probe = HTTPProbe(group: Loopback.group, maxConnectionsPerHost: 2)
        let port = server.port
        for url in ["http://127.0.0.1:\(port)/", "http://2130706433:\(port)/", "http://0x7f000001:\(port)/",
                    "http://0177.0.0.1:\(port)/", "http://127.1:\(port)/", "http://localhost:\(port)/"] {
            let result = await probe.run(url: URL(string: url)!, settings: MonitorSettings(keyword: "secret"), timeout: .seconds(5),
                                         outbound: Self.strict)
            #expect(result.outcome == .down, "\(url)")
            #expect(result.message.hasPrefix("blocked by the outbound policy") && result.message.contains("loopback"), "\(url): \(result.message)")
            #expect(!result.message.contains("secret") && result.statusCode == nil)
        }
        #expect(server.acceptedConnections == 0 && log.count == 0, "nothing reached the server")
        let allowed = await probe.run(url: URL(string: "http://2130706433:\(port)/")!, settings: MonitorSettings(keyword: "secret"),
                                      timeout: .seconds(5), outbound: Loopback.outbound)
        #expect(allowed.outcome == .up, "\(allowed.message)")
        try await probe.shutdown()
        await server.stop()
    }

    @Test(arguments: [
        "http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/", "http://0xa9fea9fe/",
        "http://2852039166/", "http://metadata.google.internal/computeMetadata/v1/", "http://10.0.0.1/", "http://0.0.0.0/",
        "http://[::]/", "http://192.168.1.1:8080/admin", "//169.254.169.254/",
    ])
    func redirectsToRefusedAddressesAreNotFollowed(location: String) async throws {
        let log = RequestLog()
        let server = try await LoopbackHTTPServer.start(group: Loopback.group) { head, body in
            log.append(head, body)
            return (302, location, 0)
        }
        let probe = HTTPProbe(group: Loopback.group, maxConnectionsPerHost: 2)
        let result = await probe.run(url: server.url(path: "/start"), settings: MonitorSettings(), timeout: .seconds(5),
                                     outbound: Loopback.outbound)
        try await probe.shutdown()
        await server.stop()
        #expect(result.outcome == .down)
        #expect(result.message.hasPrefix("redirect blocked by the outbound policy"), "\(result.message)")
        #expect(!result.message.contains("169.254") && !result.message.contains("10.0.0.1"))
        #expect(log.all.map(\.head.uri) == ["/start"], "only the allowed first hop was requested")
    }

    @Test func redirectsWithinAllowedHostsAreFollowed() async throws {
        let server = try await LoopbackHTTPServer.start(group: Loopback.group) { head in
            head.uri == "/a" ? (301, "/b", 0) : (200, "arrived", 0)
        }
        let probe = HTTPProbe(group: Loopback.group, maxConnectionsPerHost: 2)
        let result = await probe.run(url: server.url(path: "/a"), settings: MonitorSettings(keyword: "arrived"), timeout: .seconds(5),
                                     outbound: Loopback.outbound)
        try await probe.shutdown()
        await server.stop()
        #expect(result.outcome == .up && result.statusCode == 200)
    }

    @Test func aNameThatResolvesToLoopbackIsRefusedUnlessLoopbackIsAllowed() async throws {
        let stub = try await DNSStubServer.start(records: [DNSRecord(name: "portal.example.org", type: .a, ttl: 60, value: "127.0.0.1")],
                                                 group: Loopback.group)
        let log = RequestLog()
        let server = try await LoopbackHTTPServer.start(group: Loopback.group) { head, body in
            log.append(head, body)
            return (200, "ok", 0)
        }
        let url = URL(string: "http://portal.example.org:\(server.port)/status")!
        let probe = HTTPProbe(group: Loopback.group, maxConnectionsPerHost: 2)
        let refused = await probe.run(url: url, settings: MonitorSettings(), timeout: .seconds(5), outbound: Self.viaStub(stub, allowLoopback: false))
        #expect(refused.outcome == .down)
        #expect(refused.message == "blocked by the outbound policy: the name resolves to a loopback address, not on the allow-list")
        #expect(log.count == 0)

        // Allowed: the request goes to the checked address, still addressed to the name.
        for _ in 0..<5 {
            let allowed = await probe.run(url: url, settings: MonitorSettings(keyword: "ok"), timeout: .seconds(5),
                                          outbound: Self.viaStub(stub, allowLoopback: true))
            #expect(allowed.outcome == .up, "\(allowed.message)")
        }
        #expect(log.all.first?.head.headers["Host"] == ["portal.example.org:\(server.port)"])
        #expect(server.acceptedConnections < 5, "connections to the pinned address are reused")

        // The name now points elsewhere (DNS rebinding): checked again at the next connection, refused, not contacted.
        stub.setRecords([DNSRecord(name: "portal.example.org", type: .a, ttl: 60, value: "169.254.10.10")])
        let rebound = await probe.run(url: url, settings: MonitorSettings(), timeout: .seconds(5), outbound: Self.viaStub(stub, allowLoopback: true))
        #expect(rebound.message == "blocked by the outbound policy: the name resolves to a link-local address")
        // A name with one good and one refused address is refused as a whole.
        stub.setRecords([DNSRecord(name: "portal.example.org", type: .a, ttl: 60, value: "127.0.0.1"),
                         DNSRecord(name: "portal.example.org", type: .aaaa, ttl: 60, value: "fd00::1")])
        let mixed = await probe.run(url: url, settings: MonitorSettings(), timeout: .seconds(5), outbound: Self.viaStub(stub, allowLoopback: true))
        #expect(mixed.message.contains("private address"))
        // A name without any address.
        let missing = await probe.run(url: URL(string: "http://nowhere.example.org/")!, settings: MonitorSettings(), timeout: .seconds(5),
                                      outbound: Self.viaStub(stub, allowLoopback: true))
        #expect(missing.message == "DNS: name not found")
        try await probe.shutdown()
        await server.stop()
        try await stub.stop()
    }

    @Test func tcpAndTLSProbesCheckBeforeConnecting() async throws {
        let server = try await LoopbackTCPServer.start(group: Loopback.group)
        let tcp = TCPProbe(group: Loopback.group)
        for host in ["127.0.0.1", "localhost", "[::1]", "::ffff:127.0.0.1", "2130706433"] {
            let result = await tcp.run(host: host, port: server.port, settings: MonitorSettings(), timeout: .seconds(5), outbound: Self.strict)
            #expect(result.outcome == .down && result.message.contains("loopback"), "\(host): \(result.message)")
        }
        for host in ["169.254.169.254", "[fe80::1]", "0.0.0.0", "224.0.0.1", "10.1.2.3", "metadata.google.internal"] {
            let result = await tcp.run(host: host, port: 80, settings: MonitorSettings(), timeout: .seconds(5), outbound: Loopback.outbound)
            #expect(result.outcome == .down && result.message.hasPrefix("blocked by the outbound policy"), "\(host): \(result.message)")
        }
        #expect(server.acceptedConnections == 0)
        let allowed = await tcp.run(host: "localhost", port: server.port, settings: MonitorSettings(), timeout: .seconds(5),
                                    outbound: Loopback.outbound)
        #expect(allowed.outcome == .up)
        let tls = await TLSProbe(group: Loopback.group).run(host: "127.0.0.1", port: server.port, settings: MonitorSettings(),
                                                            timeout: .seconds(5), outbound: Self.strict)
        #expect(tls.outcome == .down && tls.message.contains("loopback"))
        // The server counts a connection when it has set it up, which may come after the client saw it open.
        for _ in 0..<100 where server.acceptedConnections == 0 { try await Task.sleep(for: .milliseconds(20)) }
        #expect(server.acceptedConnections == 1, "only the allowed TCP check connected")
        await server.stop()
    }

    @Test func webhooksToRefusedReceiversFailWithoutRetry() async throws {
        let clients = PinnedHTTPClients(group: Loopback.group, configuration: WebhookSender.configuration())
        let sender = WebhookSender(clients: clients)
        for url in ["http://169.254.169.254/hook", "http://[::ffff:a9fe:a9fe]/", "http://127.0.0.1:9/", "http://localhost:9/"] {
            let result = await sender.deliver(url: URL(string: url)!, body: [1], secret: "s", eventID: "e", eventType: "t",
                                              timeout: .seconds(5), outbound: Self.strict)
            #expect(!result.success && !result.retryable && result.statusCode == nil, "\(url)")
            #expect(result.message.hasPrefix("blocked by the outbound policy"), "\(url): \(result.message)")
        }
        try await clients.shutdown()
    }

    @Test func pinnedClientsAreKeptUpToTheirCapacity() async throws {
        let server = try await LoopbackHTTPServer.start(group: Loopback.group) { head in (200, head.headers["Host"].first ?? "", 0) }
        let clients = PinnedHTTPClients(group: Loopback.group, configuration: HTTPProbe.configuration(maxConnectionsPerHost: 1), capacity: 2)
        let loopback = IPAddress("127.0.0.1")!
        for name in ["a.example.org", "b.example.org", "c.example.org", "a.example.org"] {
            let host = try await clients.withClient(host: name, address: loopback) { client in
                let response = try await client.execute(HTTPClientRequest(url: "http://\(name):\(server.port)/"), timeout: .seconds(5))
                return String(buffer: try await response.body.collect(upTo: 1024))
            }
            #expect(host == "\(name):\(server.port)", "the request names the host, the connection goes to the checked address")
            #expect(clients.pinnedCount <= 2)
        }
        // A literal that is the checked address needs no pinned client.
        _ = try await clients.withClient(host: "127.0.0.1", address: loopback) { client in
            try await client.execute(HTTPClientRequest(url: server.url().absoluteString), timeout: .seconds(5)).status
        }
        #expect(clients.pinnedCount <= 2)
        try await clients.shutdown()
        await server.stop()
    }

    @Test func theSystemResolverReadsTheHostsFile() async throws {
        let addresses = try await SystemHostResolver(group: Loopback.group).addresses(of: "localhost", timeout: .seconds(5))
        #expect(addresses.contains { OutboundPolicy.classify($0) == .loopback })
        await #expect(throws: HostNotFound.self) {
            _ = try await StaticHostResolver().addresses(of: "example.org", timeout: .seconds(1))
        }
    }
}
