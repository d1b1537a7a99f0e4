import Foundation

/// The rule a coordinator can switch on: a finding whose CVE is in CISA's KEV catalog, or whose EPSS score is at
/// or above `epssThreshold`, gets the deadline of the critical row for its system's level (if that is shorter than
/// its own). Off by default; the default threshold is 0.1 (10 %).
///
/// Encoded as `{"enabled": true, "epssThreshold": 0.1}`; decoding validates as `init`.
public struct SLAPriorityRule: Sendable, Hashable, Codable {
    /// The default EPSS threshold (10 %).
    public static let defaultThreshold = 0.1
    /// The allowed thresholds (EPSS is a probability).
    public static let thresholdRange: ClosedRange<Double> = 0...1
    /// The rule switched off, with the default threshold.
    public static let off = SLAPriorityRule(validated: false, epssThreshold: defaultThreshold)

    public var enabled: Bool
    /// The EPSS score (0…1) from which a finding is treated as critical.
    public var epssThreshold: Double

    /// A rule with a threshold in 0…1.
    public init(enabled: Bool, epssThreshold: Double = Self.defaultThreshold) throws(SLAPolicyError) {
        guard epssThreshold.isFinite, Self.thresholdRange.contains(epssThreshold) else {
            throw .invalidEPSSThreshold(epssThreshold)
        }
        self.init(validated: enabled, epssThreshold: epssThreshold)
    }

    private init(validated enabled: Bool, epssThreshold: Double) {
        self.enabled = enabled
        self.epssThreshold = epssThreshold
    }

    /// Whether a finding with these facts gets the critical deadline: the rule is on and the CVE is in KEV or its
    /// EPSS score is at least the threshold (no score: only KEV counts).
    public func applies(kev: Bool, epss: Double?) -> Bool {
        guard enabled else { return false }
        if kev { return true }
        guard let epss else { return false }
        return epss >= epssThreshold
    }

    private enum CodingKeys: String, CodingKey {
        case enabled, epssThreshold
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let enabled = try container.decode(Bool.self, forKey: .enabled)
        let threshold = try container.decodeIfPresent(Double.self, forKey: .epssThreshold) ?? Self.defaultThreshold
        try self.init(enabled: enabled, epssThreshold: threshold)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(enabled, forKey: .enabled)
        try container.encode(epssThreshold, forKey: .epssThreshold)
    }
}
