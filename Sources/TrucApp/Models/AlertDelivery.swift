import Fluent
import Foundation
import TrucCore

/// One message of an alert to one recipient (an e-mail address or a webhook), sent by exactly one app instance.
final class AlertDelivery: Model, @unchecked Sendable {
    static let schema = "alert_deliveries"

    enum Channel: String, Codable, Sendable { case email, webhook }
    typealias Status = DeliveryStatus

    @ID(key: .id) var id: UUID?
    @Parent(key: "alert_id") var alert: MonitorAlert
    @Field(key: "channel") var channel: Channel
    /// E-mail address, or the webhook's id.
    @Field(key: "recipient") var recipient: String
    @Field(key: "recipient_name") var recipientName: String
    @OptionalField(key: "person_id") var personID: UUID?
    @Field(key: "stage") var stage: AlertStage
    @Field(key: "status") var status: Status
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "lease_owner") var leaseOwner: String?
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
