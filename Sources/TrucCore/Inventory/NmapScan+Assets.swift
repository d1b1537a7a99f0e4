import Foundation

extension NmapScan {
    /// Assets from the scan, ready for review and import.
    ///
    /// - Each host that is up becomes one asset, keyed `nmap:<ip>`, named by its first host name or else its IP.
    ///   Its kind comes from the best OS class's device type, else from a device type its open services report:
    ///   `router`, `WAP` and `broadband router` → router, `switch` and `bridge` → switch, `firewall` → firewall;
    ///   anything else is a server. Vendor, product (the OS family, except Nmap's placeholder `embedded`) and
    ///   version (the OS generation, e.g. `2.6.X`) come from that OS class; the CPE names are those of every class
    ///   of the most accurate OS match (the first of equally accurate ones), converted to CPE 2.3 as they are: a
    ///   missing version is not filled in from the OS generation, which is a range. The notes name the OS match.
    /// - Each open port whose service has a product becomes a software asset named
    ///   `product version (ip proto/port)`, keyed `nmap:<ip>:<proto>/<port>`, on the same host name and IP. Its CPE
    ///   names are the service's application and hardware names; when one has no version and the service reports
    ///   a plain version such as `7.4p1` (not a range such as `2.0.x`, `5.X` or `1.2.8 - 1.2.9`), that version is
    ///   filled in. Operating-system names on a service (`cpe:/o:microsoft:windows` on an HTTP server) describe
    ///   the host, not the software, and are left out: the service's OS hint goes to its notes instead.
    /// - Hosts without an IP address are skipped. CPE names that do not parse are dropped; `problems` says which,
    ///   in Vietnamese. So are hosts and services with a text over the limits of an asset (`limitProblems()`).
    public func assetDrafts() -> (drafts: [AssetDraft], problems: [String]) {
        var drafts: [AssetDraft] = []
        var problems: [String] = []
        for host in hosts where host.isUp {
            guard let ip = host.ipAddress.flatMap(AssetDraft.normalizedIPAddress) else {
                let label = host.hostnames.first ?? host.mac ?? host.ipAddress ?? "không tên"
                problems.append("Bỏ qua máy \(label): không có địa chỉ IP hợp lệ.")
                continue
            }
            let hostname = host.hostnames.first
            func cpes(_ texts: [String], where place: String, keep: (CPEName) -> Bool = { _ in true },
                      version: String? = nil) -> [CPEName] {
                var names: [CPEName] = []
                for text in texts {
                    do {
                        var name = try CPEName(parsing: text)
                        guard keep(name) else { continue }
                        if name.version == .any, let version, let attribute = Self.plainVersion(version) {
                            name.version = attribute
                        }
                        names.append(name)
                    } catch {
                        problems.append("\(place): bỏ qua tên CPE \"\(text)\" không hợp lệ: \(error.vietnamese)")
                    }
                }
                return names
            }

            let match = host.bestOSMatch
            let osClass = host.bestOSClass
            let family = osClass?.family.flatMap { $0.lowercased() == "embedded" ? nil : $0 }
            var notes: [String] = []
            if let match { notes.append("Nmap đoán hệ điều hành: \(match.name) (độ chính xác \(match.accuracy)%).") }
            if let mac = host.mac { notes.append("MAC \(mac)" + (host.macVendor.map { " (\($0))" } ?? "") + ".") }
            drafts.append(AssetDraft(
                kind: host.assetKind, name: hostname ?? ip, vendor: osClass?.vendor, product: family,
                version: osClass?.generation, hostname: hostname, ipAddress: ip,
                cpes: cpes(host.bestOSClasses.flatMap(\.cpes), where: "Máy \(ip)"),
                sourceKey: "nmap:\(ip)", notes: notes.isEmpty ? nil : notes.joined(separator: " ")))

            for port in host.ports where port.isOpen {
                guard let service = port.service, let product = service.product else { continue }
                let endpoint = "\(port.proto)/\(port.number)"
                let title = [product, service.version].compactMap { $0 }.joined(separator: " ")
                let names = cpes(service.cpes, where: "Máy \(ip) cổng \(endpoint)",
                                 keep: { $0.cpePart != .operatingSystem }, version: service.version)
                var serviceNotes: [String] = []
                if let name = service.name { serviceNotes.append("Dịch vụ \(name)") }
                if let extra = service.extraInfo { serviceNotes.append(extra) }
                if let osType = service.osType { serviceNotes.append("hệ điều hành \(osType)") }
                drafts.append(AssetDraft(
                    kind: .software, name: "\(title) (\(ip) \(endpoint))",
                    vendor: names.first?.vendor.unescaped, product: product, version: service.version,
                    hostname: hostname, ipAddress: ip, cpes: names, sourceKey: "nmap:\(ip):\(endpoint)",
                    notes: serviceNotes.isEmpty ? nil : serviceNotes.joined(separator: "; ") + "."))
            }
        }
        // A scan is a file from outside: a host or service whose texts are over the limits of an asset is left out.
        let kept = drafts.filter { draft in
            let over = draft.limitProblems()
            if !over.isEmpty {
                problems.append("Bỏ qua \(String(draft.name.prefix(80))): \(over.map(\.vietnamese).joined(separator: " "))")
            }
            return over.isEmpty
        }
        return (kept, problems)
    }

    /// The version as a CPE attribute when it is a single plain version ("7.4p1", "2.2.15", "1.0-rc1"): it starts
    /// with a digit and has only letters, digits and `. _ + ~`, or `-` before a letter; no part is `x` or `*`.
    static func plainVersion(_ text: String) -> CPEAttribute? {
        let chars = Array(text)
        guard let first = chars.first, first.isASCII, first.isNumber else { return nil }
        for (index, char) in chars.enumerated() {
            guard char.isASCII else { return nil }
            if char.isLetter || char.isNumber || ".+_~".contains(char) { continue }
            if char == "-", index + 1 < chars.count, chars[index + 1].isLetter { continue }
            return nil
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.contains(where: { $0.isEmpty || $0.lowercased() == "x" }) else { return nil }
        return try? CPEAttribute(literal: text, of: .version)
    }
}

extension NmapScan.Host {
    /// The most accurate OS match; the first of equally accurate ones (Nmap lists the likeliest first).
    public var bestOSMatch: NmapScan.OSMatch? {
        osMatches.reduce(nil) { best, match in
            guard let best else { return match }
            return match.accuracy > best.accuracy ? match : best
        }
    }

    /// The classes of the best OS match, or for scans by Nmap before 6 the classes listed beside the matches.
    public var bestOSClasses: [NmapScan.OSClass] {
        if let classes = bestOSMatch?.classes, !classes.isEmpty { return classes }
        return osClasses
    }

    /// The most accurate of `bestOSClasses`; the first of equally accurate ones.
    public var bestOSClass: NmapScan.OSClass? {
        bestOSClasses.reduce(nil) { best, osClass in
            guard let best else { return osClass }
            return (osClass.accuracy ?? 0) > (best.accuracy ?? 0) ? osClass : best
        }
    }

    /// The asset kind the best OS class or, failing that, an open service's device type suggests; else `.server`.
    public var assetKind: AssetKind {
        if let kind = bestOSClass?.type.flatMap(Self.networkKind) { return kind }
        for port in ports where port.isOpen {
            if let kind = port.service?.deviceType.flatMap(Self.networkKind) { return kind }
        }
        return .server
    }

    /// router, WAP, broadband router → router; switch, bridge → switch; firewall → firewall; else `nil`.
    static func networkKind(_ deviceType: String) -> AssetKind? {
        switch deviceType.lowercased().trimmingCharacters(in: .whitespaces) {
        case "router", "wap", "broadband router": .router
        case "switch", "bridge": .switch
        case "firewall": .firewall
        default: nil
        }
    }
}
