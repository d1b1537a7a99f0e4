import Foundation

/// A monitor whose fields passed `MonitorDraft.validated()`: the target parsed, the name trimmed, the settings
/// normalised, and the parts the prober needs (status codes, DNS server) parsed once.
public struct ValidMonitor: Sendable, Equatable {
    /// Trimmed, 1…120 characters.
    public let name: String
    public let target: MonitorTarget
    /// 20…86400.
    public let intervalSeconds: Int
    /// 1…60, less than the interval.
    public let timeoutSeconds: Double
    /// 0…10.
    public let retries: Int
    /// Normalised: only the settings of the monitor's kind (see `MonitorDraft.validated()`).
    public let settings: MonitorSettings
    /// The accepted HTTP status codes (`StatusCodeSet.default` unless set).
    public let statusCodes: StatusCodeSet
    /// The resolver of a DNS monitor, nil for the system's.
    public let dnsServer: HostPort?

    init(name: String, target: MonitorTarget, intervalSeconds: Int, timeoutSeconds: Double, retries: Int,
         settings: MonitorSettings, statusCodes: StatusCodeSet, dnsServer: HostPort?) {
        self.name = name
        self.target = target
        self.intervalSeconds = intervalSeconds
        self.timeoutSeconds = timeoutSeconds
        self.retries = retries
        self.settings = settings
        self.statusCodes = statusCodes
        self.dnsServer = dnsServer
    }

    public var kind: MonitorKind { target.kind }

    /// The draft to fill an edit form with: the normalised values, the target as canonical text.
    public var draft: MonitorDraft {
        MonitorDraft(name: name, kind: kind, target: target.text, intervalSeconds: intervalSeconds,
                     timeoutSeconds: timeoutSeconds, retries: retries, settings: settings)
    }
}
