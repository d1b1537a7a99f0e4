import AsyncHTTPClient
import Foundation
import NIOCore
import TrucCore
import TrucNet

/// Sends alert e-mails through the configured SMTP server and webhooks over HTTP(S).
///
/// Webhooks go out under the outbound policy of the webhook's unit (checked before each attempt, connected by
/// checked address). The SMTP server is the operator's configuration (TRUC_SMTP_HOST) and is trusted as it is:
/// no unit admin can change it, and a local relay on 127.0.0.1 or a mail server on a private network is usual.
struct NetworkAlertTransport: AlertTransport {
    let smtp: SMTPSettings?
    let mailer: SMTPClient
    let webhooks: WebhookSender
    let mailFrom: MailAddress
    let outbound: OutboundContext

    init(smtp: SMTPSettings?, mailFrom: MailAddress, group: any EventLoopGroup, outbound: OutboundContext) {
        self.smtp = smtp
        self.mailer = SMTPClient(group: group)
        self.webhooks = WebhookSender(clients: outbound.webhookClients)
        self.mailFrom = mailFrom
        self.outbound = outbound
    }

    func sendMail(_ message: MailMessage) async throws {
        guard let smtp else { throw AlertTransportError.mailNotConfigured }
        try await mailer.send(message, using: smtp)
    }

    func postWebhook(url: URL, body: [UInt8], secret: String, eventID: String, eventType: String, unitID: UUID) async -> WebhookDeliveryResult {
        await webhooks.deliver(url: url, body: body, secret: secret, eventID: eventID, eventType: eventType, timeout: .seconds(10),
                               outbound: await outbound.outboundGuard(forUnit: unitID))
    }
}
