import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TrucCore

/// Sends one webhook delivery: a POST of a JSON body, signed with ``WebhookSignature``.
///
/// Headers: `Content-Type: application/json`, `User-Agent: TrucATTT-webhook/1`, `X-Truc-Event` (event type),
/// `X-Truc-Delivery` (event id, the same on every retry so a receiver can de-duplicate) and
/// `X-Truc-Signature` (`t=<unix>,v1=<hex>`). One attempt per call; the retry schedule is the caller's.
///
/// Redirects are not followed (a followed 301/302 would turn the POST into a GET without body, and each hop would
/// need its own policy check): a 3xx answer is a failure that is not retryable.
///
/// Outbound policy: the receiver's host goes through the `OutboundGuard` before each attempt, and the POST goes to a
/// checked address only (`PinnedHTTPClients`); a refused receiver fails without retry and with a neutral message.
public struct WebhookSender: Sendable {
    /// Sent as `User-Agent`.
    public static let userAgent = "TrucATTT-webhook/1"
    /// Most bytes of the receiver's answer read (and discarded) so the connection can be reused.
    static let drainBytes = 64 << 10

    private let clients: PinnedHTTPClients

    /// Sends with `clients`, which the caller owns and shuts down; make them with ``configuration()``.
    public init(clients: PinnedHTTPClients) {
        self.clients = clients
    }

    /// A client configuration suited to webhooks: redirects not followed, and a failed connection attempt fails
    /// the delivery at once (reported as e.g. "connection refused") instead of being retried in the background
    /// until the timeout.
    public static func configuration() -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// POSTs `body` to `url` once, within `timeout` (answer head and at most 64 KiB of its body), if `outbound`
    /// allows the receiver. Never throws. The signature timestamp is `now`.
    public func deliver(
        url: URL, body: [UInt8], secret: String, eventID: String, eventType: String, timeout: Duration,
        outbound: OutboundGuard, now: Date = Date()
    ) async -> WebhookDeliveryResult {
        guard let host = HTTPProbe.hostOf(url) else {
            return WebhookDeliveryResult(success: false, statusCode: nil, message: "invalid URL", retryable: false)
        }
        let timestamp = Int(now.timeIntervalSince1970.rounded(.down))
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: Self.userAgent)
        request.headers.add(name: "X-Truc-Event", value: eventType)
        request.headers.add(name: "X-Truc-Delivery", value: eventID)
        request.headers.add(
            name: "X-Truc-Signature", value: WebhookSignature.sign(body: body, secret: secret, timestamp: timestamp))
        request.body = .bytes(body)
        let clients = self.clients
        do {
            let status = try await TimeLimit.run(timeout) { [request] in
                let addresses = try await outbound.addresses(for: host, timeout: timeout)
                return try await clients.withClient(host: host, address: addresses[0]) { client in
                    let response = try await client.execute(request, timeout: timeout.timeAmount)
                    try await HTTPProbe.drain(response.body, limit: Self.drainBytes)
                    return Int(response.status.code)
                }
            }
            return Self.result(status: status)
        } catch let refusal as OutboundRefusal {
            return WebhookDeliveryResult(success: false, statusCode: nil, message: refusal.probeMessage, retryable: false)
        } catch {
            let message = ProbeErrorMessage.describe(error, timeout: timeout)
            return WebhookDeliveryResult(
                success: false, statusCode: nil, message: message, retryable: message != "invalid URL")
        }
    }

    /// Classifies a receiver's answer.
    static func result(status: Int) -> WebhookDeliveryResult {
        let message = "HTTP \(status)"
        switch status {
        case 200..<300:
            return WebhookDeliveryResult(success: true, statusCode: status, message: message, retryable: false)
        case 408, 429, 500..<600:
            return WebhookDeliveryResult(success: false, statusCode: status, message: message, retryable: true)
        default:
            return WebhookDeliveryResult(success: false, statusCode: status, message: message, retryable: false)
        }
    }
}
