import Foundation

/// The kind-specific settings of a monitor. Stored as JSON with the monitor; every field is optional so that
/// a stored monitor keeps decoding when fields are added.
public struct MonitorSettings: Sendable, Codable, Equatable {
    // HTTP
    /// Accepted status codes, e.g. "200-299,301". nil means 200-399.
    public var expectedStatus: String?
    /// Text that must appear in the body (or must not, with `keywordMustBeAbsent`). Case-sensitive.
    public var keyword: String?
    public var keywordMustBeAbsent: Bool?
    /// "GET" (default) or "HEAD".
    public var method: String?
    /// Accept an invalid or self-signed certificate for HTTPS checks.
    public var ignoreTLSErrors: Bool?

    // every kind
    /// Slower than this (ms) is "degraded".
    public var maxLatencyMs: Int?

    // TLS
    /// Fewer days left than this is "degraded" (default 14).
    public var tlsWarningDays: Int?
    /// Fewer days left than this is "down" (default 0: down once expired).
    public var tlsCriticalDays: Int?

    // DNS
    /// Record type to ask for (default A).
    public var dnsRecordType: DNSRecordType?
    /// Values that must all be in the answer, normalised as `DNSRecord.value` (empty: any answer will do).
    public var dnsExpected: [String]?
    /// Resolver "host:port" or "host" (port 53). nil: the first nameserver of /etc/resolv.conf.
    public var dnsServer: String?

    public init(expectedStatus: String? = nil, keyword: String? = nil, keywordMustBeAbsent: Bool? = nil,
                method: String? = nil, ignoreTLSErrors: Bool? = nil, maxLatencyMs: Int? = nil,
                tlsWarningDays: Int? = nil, tlsCriticalDays: Int? = nil,
                dnsRecordType: DNSRecordType? = nil, dnsExpected: [String]? = nil, dnsServer: String? = nil) {
        self.expectedStatus = expectedStatus
        self.keyword = keyword
        self.keywordMustBeAbsent = keywordMustBeAbsent
        self.method = method
        self.ignoreTLSErrors = ignoreTLSErrors
        self.maxLatencyMs = maxLatencyMs
        self.tlsWarningDays = tlsWarningDays
        self.tlsCriticalDays = tlsCriticalDays
        self.dnsRecordType = dnsRecordType
        self.dnsExpected = dnsExpected
        self.dnsServer = dnsServer
    }
}
