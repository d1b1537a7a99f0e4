/// A three-valued answer to "does this asset match?": yes, no, or cannot tell — e.g. a version range checked
/// against an asset whose version is unknown (ANY) or not a version at all. Combined with Kleene logic:
/// `and` is the minimum (`.noMatch` < `.unknown` < `.match`), `or` the maximum, `negated` swaps yes and no.
public enum MatchVerdict: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case noMatch = 0
    case unknown = 1
    case match = 2

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public func and(_ other: MatchVerdict) -> MatchVerdict { min(self, other) }
    public func or(_ other: MatchVerdict) -> MatchVerdict { max(self, other) }

    public var negated: MatchVerdict {
        switch self {
        case .match: .noMatch
        case .noMatch: .match
        case .unknown: .unknown
        }
    }

    public init(_ bool: Bool) { self = bool ? .match : .noMatch }

    public var description: String {
        switch self {
        case .noMatch: "no match"
        case .unknown: "unknown"
        case .match: "match"
        }
    }
}
