import Foundation
import TrucCore
import TrucNet

/// Sends alert messages. `NetworkAlertTransport` uses SMTP and HTTPS; tests use the same one pointed at loopback.
protocol AlertTransport: Sendable {
    /// Throws `SMTPError` (see `isPermanent`) or `AlertTransportError`.
    func sendMail(_ message: MailMessage) async throws
    /// Posts to a webhook of `unitID`, under that unit's outbound policy.
    func postWebhook(url: URL, body: [UInt8], secret: String, eventID: String, eventType: String, unitID: UUID) async -> WebhookDeliveryResult
    /// The From address of e-mails.
    var mailFrom: MailAddress { get }
}

enum AlertTransportError: Error, CustomStringConvertible {
    case mailNotConfigured

    var description: String {
        switch self {
        case .mailNotConfigured: "no SMTP server configured (set TRUC_SMTP_HOST)"
        }
    }
}
