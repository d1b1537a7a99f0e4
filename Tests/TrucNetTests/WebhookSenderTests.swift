import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Testing
import TrucTestSupport
@testable import TrucNet

@Suite("WebhookSender on loopback")
struct WebhookSenderTests {
    private let secret = "whsec_s3cr3t_value"
    private let body = Array(#"{"type":"monitor.down","monitor":"web"}"#.utf8)

    private func withSender(_ run: (WebhookSender) async throws -> Void) async throws {
        let clients = PinnedHTTPClients(group: Loopback.group, configuration: WebhookSender.configuration())
        do {
            try await run(WebhookSender(clients: clients))
        } catch {
            try await clients.shutdown()
            throw error
        }
        try await clients.shutdown()
    }

    @Test func deliversSignedJSON() async throws {
        let log = RequestLog()
        let server = try await LoopbackHTTPServer.start(group: Loopback.group) { head, received in
            log.append(head, received)
            return (204, "", 0)
        }
        let now = Date()
        try await withSender { sender in
            let result = await sender.deliver(
                url: server.url(path: "/hooks/truc"), body: body, secret: secret, eventID: "evt-123",
                eventType: "monitor.down", timeout: .seconds(5), outbound: Loopback.outbound, now: now)
            #expect(result == WebhookDeliveryResult(success: true, statusCode: 204, message: "HTTP 204", retryable: false))
        }
        await server.stop()

        let request = try #require(log.all.first)
        #expect(log.count == 1)
        #expect(request.head.method == .POST)
        #expect(request.head.uri == "/hooks/truc")
        #expect(request.body == body)
        #expect(request.head.headers["Content-Type"] == ["application/json"])
        #expect(request.head.headers["X-Truc-Event"] == ["monitor.down"])
        #expect(request.head.headers["X-Truc-Delivery"] == ["evt-123"])
        let signature = try #require(request.head.headers["X-Truc-Signature"].first)
        #expect(signature.hasPrefix("t=\(Int(now.timeIntervalSince1970)),v1="))
        #expect(!signature.contains(secret))
        #expect(WebhookSignature.verify(
            header: signature, body: request.body, secret: secret, now: Int(now.timeIntervalSince1970)))
    }

    @Test(arguments: [
        (500, true), (503, true), (408, true), (429, true), (400, false), (404, false), (410, false), (301, false),
    ])
    func statusDecidesRetry(status: Int, retryable: Bool) async throws {
        let server = try await LoopbackHTTPServer.start(group: Loopback.group) { _ in
            (status, status / 100 == 3 ? "/elsewhere" : "nope", 0)
        }
        try await withSender { sender in
            let result = await sender.deliver(
                url: server.url(), body: body, secret: secret, eventID: "e", eventType: "t", timeout: .seconds(5), outbound: Loopback.outbound)
            #expect(!result.success)
            #expect(result.statusCode == status)
            #expect(result.retryable == retryable)
            #expect(result.message == "HTTP \(status)")
        }
        await server.stop()
    }

    @Test func networkFailureIsRetryable() async throws {
        let port = try await Loopback.unusedPort()
        try await withSender { sender in
            let result = await sender.deliver(
                url: URL(string: "http://127.0.0.1:\(port)/hook")!, body: body, secret: secret, eventID: "e",
                eventType: "t", timeout: .seconds(5), outbound: Loopback.outbound)
            #expect(!result.success)
            #expect(result.statusCode == nil)
            #expect(result.retryable)
            #expect(result.message == "connection refused")
            #expect(!result.message.contains(secret))
        }
    }

    @Test func slowReceiverTimesOutAndIsRetryable() async throws {
        let server = try await LoopbackHTTPServer.start(group: Loopback.group) { _ in (200, "", 10_000) }
        try await withSender { sender in
            let result = await sender.deliver(
                url: server.url(), body: body, secret: secret, eventID: "e", eventType: "t",
                timeout: .milliseconds(300), outbound: Loopback.outbound)
            #expect(!result.success)
            #expect(result.retryable)
            #expect(result.message == "timeout after 300 ms")
        }
        await server.stop()
    }
}
