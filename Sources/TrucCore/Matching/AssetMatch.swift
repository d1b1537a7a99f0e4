/// One CVE that applies to an asset, as `VulnerabilityIndex.match` reports it: the verdict and the hit to show.
public struct AssetMatch: Sendable, Hashable {
    public var cveID: String
    /// `.match` (affected), or `.unknown` (possibly affected: the asset's names leave it open, to verify).
    /// Never `.noMatch`.
    public var verdict: MatchVerdict
    /// The asset's CPE name that the shown criterion matched.
    public var matchedCPE: CPEName
    /// The shown criterion as a 2.3 formatted string, followed by its NVD version range if it has one, e.g.
    /// `cpe:2.3:a:apache:struts:*:*:*:*:*:*:*:* (≥ 2.5, < 2.5.10.1)`.
    public var criterion: String

    public init(cveID: String, verdict: MatchVerdict, matchedCPE: CPEName, criterion: String) {
        self.cveID = cveID
        self.verdict = verdict
        self.matchedCPE = matchedCPE
        self.criterion = criterion
    }

    /// The match of a CVE from its evaluation (`CPEConfiguration.evaluate(_:targets:)`). The hit shown is the first
    /// one (in configuration order) whose verdict is the match's verdict — so a certain match shows a criterion that
    /// matched for certain, not an earlier "unknown" one. `nil` when the match has no hit (never the case for a
    /// `Match` from `evaluate`).
    public init?(cveID: String, match: CPEConfiguration.Match) {
        guard let hit = match.hits.first(where: { $0.verdict == match.verdict }) ?? match.hits.first else { return nil }
        var criterion = Self.text(of: hit.criterion)
        if !match.platformChecks.isEmpty {
            criterion += " — cần kiểm tra / check: " + match.platformChecks.joined(separator: "; ")
        }
        self.init(cveID: cveID, verdict: match.verdict, matchedCPE: hit.asset, criterion: criterion)
    }

    /// A criterion for display: its formatted string, and its NVD range in parentheses when it has one
    /// (`≥`/`>` for the start, `≤`/`<` for the end).
    public static func text(of criterion: CPEMatchCriterion) -> String {
        let name = criterion.criteria.formattedString
        guard let range = criterion.range else { return name }
        var parts: [String] = []
        switch range.start {
        case .including(let version): parts.append("≥ \(version.text)")
        case .excluding(let version): parts.append("> \(version.text)")
        case nil: break
        }
        switch range.end {
        case .including(let version): parts.append("≤ \(version.text)")
        case .excluding(let version): parts.append("< \(version.text)")
        case nil: break
        }
        return parts.isEmpty ? name : "\(name) (\(parts.joined(separator: ", ")))"
    }
}
