import Foundation

/// Reads Trivy JSON: schema 2 (`{"SchemaVersion": 2, "ArtifactName": …, "Results": […]}`) and the older form, a
/// bare list of results.
///
/// The artifact (image, file system, repository) is the one host; each vulnerable package is a software entry
/// (by its package URL when Trivy gives one, else `type:name@version`); each vulnerability is a result on its
/// package, with the vulnerability id as rule, Trivy's severity, the NVD CVSS (v3 first), the fixed version as
/// solution. Status `not_affected` is a VEX statement.
enum TrivyReader {
    static func read(_ object: [String: Any]) throws(ScanError) -> ScanReport {
        guard let list = object["Results"] as? [Any] else {
            if object["Results"] == nil || object["Results"] is NSNull {
                // A scan that found nothing to report still names its artifact.
                let name = Self.artifact(object, [])
                return ScanReport(format: .trivy, tool: "trivy", hosts: [ScanHost(key: name, artifact: name)])
            }
            throw .json(format: .trivy, detail: "Results không phải một mảng / Results is not an array")
        }
        let results = list.compactMap { $0 as? [String: Any] }
        guard results.count == list.count else {
            throw .json(format: .trivy, detail: "một mục của Results không phải đối tượng / an entry of Results is not an object")
        }
        let artifact = Self.artifact(object, results)
        var host = ScanHost(key: artifact, artifact: artifact)
        if let os = (object["Metadata"] as? [String: Any])?["OS"] as? [String: Any] {
            host.operatingSystem = [os["Family"] as? String, os["Name"] as? String].compactMap { $0 }.joined(separator: " ")
        }
        var refs = Set<String>()
        var scanResults: [ScanResult] = []
        for (index, result) in results.enumerated() {
            let target = (result["Target"] as? String) ?? artifact
            let type = (result["Type"] as? String) ?? "pkg"
            guard let vulnerabilities = result["Vulnerabilities"] as? [Any] else { continue }
            for entry in vulnerabilities {
                guard let vulnerability = entry as? [String: Any],
                      let id = vulnerability["VulnerabilityID"] as? String, !id.isEmpty else {
                    throw .json(format: .trivy, detail: "Results[\(index)] có lỗ hổng không có VulnerabilityID / a vulnerability without VulnerabilityID")
                }
                let package = (vulnerability["PkgName"] as? String) ?? "?"
                let version = vulnerability["InstalledVersion"] as? String
                let purl = (vulnerability["PkgIdentifier"] as? [String: Any])?["PURL"] as? String
                let ref = purl ?? "\(type):\(package)" + (version.map { "@\($0)" } ?? "")
                if refs.insert(ref).inserted {
                    host.software.append(ScanSoftware(ref: ref, name: package, version: version, purl: purl))
                }
                let severity = (vulnerability["Severity"] as? String).flatMap(ScanSeverity.init(word:)) ?? .medium
                let status = vulnerability["Status"] as? String
                var evidence = "Gói / package \(package)" + (version.map { " \($0)" } ?? "") + " (\(target))"
                if let path = vulnerability["PkgPath"] as? String { evidence += "\n\(path)" }
                let fixed = (vulnerability["FixedVersion"] as? String).flatMap { $0.isEmpty ? nil : $0 }
                scanResults.append(ScanResult(
                    hostKey: artifact, softwareRef: ref, ruleID: id,
                    name: (vulnerability["Title"] as? String) ?? id, severity: severity, cvss: cvss(vulnerability),
                    cves: [id], evidence: evidence,
                    solution: fixed.map { "Nâng cấp \(package) lên \($0) / upgrade \(package) to \($0)" },
                    vex: status == "not_affected" ? .notAffected : nil,
                    vexJustification: status == "not_affected" ? "Trivy: not_affected" : nil))
            }
        }
        return ScanReport(format: .trivy, tool: "trivy", hosts: [host], results: scanResults)
    }

    /// The artifact's name: `ArtifactName`, else the first result's `Target` without its "(debian 10.13)" suffix.
    static func artifact(_ object: [String: Any], _ results: [[String: Any]]) -> String {
        if let name = (object["ArtifactName"] as? String)?.trimmingCharacters(in: .whitespaces), !name.isEmpty { return name }
        if var target = (results.first?["Target"] as? String)?.trimmingCharacters(in: .whitespaces), !target.isEmpty {
            if target.hasSuffix(")"), let open = target.range(of: " (", options: .backwards) { target = String(target[..<open.lowerBound]) }
            return target
        }
        return "trivy"
    }

    /// NVD's CVSS v3 score, else any source's v3, else a v2 score.
    static func cvss(_ vulnerability: [String: Any]) -> Double? {
        guard let sources = vulnerability["CVSS"] as? [String: Any] else { return nil }
        let nvd = sources["nvd"] as? [String: Any]
        if let score = JSONNumber.double(nvd?["V3Score"]) { return score }
        for (_, value) in sources.sorted(by: { $0.key < $1.key }) {
            if let score = JSONNumber.double((value as? [String: Any])?["V3Score"]) { return score }
        }
        return JSONNumber.double(nvd?["V2Score"])
    }
}
