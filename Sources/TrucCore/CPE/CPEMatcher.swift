import Foundation

/// CPE name matching per NISTIR 7696 (CPE 2.3 Name Matching): attribute-by-attribute set relations between a
/// *source* name (e.g. a vulnerability's criteria) and a *target* name (e.g. an asset), and the name-level results.
public enum CPEMatcher {
    /// The set relation of a source attribute value to a target attribute value (NISTIR 7696 §6.1).
    public enum Relation: String, Sendable, Hashable, CaseIterable {
        /// The source covers every value the target covers, and more (e.g. ANY vs `8.0`, or `8.*` vs `8.0`).
        case superset
        /// The target covers more than the source (e.g. `8.0` vs ANY).
        case subset
        case equal
        case disjoint
        /// The target has wildcards: the specification leaves the relation undefined.
        case undefined
    }

    /// The relation of `source` to `target` (NISTIR 7696 §6.1.2 `compare`). Both must be in WFN form as built by
    /// `CPEName`/`CPEAttribute`, which are lower-case, so comparison is byte-wise. No allocation.
    public static func compare(_ source: CPEAttribute, _ target: CPEAttribute) -> Relation {
        switch (source, target) {
        case (.value(let s), .value(let t)):
            if WFN.hasWildcards(t) { return .undefined }
            if s == t { return .equal }
            return WFN.hasWildcards(s) ? compareStrings(s, t) : .disjoint
        case (_, .value(let t)) where WFN.hasWildcards(t):
            return .undefined
        case (.any, .any), (.na, .na):
            return .equal
        case (.any, _):
            return .superset
        case (_, .any):
            return .subset
        case (.na, _), (_, .na):
            return .disjoint
        }
    }

    /// The relation of each attribute of `source` to the same attribute of `target`, in `CPEAttributeName` order.
    public static func compare(_ source: CPEName, _ target: CPEName) -> [Relation] {
        CPEAttributeName.allCases.map { compare(source[$0], target[$0]) }
    }

    /// The name-level relation: `.disjoint` if any attribute is disjoint; `.equal` if all are equal; `.superset`
    /// (or `.subset`) if every attribute is that or equal; otherwise `.undefined` (mixed, or undefined somewhere).
    public static func relation(_ source: CPEName, _ target: CPEName) -> Relation {
        var allEqual = true
        var allSupersetOrEqual = true
        var allSubsetOrEqual = true
        var undefined = false
        for attribute in CPEAttributeName.allCases {
            switch compare(source[attribute], target[attribute]) {
            case .disjoint: return .disjoint
            case .equal: continue
            case .superset: allEqual = false; allSubsetOrEqual = false
            case .subset: allEqual = false; allSupersetOrEqual = false
            case .undefined: undefined = true
            }
        }
        if undefined { return .undefined }
        if allEqual { return .equal }
        if allSupersetOrEqual { return .superset }
        if allSubsetOrEqual { return .subset }
        return .undefined
    }

    /// NISTIR 7696 CPE_SUPERSET: every attribute of `source` is a superset of or equal to `target`'s — that is,
    /// `target` is matched by `source`. Stops at the first attribute that fails; no allocation.
    public static func isSuperset(_ source: CPEName, _ target: CPEName) -> Bool {
        // Most names differ in product or vendor: test those first.
        for attribute in matchOrder {
            switch compare(source[attribute], target[attribute]) {
            case .superset, .equal: continue
            default: return false
            }
        }
        return true
    }

    /// NISTIR 7696 CPE_SUBSET: every attribute of `source` is a subset of or equal to `target`'s.
    public static func isSubset(_ source: CPEName, _ target: CPEName) -> Bool {
        matchOrder.allSatisfy {
            let relation = compare(source[$0], target[$0])
            return relation == .subset || relation == .equal
        }
    }

    /// NISTIR 7696 CPE_EQUAL: every attribute is equal.
    public static func isEqual(_ source: CPEName, _ target: CPEName) -> Bool {
        matchOrder.allSatisfy { compare(source[$0], target[$0]) == .equal }
    }

    /// NISTIR 7696 CPE_DISJOINT: some attribute is disjoint.
    public static func isDisjoint(_ source: CPEName, _ target: CPEName) -> Bool {
        matchOrder.contains { compare(source[$0], target[$0]) == .disjoint }
    }

    /// Attributes ordered by how likely they are to tell two names apart.
    static let matchOrder: [CPEAttributeName] = [
        .product, .vendor, .part, .version, .update, .edition, .targetSoftware, .targetHardware,
        .softwareEdition, .language, .other,
    ]

    /// NISTIR 7696 `compare_strings`: a source value with wildcards against a target value without.
    /// `*` matches any run of characters; as in the specification's algorithm, a run of n `?` matches up to
    /// n characters. Quoted characters (`\(`) count as one character.
    static func compareStrings(_ source: String, _ target: String) -> Relation {
        var source = source
        var target = target
        return source.withUTF8 { s in
            target.withUTF8 { t in
                let (start, end, begins, ends) = WFN.body(of: s)
                let bodyBytes = end - start
                let bodyChars = characterCount(s, start, end)
                let targetChars = characterCount(t, 0, t.count)
                // Try every character boundary of the target as the start of the body.
                var position = 0
                var charsBefore = 0
                while position + bodyBytes <= t.count {
                    if begins != -1, charsBefore > begins { break }
                    let charsAfter = targetChars - charsBefore - bodyChars
                    if ends == -1 || charsAfter <= ends,
                       bodyBytes == 0 || memcmp(s.baseAddress! + start, t.baseAddress! + position, bodyBytes) == 0 {
                        return .superset
                    }
                    position += t[position] == WFN.backslash ? 2 : 1
                    charsBefore += 1
                }
                return .disjoint
            }
        }
    }

    private static func characterCount(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var count = 0
        var i = start
        while i < end {
            i += bytes[i] == WFN.backslash ? 2 : 1
            count += 1
        }
        return count
    }
}
