import Foundation

/// What one probe observed, or that the probe could not even start (`notChecked`).
public struct ProbeResult: Sendable, Equatable {
    public var outcome: ProbeOutcome
    /// Time the target took, in milliseconds (nil when it never got an answer). For HTTP: from the request being
    /// sent on an open connection until the response head arrived, summed over redirects; the time to get a
    /// connection is `connectMs`, and time spent waiting for our own per-host limit is in neither.
    public var latencyMs: Double?
    /// Time to get a connection (TCP connect, TLS handshake), in milliseconds, when measured separately.
    public var connectMs: Double?
    /// True when the check could not start within its timeout for a reason on our side (too many checks of
    /// the same host in flight, the instance stopping): it says nothing about the target. The scheduler records
    /// no result and no state change for it; `outcome` is meaningless.
    public var notChecked: Bool = false
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

    /// A check that did not run: `reason` says why (in English, for the log and the scheduler's counters).
    public static func notChecked(_ reason: String) -> ProbeResult {
        var result = ProbeResult(outcome: .up, message: reason)
        result.notChecked = true
        return result
    }
}
