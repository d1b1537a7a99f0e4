import Foundation

/// What one probe observed.
public struct ProbeResult: Sendable, Equatable {
    public var outcome: ProbeOutcome
    /// Time the probe took, in milliseconds (nil when it never got an answer).
    public var latencyMs: Double?
    /// Short technical text in English, e.g. "HTTP 503", "connection refused",
    /// "certificate expires in 5 days", "keyword not found". Empty when all is well.
    public var message: String
    /// HTTP status code, for HTTP monitors.
    public var statusCode: Int?
    /// Expiry (notAfter) of the leaf certificate, for TLS monitors.
    public var certificateExpiresAt: Date?

    public init(outcome: ProbeOutcome, latencyMs: Double? = nil, message: String = "",
                statusCode: Int? = nil, certificateExpiresAt: Date? = nil) {
        self.outcome = outcome
        self.latencyMs = latencyMs
        self.message = message
        self.statusCode = statusCode
        self.certificateExpiresAt = certificateExpiresAt
    }

    public static func down(_ message: String, latencyMs: Double? = nil) -> ProbeResult {
        ProbeResult(outcome: .down, latencyMs: latencyMs, message: message)
    }
}
