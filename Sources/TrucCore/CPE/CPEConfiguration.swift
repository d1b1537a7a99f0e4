/// One NVD configuration: a tree of nodes whose `cpeMatch` criteria, combined with AND/OR (and `negate`),
/// say which platforms are affected — e.g. "firmware X (vulnerable) on hardware Y (not vulnerable)".
///
/// NVD API 2.0: each element of `configurations` is one `CPEConfiguration` with its `operator` (absent = OR)
/// over its `nodes`. 1.1 feed: each top-level element of `configurations.nodes` is one configuration with that
/// single node; its `children` become `Node.children`.
public struct CPEConfiguration: Sendable, Hashable {
    public enum Operator: String, Sendable, Hashable, Codable {
        case and = "AND"
        case or = "OR"
    }

    /// A node: its criteria and child nodes combined by `operator`, the result negated if `negate`.
    public struct Node: Sendable, Hashable {
        public var `operator`: Operator
        public var negate: Bool
        public var criteria: [CPEMatchCriterion]
        public var children: [Node]

        public init(_ operator: Operator = .or, negate: Bool = false, criteria: [CPEMatchCriterion] = [],
                    children: [Node] = []) {
            self.operator = `operator`
            self.negate = negate
            self.criteria = criteria
            self.children = children
        }
    }

    /// A vulnerable criterion that matched (or may match) an asset CPE name.
    public struct Hit: Sendable, Hashable {
        public var criterion: CPEMatchCriterion
        /// The first asset CPE name that gave `verdict`.
        public var asset: CPEName
        /// `.match`, or `.unknown` when the asset's name leaves it open (e.g. its version is unknown).
        public var verdict: MatchVerdict

        public init(criterion: CPEMatchCriterion, asset: CPEName, verdict: MatchVerdict) {
            self.criterion = criterion
            self.asset = asset
            self.verdict = verdict
        }
    }

    /// The outcome of a configuration that applies to an asset.
    public struct Match: Sendable, Hashable {
        /// `.match` when the configuration holds and at least one vulnerable criterion matched for certain;
        /// `.unknown` when it may hold (a possible finding to verify). Never `.noMatch`.
        public var verdict: MatchVerdict
        /// The vulnerable criteria that matched, in configuration order; only `vulnerable: true` criteria,
        /// only from branches that hold, never from inside negated nodes.
        public var hits: [Hit]
        /// Platforms of AND configurations that the asset's names do not mention at all (e.g. "jdk ≥ 9" for
        /// Spring4Shell on an asset that lists Spring but no JDK): the match is possible only, and these say what
        /// to check. Empty when every platform was decided by the asset's names.
        public var platformChecks: [String]

        public init(verdict: MatchVerdict, hits: [Hit], platformChecks: [String] = []) {
            self.verdict = verdict
            self.hits = hits
            self.platformChecks = platformChecks
        }
    }

    public var `operator`: Operator
    public var negate: Bool
    public var nodes: [Node]

    public init(_ operator: Operator = .or, negate: Bool = false, nodes: [Node]) {
        self.operator = `operator`
        self.negate = negate
        self.nodes = nodes
    }

    /// Every criterion in the tree, depth first (e.g. to index configurations by vendor and product).
    public var allCriteria: [CPEMatchCriterion] {
        var result: [CPEMatchCriterion] = []
        func walk(_ node: Node) {
            result.append(contentsOf: node.criteria)
            node.children.forEach(walk)
        }
        nodes.forEach(walk)
        return result
    }
}
