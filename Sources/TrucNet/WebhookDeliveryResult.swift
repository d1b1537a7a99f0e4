/// The outcome of one webhook delivery attempt.
public struct WebhookDeliveryResult: Sendable, Equatable {
    /// The receiver answered 2xx.
    public var success: Bool
    /// The receiver's status code, when it answered.
    public var statusCode: Int?
    /// Short English text: "HTTP 204", "HTTP 500", "connection refused", "timeout after 10 s". Never holds
    /// the secret.
    public var message: String
    /// Whether a later attempt may succeed: 408, 429, 5xx and network failures are; other 4xx, 3xx and
    /// invalid URLs are not; a success is not.
    public var retryable: Bool

    public init(success: Bool, statusCode: Int?, message: String, retryable: Bool) {
        self.success = success
        self.statusCode = statusCode
        self.message = message
        self.retryable = retryable
    }
}
