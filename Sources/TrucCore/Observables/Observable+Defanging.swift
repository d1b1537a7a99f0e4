import Foundation

extension Observable {
    /// The value written so that mail clients and chat programs do not turn it into a link, for e-mails and
    /// messages: "hxxps://evil[.]example/path", "203.0.113[.]7", "evil[.]example", "attacker[@]evil[.]example",
    /// "2001[:]db8[:][:]1". Hashes and CVE identifiers are returned as they are.
    /// `ObservableExtractor.refang(_:)` undoes it.
    public var defanged: String {
        switch kind {
        case .ipv4:
            guard let lastDot = value.lastIndex(of: ".") else { return value }
            return value[..<lastDot] + "[.]" + value[value.index(after: lastDot)...]
        case .ipv6:
            return value.replacingOccurrences(of: ":", with: "[:]")
        case .domain:
            return value.replacingOccurrences(of: ".", with: "[.]")
        case .email:
            guard let at = value.lastIndex(of: "@") else { return value }
            return value[..<at] + "[@]" + value[value.index(after: at)...].replacingOccurrences(of: ".", with: "[.]")
        case .url:
            guard let separator = value.range(of: "://") else { return value }
            let scheme = value[..<separator.lowerBound]
            let defangedScheme = switch scheme {
            case "http": "hxxp"
            case "https": "hxxps"
            case "ftp": "fxp"
            default: String(scheme)
            }
            let afterScheme = value[separator.upperBound...]
            let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
            let authority = afterScheme[..<authorityEnd].replacingOccurrences(of: ".", with: "[.]")
            return defangedScheme + "://" + authority + afterScheme[authorityEnd...]
        case .md5, .sha1, .sha256, .cve:
            return value
        }
    }
}
