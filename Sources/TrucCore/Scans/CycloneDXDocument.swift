/// What the readers take from a CycloneDX document (JSON or XML), before it becomes a `ScanReport`.
struct CycloneDXDocument {
    struct Component {
        var ref: String?
        var group: String?
        var name: String
        var version: String?
        var purl: String?
        var cpe: String?
    }

    struct Vulnerability {
        var id: String
        var references: [String] = []
        var severities: [String] = []
        var scores: [Double] = []
        var description: String?
        var recommendation: String?
        var state: String?
        var justification: String?
        var detail: String?
        var affects: [String] = []
    }

    var subject: String?
    var serialNumber: String?
    var tool: String?
    var components: [Component] = []
    var vulnerabilities: [Vulnerability] = []

    /// The report: the SBOM's subject (metadata component, else serial number) is the one host; every component
    /// (nested ones too) is a software entry; every vulnerability is one result per component it affects (one
    /// without a component when it names none). VEX `not_affected` and `false_positive` are kept with their
    /// justification and detail.
    func report() -> ScanReport {
        let subject = subject ?? serialNumber ?? "sbom"
        var host = ScanHost(key: subject, artifact: subject)
        var refs = Set<String>()
        for component in components {
            let ref = component.ref ?? component.purl ?? ([component.group, component.name].compactMap { $0 }.joined(separator: "/")
                + (component.version.map { "@\($0)" } ?? ""))
            guard refs.insert(ref).inserted else { continue }
            let name = [component.group, component.name].compactMap { $0 }.joined(separator: ":")
            host.software.append(ScanSoftware(ref: ref, name: name, version: component.version, vendor: component.group,
                                              purl: component.purl, cpes: component.cpe.map { [$0] } ?? []))
        }
        var results: [ScanResult] = []
        for vulnerability in vulnerabilities {
            let severity = vulnerability.severities.compactMap(ScanSeverity.init(word:)).max()
                ?? vulnerability.scores.max().map(ScanSeverity.init(score:)) ?? .medium
            let vex: VEXState? = switch vulnerability.state {
            case "not_affected": .notAffected
            case "false_positive": .falsePositive
            default: nil
            }
            let justification = [vulnerability.justification, vulnerability.detail].compactMap { $0 }.joined(separator: ": ")
            let targets: [String?] = vulnerability.affects.isEmpty ? [nil] : vulnerability.affects.map { Optional($0) }
            for target in targets {
                results.append(ScanResult(
                    hostKey: subject, softwareRef: target.flatMap { refs.contains($0) ? $0 : nil }, ruleID: vulnerability.id,
                    name: vulnerability.description.map { String($0.prefix(200)) } ?? vulnerability.id,
                    severity: severity, cvss: vulnerability.scores.max(),
                    cves: [vulnerability.id] + vulnerability.references, evidence: vulnerability.description,
                    solution: vulnerability.recommendation, vex: vex,
                    vexJustification: vex == nil ? nil : "VEX \(vulnerability.state ?? "")" + (justification.isEmpty ? "" : ": \(justification)")))
            }
        }
        return ScanReport(format: .cyclonedx, tool: tool, hosts: [host], results: results)
    }
}
