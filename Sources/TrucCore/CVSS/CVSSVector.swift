import Foundation

/// A CVSS vector of any supported version, detected from its prefix:
/// `CVSS:4.0/` → v4, `CVSS:3.0/` and `CVSS:3.1/` → v3, a bare or parenthesised `AV:…/AC:…/Au:…` vector
/// (or one prefixed `CVSS2#` or `CVSS:2.0/`) → v2.
public enum CVSSVector: Sendable, Hashable, CustomStringConvertible {
    case v2(CVSSv2)
    case v3(CVSSv3)
    case v4(CVSSv4)

    public init(parsing string: String) throws(CVSSError) {
        let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty }
        if trimmed.hasPrefix("CVSS:4.") {
            self = .v4(try CVSSv4(parsing: trimmed))
        } else if trimmed.hasPrefix("CVSS:3.") {
            self = .v3(try CVSSv3(parsing: trimmed))
        } else if trimmed.hasPrefix("CVSS:2.0/") {
            self = .v2(try CVSSv2(parsing: trimmed))
        } else if trimmed.hasPrefix("CVSS:") {
            throw .unsupportedVersion(String(trimmed.prefix(while: { $0 != "/" })))
        } else if trimmed.hasPrefix("AV:") || trimmed.hasPrefix("(AV:") || trimmed.hasPrefix("CVSS2#") {
            self = .v2(try CVSSv2(parsing: trimmed))
        } else {
            throw .wrongPrefix(string)
        }
    }

    /// "2.0", "3.0", "3.1" or "4.0".
    public var version: String {
        switch self {
        case .v2(let vector): vector.version
        case .v3(let vector): vector.version
        case .v4(let vector): vector.version
        }
    }

    /// The base score: base metrics only (for v4 the CVSS-B score), 0.0–10.0 to one decimal.
    public var baseScore: Double {
        switch self {
        case .v2(let vector): vector.baseScore
        case .v3(let vector): vector.baseScore
        case .v4(let vector): vector.baseScore
        }
    }

    /// The most specific score the vector defines: v2/v3 environmental, else temporal, else base;
    /// v4 the score of the whole vector (CVSS-B, -BT, -BE or -BTE).
    public var score: Double {
        switch self {
        case .v2(let vector): vector.environmentalScore ?? vector.temporalScore ?? vector.baseScore
        case .v3(let vector): vector.environmentalScore ?? vector.temporalScore ?? vector.baseScore
        case .v4(let vector): vector.score
        }
    }

    /// The rating of the base score: v2 bands (low/medium/high) for v2, v3/v4 bands otherwise.
    public var severity: CVSSSeverity {
        switch self {
        case .v2(let vector): vector.severity
        case .v3(let vector): vector.severity
        case .v4(let vector): vector.severity
        }
    }

    /// The normalised vector string (specification order, undefined optional metrics left out).
    public var vectorString: String {
        switch self {
        case .v2(let vector): vector.vectorString
        case .v3(let vector): vector.vectorString
        case .v4(let vector): vector.vectorString
        }
    }

    public var description: String { vectorString }
}
