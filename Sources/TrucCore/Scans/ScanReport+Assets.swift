extension ScanReport {
    /// The key prefix of an artifact's assets: the artifact is `artifact:NAME`, its components `artifact:NAME|REF`.
    public static func artifactKey(_ name: String) -> String { "artifact:" + TextLimit.cut(name, to: 200) }

    /// The key of a network host, as the Nmap import keys it: `nmap:IP`, else `host:NAME`.
    public static func hostKey(ip: String?, hostname: String?) -> String? {
        if let ip { return "nmap:\(ip)" }
        if let hostname { return "host:\(hostname.lowercased())" }
        return nil
    }

    /// The subject of a finding for a result without a CVE: a global advisory id as it is (`GHSA-…`, `SNYK-…`)
    /// for SBOM and image scanners, else the scanner's rule prefixed with the format (`nessus:19506`,
    /// `openvas:1.3.6.1.4.1.25623.1.0.108440`, `nuclei:phpmyadmin-setup`).
    public static func ruleSubject(format: ScanFormat, ruleID: String) -> String {
        if format.describesArtifact, isAdvisoryID(ruleID) { return ruleID }
        return "\(format.rawValue):\(ruleID)"
    }

    /// `PREFIX-rest` with an upper-case letter prefix, like GHSA-xxxx-xxxx-xxxx or SNYK-JAVA-…
    static func isAdvisoryID(_ id: String) -> Bool {
        guard let dash = id.firstIndex(of: "-"), dash > id.startIndex, id.count <= 100 else { return false }
        let prefix = id[..<dash]
        return prefix.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
            && id[id.index(after: dash)...].allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
            && !id[id.index(after: dash)...].isEmpty
    }

    /// The assets of every host: a network host is a server (`nmap:IP` / `host:NAME`) carrying its
    /// operating-system CPE names; an artifact is a software asset (`artifact:NAME`); software and components
    /// are software assets keyed under their host (`HOSTKEY|REF`), with the CPE the report gives, else one their
    /// package URL maps to plainly (`PackageURL.cpe`), else none (the notes say so). Invalid CPE names are
    /// dropped and named in `problems`; texts are cut to the asset limits.
    public func assetDrafts() -> (hosts: [ScanHostDrafts], problems: [String]) {
        var problems: [String] = []
        var result: [ScanHostDrafts] = []
        func names(_ texts: [String], _ place: String) -> [CPEName] {
            var names: [CPEName] = []
            for text in texts.prefix(AssetCSV.maximumCPEsPerRow) {
                do {
                    names.append(try CPEName(parsing: text))
                } catch {
                    problems.append("\(place): bỏ qua tên CPE \"\(TextLimit.cut(text, to: 100))\" không hợp lệ: \(error.vietnamese)")
                }
            }
            return names
        }
        func cut(_ text: String?, _ limit: Int = AssetDraft.maxTextLength) -> String? {
            text.map { TextLimit.cut($0, to: limit) }
        }
        for host in hosts {
            let isArtifact = format.describesArtifact || (host.ipAddress == nil && host.hostname == nil)
            let key: String
            if isArtifact {
                key = Self.artifactKey(host.artifact ?? host.key)
            } else if let hostKey = Self.hostKey(ip: host.ipAddress, hostname: host.hostname) {
                key = hostKey
            } else {
                continue
            }
            let place = "Máy \(host.displayName)"
            var notes = ["Từ báo cáo \(format.title)."]
            if let os = host.operatingSystem, !os.isEmpty { notes.append("Hệ điều hành: \(os).") }
            let hostDraft = AssetDraft(
                kind: isArtifact ? .software : .server, name: TextLimit.cut(host.displayName, to: AssetCSV.maximumNameLength),
                hostname: cut(host.hostname, TextLimit.host), ipAddress: host.ipAddress,
                cpes: names(host.cpes, place), sourceKey: key,
                notes: cut(notes.joined(separator: " "), AssetCSV.maximumNotesLength))
            var software: [String: AssetDraft] = [:]
            for item in host.software {
                var cpes = names(item.cpes, "\(place), \(item.name)")
                let purl = item.purl.flatMap(PackageURL.init)
                if cpes.isEmpty, let mapped = purl?.cpe { cpes = [mapped] }
                var itemNotes = "Từ báo cáo \(format.title) (\(host.displayName))."
                if let purl = item.purl { itemNotes += " Package URL: \(purl)." }
                if cpes.isEmpty { itemNotes += " Chưa có tên CPE: cần bổ sung để đối chiếu lỗ hổng." }
                let title = [item.name, item.version].compactMap { $0 }.joined(separator: " ")
                software[item.ref] = AssetDraft(
                    kind: .software, name: TextLimit.cut("\(title) (\(host.displayName))", to: AssetCSV.maximumNameLength),
                    vendor: cut(item.vendor ?? cpes.first?.vendor.unescaped), product: cut(purl?.name ?? item.name),
                    version: cut(item.version), hostname: cut(host.hostname, TextLimit.host), ipAddress: host.ipAddress,
                    cpes: cpes, sourceKey: TextLimit.cut("\(key)|\(item.ref)", to: TextLimit.line),
                    notes: cut(itemNotes, AssetCSV.maximumNotesLength))
            }
            result.append(ScanHostDrafts(hostKey: host.key, host: hostDraft, software: software, isArtifact: isArtifact))
        }
        return (result, problems)
    }
}
