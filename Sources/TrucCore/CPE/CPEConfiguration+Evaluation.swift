extension CPEConfiguration {
    /// Evaluates the configuration against all CPE names of one asset (e.g. its firmware and its hardware).
    ///
    /// Each criterion is matched against every asset name (best verdict wins); nodes combine verdicts with
    /// three-valued AND/OR/NOT (`MatchVerdict`). Only `vulnerable: true` criteria produce hits; `vulnerable: false`
    /// criteria (platforms) only help AND conditions hold. Returns `nil` when the configuration does not hold
    /// or holds without any vulnerable hit.
    public func evaluate(assetCPEs: [CPEName]) -> Match? {
        evaluate(targets: assetCPEs.map(CPETarget.init))
    }

    /// `evaluate(assetCPEs:)` with names prepared once (use this when checking many configurations).
    public func evaluate(targets: [CPETarget]) -> Match? {
        var hits: [Hit] = []
        var verdict = Self.combine(`operator`, count: nodes.count) { index in
            Self.evaluate(nodes[index], targets, &hits)
        }
        if negate {
            verdict = verdict.negated
            hits.removeAll()
        }
        return Self.match(verdict, hits)
    }

    /// The outcome over several configurations of one CVE: the best verdict, and the hits of every configuration
    /// that applies.
    public static func evaluate(_ configurations: [CPEConfiguration], targets: [CPETarget]) -> Match? {
        var result: Match?
        for configuration in configurations {
            guard let match = configuration.evaluate(targets: targets) else { continue }
            if var merged = result {
                merged.verdict = merged.verdict.or(match.verdict)
                merged.hits.append(contentsOf: match.hits)
                result = merged
            } else {
                result = match
            }
        }
        return result
    }

    private static func match(_ verdict: MatchVerdict, _ hits: [Hit]) -> Match? {
        guard verdict != .noMatch, !hits.isEmpty else { return nil }
        let certain = verdict == .match && hits.contains { $0.verdict == .match }
        return Match(verdict: certain ? .match : .unknown, hits: hits)
    }

    /// Combines `count` verdicts with `op`, stopping early once an AND has failed.
    private static func combine(_ op: Operator, count: Int, _ verdictAt: (Int) -> MatchVerdict) -> MatchVerdict {
        guard count > 0 else { return .noMatch }
        var result: MatchVerdict = op == .and ? .match : .noMatch
        for index in 0..<count {
            let verdict = verdictAt(index)
            result = op == .and ? result.and(verdict) : result.or(verdict)
            if op == .and, result == .noMatch { break }
        }
        return result
    }

    /// A node's verdict; appends the vulnerable hits of the branches that hold to `hits`.
    private static func evaluate(_ node: Node, _ targets: [CPETarget], _ hits: inout [Hit]) -> MatchVerdict {
        let mark = hits.count
        let criteriaCount = node.criteria.count
        var verdict = combine(node.operator, count: criteriaCount + node.children.count) { index in
            if index < criteriaCount {
                let criterion = node.criteria[index]
                var best = MatchVerdict.noMatch
                var bestAsset: CPEName?
                for target in targets {
                    let verdict = criterion.evaluate(target)
                    if verdict > best {
                        best = verdict
                        bestAsset = target.name
                        if verdict == .match { break }
                    }
                }
                if criterion.vulnerable, let bestAsset {
                    hits.append(Hit(criterion: criterion, asset: bestAsset, verdict: best))
                }
                return best
            }
            let childMark = hits.count
            let verdict = evaluate(node.children[index - criteriaCount], targets, &hits)
            if verdict == .noMatch { hits.removeSubrange(childMark...) }
            return verdict
        }
        if node.negate {
            verdict = verdict.negated
            hits.removeSubrange(mark...)
        } else if verdict == .noMatch {
            hits.removeSubrange(mark...)
        }
        return verdict
    }
}
