/// Where an outgoing message (an alert delivery, a mail of the outbox) stands.
enum DeliveryStatus: String, Codable, Sendable, CaseIterable {
    /// Waiting for its (next) attempt at `next_attempt_at`.
    case pending
    /// Claimed by one instance until `lease_until`.
    case sending
    case sent
    /// Given up: a permanent failure, or no attempts left.
    case failed
}
