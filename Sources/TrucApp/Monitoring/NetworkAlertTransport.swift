import AsyncHTTPClient
import Foundation
import NIOCore
import TrucCore
import TrucNet

/// Sends alert e-mails through the configured SMTP server and webhooks over HTTP(S).
struct NetworkAlertTransport: AlertTransport {
    let smtp: SMTPSettings?
    let mailer: SMTPClient
    let webhooks: WebhookSender
    let mailFrom: MailAddress

    init(smtp: SMTPSettings?, mailFrom: MailAddress, group: any EventLoopGroup, httpClient: HTTPClient) {
        self.smtp = smtp
        self.mailer = SMTPClient(group: group)
        self.webhooks = WebhookSender(client: httpClient)
        self.mailFrom = mailFrom
    }

    func sendMail(_ message: MailMessage) async throws {
        guard let smtp else { throw AlertTransportError.mailNotConfigured }
        try await mailer.send(message, using: smtp)
    }

    func postWebhook(url: URL, body: [UInt8], secret: String, eventID: String, eventType: String) async -> WebhookDeliveryResult {
        await webhooks.deliver(url: url, body: body, secret: secret, eventID: eventID, eventType: eventType, timeout: .seconds(10))
    }
}
