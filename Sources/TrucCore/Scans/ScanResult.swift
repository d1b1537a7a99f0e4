/// One result of a report: a rule of the scanner that fired on a host (or on a component of an artifact).
public struct ScanResult: Sendable, Hashable, Codable {
    /// Limits of the texts kept from a result; longer texts are cut (and end with "…").
    public static let nameLimit = 300
    public static let ruleLimit = 200
    public static let evidenceLimit = 4_000
    public static let solutionLimit = 2_000
    public static let justificationLimit = 1_000

    /// The `ScanHost.key` of the host or artifact.
    public var hostKey: String
    /// The `ScanSoftware.ref` of the component the result concerns (Trivy package, CycloneDX `affects`), if any.
    public var softwareRef: String?
    /// The scanner's rule: NVT OID, plugin id, template id, or the vulnerability id (Trivy, CycloneDX).
    public var ruleID: String
    public var name: String
    public var severity: ScanSeverity
    public var cvss: Double?
    /// CVE ids the result names, upper-cased, without duplicates, in order.
    public var cves: [String]
    public var port: Int?
    /// `tcp`, `udp`…
    public var proto: String?
    public var evidence: String?
    public var solution: String?
    public var vex: VEXState?
    public var vexJustification: String?

    public init(hostKey: String, softwareRef: String? = nil, ruleID: String, name: String, severity: ScanSeverity,
                cvss: Double? = nil, cves: [String] = [], port: Int? = nil, proto: String? = nil,
                evidence: String? = nil, solution: String? = nil, vex: VEXState? = nil, vexJustification: String? = nil) {
        self.hostKey = hostKey
        self.softwareRef = softwareRef
        self.ruleID = TextLimit.cut(ruleID, to: Self.ruleLimit)
        self.name = TextLimit.cut(name, to: Self.nameLimit)
        self.severity = severity
        self.cvss = cvss.flatMap { (0...10).contains($0) ? $0 : nil }
        self.cves = Self.cveIDs(cves)
        self.port = port.flatMap { (0...65535).contains($0) ? $0 : nil }
        self.proto = proto.flatMap { $0.isEmpty ? nil : String($0.lowercased().prefix(10)) }
        self.evidence = evidence.flatMap { Self.blankToNil($0) }.map { TextLimit.cut($0, to: Self.evidenceLimit) }
        self.solution = solution.flatMap { Self.blankToNil($0) }.map { TextLimit.cut($0, to: Self.solutionLimit) }
        self.vex = vex
        self.vexJustification = vexJustification.flatMap { Self.blankToNil($0) }
            .map { TextLimit.cut($0, to: Self.justificationLimit) }
    }

    /// Whether the result becomes a finding (informational results do not).
    public var isFinding: Bool { severity != .info }

    /// The valid CVE ids among `texts` (`CVE-YYYY-NNNN…`), upper-cased, deduplicated, in order.
    public static func cveIDs(_ texts: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for text in texts {
            let id = CVERecord.trimmed(text).uppercased()
            guard isCVE(id), seen.insert(id).inserted else { continue }
            result.append(id)
        }
        return result
    }

    /// `CVE-` then a four-digit year, a dash and at least four digits (at most 20 characters in all).
    public static func isCVE(_ id: String) -> Bool {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "CVE", id.count <= 20,
              parts[1].count == 4, parts[1].allSatisfy(\.isASCIIDigitChar),
              parts[2].count >= 4, parts[2].allSatisfy(\.isASCIIDigitChar) else { return false }
        return true
    }

    static func blankToNil(_ text: String) -> String? {
        let trimmed = CVERecord.trimmed(text)
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension Character {
    var isASCIIDigitChar: Bool { ("0"..."9").contains(self) }
}
