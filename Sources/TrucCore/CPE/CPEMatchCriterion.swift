/// One NVD `cpeMatch` (API 2.0) / `cpe_match` (1.1 feed) entry: a criteria CPE name, whether it names the
/// vulnerable product (`vulnerable: false` marks a platform it must run on, e.g. a hardware model), and an
/// optional version range.
///
/// `evaluate` checks one asset CPE name and answers three-valued:
/// - Every attribute but the version is compared per NISTIR 7696 (criteria = source, asset = target):
///   superset or equal passes, disjoint fails, and where the asset is less specific than the criteria
///   (asset ANY vs a criteria value or NA — the spec's SUBSET — or an asset value with wildcards) the answer
///   is `.unknown`: the asset does not say, so it may be affected.
/// - The version: with a range, the asset's version must lie in it (`VersionRange.evaluate`; ANY/NA →
///   `.unknown`). A criteria version that is a plain value is an exact range compared as `VendorVersion`s
///   (so `2.4` = `2.4.0`, `15.2(4)M1` = `15.2\(4\)m1`). Criteria version ANY covers every version. Criteria
///   version NA (`-`, used by NVD for firmware and hardware "without a version") matches an asset `-`, and
///   gives `.unknown` for an asset with a concrete version — NVD uses `-` where it does not know versions.
public struct CPEMatchCriterion: Sendable, Hashable {
    public var criteria: CPEName { storage.criteria }
    public var vulnerable: Bool { storage.vulnerable }
    /// The NVD version bounds, when any were given.
    public var range: VersionRange? { storage.range }
    /// The NVD `matchCriteriaId`, when known.
    public var id: String? { storage.id }

    /// Immutable and shared, so that copying a criterion (into arrays, hits, indexes) costs one retain.
    private let storage: Storage

    private final class Storage: Sendable {
        let criteria: CPEName
        let vulnerable: Bool
        let range: VersionRange?
        let id: String?
        /// Precomputed version check: a range (from the NVD bounds or an exact criteria version), or `nil` to
        /// compare the version attribute as a CPE attribute only.
        let versionRange: VersionRange?
        /// Whether the criteria version attribute is (also) compared as a CPE attribute.
        let comparesVersionAttribute: Bool

        init(criteria: CPEName, vulnerable: Bool, range: VersionRange?, id: String?) {
            self.criteria = criteria
            self.vulnerable = vulnerable
            self.range = range
            self.id = id
            if let range {
                versionRange = range
                comparesVersionAttribute = criteria.version != .any
            } else if case .value = criteria.version, !criteria.version.hasWildcards,
                      let text = criteria.version.unescaped, case let version = VendorVersion(text), version.isComparable {
                versionRange = .exactly(version)
                comparesVersionAttribute = false
            } else {
                versionRange = nil
                comparesVersionAttribute = true
            }
        }
    }

    public init(criteria: CPEName, vulnerable: Bool = true, range: VersionRange? = nil, id: String? = nil) {
        storage = Storage(criteria: criteria, vulnerable: vulnerable, range: range.flatMap { $0.isUnbounded ? nil : $0 },
                          id: id)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.criteria == rhs.criteria && lhs.vulnerable == rhs.vulnerable && lhs.range == rhs.range
                && lhs.id == rhs.id)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(criteria)
        hasher.combine(vulnerable)
        hasher.combine(range)
        hasher.combine(id)
    }

    /// From NVD texts: the criteria string (`criteria` / `cpe23Uri`) and the four optional bounds.
    public init(criteria: String, vulnerable: Bool = true, versionStartIncluding: String? = nil,
                versionStartExcluding: String? = nil, versionEndIncluding: String? = nil,
                versionEndExcluding: String? = nil, id: String? = nil) throws(CPEError) {
        self.init(criteria: try CPEName(parsing: criteria), vulnerable: vulnerable,
                  range: VersionRange(startIncluding: versionStartIncluding, startExcluding: versionStartExcluding,
                                      endIncluding: versionEndIncluding, endExcluding: versionEndExcluding),
                  id: id)
    }

    /// Whether this criterion covers the asset CPE: see the type's documentation.
    public func evaluate(_ target: CPETarget) -> MatchVerdict {
        let storage = storage
        let criteria = storage.criteria
        var verdict = MatchVerdict.match
        let name = target.name
        // Unrolled, most telling attributes first: most criteria differ from an asset in product or vendor.
        @inline(__always) func check(_ source: CPEAttribute, _ target: CPEAttribute) -> Bool {
            switch CPEMatcher.compare(source, target) {
            case .superset, .equal: return true
            case .disjoint: return false
            case .subset, .undefined:
                verdict = .unknown
                return true
            }
        }
        guard check(criteria.product, name.product), check(criteria.vendor, name.vendor),
              check(criteria.part, name.part), check(criteria.update, name.update),
              check(criteria.edition, name.edition), check(criteria.targetSoftware, name.targetSoftware),
              check(criteria.targetHardware, name.targetHardware), check(criteria.softwareEdition, name.softwareEdition),
              check(criteria.language, name.language), check(criteria.other, name.other)
        else { return .noMatch }
        if storage.comparesVersionAttribute {
            switch CPEMatcher.compare(criteria.version, name.version) {
            case .superset, .equal: break
            case .disjoint:
                // Criteria NA against a concrete asset version: NVD's "-" means "versions not known".
                if criteria.version == .na, target.version?.isComparable == true {
                    verdict = .unknown
                } else {
                    return .noMatch
                }
            case .subset, .undefined: verdict = .unknown
            }
        }
        if let versionRange = storage.versionRange {
            guard let version = target.version else { return verdict.and(.unknown) }
            verdict = verdict.and(versionRange.evaluate(version))
        }
        return verdict
    }

    /// `evaluate` for a name not prepared as a `CPETarget` (parses its version on each call).
    public func evaluate(_ asset: CPEName) -> MatchVerdict { evaluate(CPETarget(asset)) }
}
