import Foundation

/// The versions an NVD `cpeMatch` entry covers: `versionStartIncluding`/`Excluding` and
/// `versionEndIncluding`/`Excluding`, any of them absent. With no bound at all it covers every version;
/// `exactly(_:)` covers one version (the case of a criteria whose version is a value).
public struct VersionRange: Sendable, Hashable, CustomStringConvertible {
    public enum Bound: Sendable, Hashable {
        case including(VendorVersion)
        case excluding(VendorVersion)

        public var version: VendorVersion {
            switch self {
            case .including(let version), .excluding(let version): version
            }
        }
    }

    public var start: Bound?
    public var end: Bound?

    public init(start: Bound? = nil, end: Bound? = nil) {
        self.start = start
        self.end = end
    }

    /// From the NVD fields; `nil` and blank texts are absent. Should a feed give both the including and the
    /// excluding form of one end (NVD never does), the including one is used.
    public init(startIncluding: String? = nil, startExcluding: String? = nil,
                endIncluding: String? = nil, endExcluding: String? = nil) {
        func bound(_ including: String?, _ excluding: String?) -> Bound? {
            if let text = including?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                return .including(VendorVersion(text))
            }
            if let text = excluding?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                return .excluding(VendorVersion(text))
            }
            return nil
        }
        self.init(start: bound(startIncluding, startExcluding), end: bound(endIncluding, endExcluding))
    }

    /// Every version.
    public static let all = VersionRange()

    /// Exactly `version` (by `VendorVersion` equality, so `2.4` is also `2.4.0`).
    public static func exactly(_ version: VendorVersion) -> VersionRange {
        VersionRange(start: .including(version), end: .including(version))
    }

    /// Whether neither end is bounded.
    public var isUnbounded: Bool { start == nil && end == nil }

    /// `.match` when `version` lies within the bounds, `.noMatch` when outside. `.unknown` when the range is
    /// bounded and `version` (or a bound) has no digit (`isComparable` is false) — such a text cannot be placed.
    public func evaluate(_ version: VendorVersion) -> MatchVerdict {
        if isUnbounded { return .match }
        guard version.isComparable else { return .unknown }
        if let start {
            guard start.version.isComparable else { return .unknown }
            let order = VendorVersion.compare(version, start.version)
            switch start {
            case .including: if order < 0 { return .noMatch }
            case .excluding: if order <= 0 { return .noMatch }
            }
        }
        if let end {
            guard end.version.isComparable else { return .unknown }
            let order = VendorVersion.compare(version, end.version)
            switch end {
            case .including: if order > 0 { return .noMatch }
            case .excluding: if order >= 0 { return .noMatch }
            }
        }
        return .match
    }

    /// `evaluate` for an asset's CPE version attribute: ANY, NA and values with wildcards say nothing about the
    /// version, so a bounded range answers `.unknown` for them.
    public func evaluate(_ version: CPEAttribute) -> MatchVerdict {
        if isUnbounded { return .match }
        guard case .value = version, !version.hasWildcards, let text = version.unescaped else { return .unknown }
        return evaluate(VendorVersion(text))
    }

    /// Strictly inside: `evaluate(version) == .match` (unknown counts as not contained).
    public func contains(_ version: VendorVersion) -> Bool { evaluate(version) == .match }

    /// E.g. `>= 2.5.0, < 2.5.10.1`, `= 2.4.49`, or `*` when unbounded.
    public var description: String {
        if let start, let end, case .including(let low) = start, case .including(let high) = end, low == high {
            return "= \(low.text)"
        }
        var parts: [String] = []
        switch start {
        case .including(let version): parts.append(">= \(version.text)")
        case .excluding(let version): parts.append("> \(version.text)")
        case nil: break
        }
        switch end {
        case .including(let version): parts.append("<= \(version.text)")
        case .excluding(let version): parts.append("< \(version.text)")
        case nil: break
        }
        return parts.isEmpty ? "*" : parts.joined(separator: ", ")
    }
}
