import Fluent
import Foundation

/// An e-mail waiting to be sent, or sent: the outbox of messages that are not monitor alerts (a unit's request
/// for emergency support to the response team, the "[TBSC]" reports to VNCERT/CC). Rows are written in the same
/// transaction as the change they announce and sent by one app instance (`OutboxDispatcher`).
final class OutboxMail: Model, @unchecked Sendable {
    static let schema = "outbox_mails"

    enum Purpose: String, Codable, Sendable, CaseIterable {
        /// A unit asks for emergency support: to the response team and the coordinators.
        case supportRequest = "support_request"
        /// An incident report or update to the national coordinator (VNCERT/CC).
        case national
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @OptionalField(key: "incident_id") var incidentID: UUID?
    @Field(key: "purpose") var purpose: Purpose
    /// With `recipient`, unique: enqueuing the same message twice (two instances, a retried request) adds one row.
    @Field(key: "dedupe_key") var dedupeKey: String
    @Field(key: "recipient") var recipient: String
    @Field(key: "recipient_name") var recipientName: String
    @OptionalField(key: "reply_to") var replyTo: String?
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "status") var status: DeliveryStatus
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "lease_owner") var leaseOwner: String?
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(unitID: UUID, incidentID: UUID?, purpose: Purpose, dedupeKey: String, recipient: String, recipientName: String,
         replyTo: String? = nil, subject: String, body: String, createdBy: UUID?, at now: Date) {
        self.id = UUID()
        self.unitID = unitID
        self.incidentID = incidentID
        self.purpose = purpose
        self.dedupeKey = dedupeKey
        self.recipient = recipient
        self.recipientName = recipientName
        self.replyTo = replyTo
        self.subject = subject
        self.body = body
        self.status = .pending
        self.attempts = 0
        self.nextAttemptAt = now
        self.createdBy = createdBy
        self.createdAt = now
    }
}
