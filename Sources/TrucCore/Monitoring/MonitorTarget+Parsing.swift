import Foundation

extension MonitorTarget {
    /// The longest URL accepted for an HTTP monitor.
    public static let maxURLLength = 2_048

    /// Parses what a user typed for a monitor of `kind`; problems are reported on the field "target".
    ///
    /// - http: an absolute `http://` or `https://` URL with a host and no user name or password (credentials in the
    ///   URL would be stored and shown in clear). The scheme and host are lower-cased; no spaces.
    /// - tcp: "host:port" (port required), with an IPv6 address in brackets: "[2001:db8::1]:22".
    /// - tls: "host" or "host:port" (port 443 when omitted), or an `https://` URL from which the host and port
    ///   are taken.
    /// - dns: a domain name (see `HostPort.normalizedDomainName(_:field:)`), not an IP address.
    ///
    /// Hosts are domain names, IPv4 addresses or IPv6 addresses, normalised as `HostPort` does.
    /// Internationalised domain names are refused with a message asking for their punycode ("xn--") form.
    public static func parse(kind: MonitorKind, text: String) throws(MonitorValidationError) -> MonitorTarget {
        let field = "target"
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw MonitorValidationError(field: field, vietnamese: "Chưa nhập địa chỉ cần kiểm tra.",
                                         english: "The target is empty.")
        }
        switch kind {
        case .http:
            return .http(try parseHTTPURL(text, field: field))
        case .tcp:
            let endpoint = try HostPort(parsing: text, defaultPort: nil, field: field)
            return .tcp(host: endpoint.host, port: endpoint.port)
        case .tls:
            if text.contains("://") {
                guard text.lowercased().hasPrefix("https://") else {
                    throw MonitorValidationError(
                        field: field,
                        vietnamese: "Kiểm tra chứng thư TLS cần địa chỉ https:// hoặc máy_chủ[:cổng], ví dụ example.org:443.",
                        english: "A TLS check needs an https:// URL or host[:port], e.g. example.org:443.")
                }
                let url = try parseHTTPURL(text, field: field)
                guard let host = url.host else { throw missingHost(text, field: field) }
                return .tls(host: host, port: url.port ?? 443)
            }
            let endpoint = try HostPort(parsing: text, defaultPort: 443, field: field)
            return .tls(host: endpoint.host, port: endpoint.port)
        case .dns:
            if text.contains("://") || text.contains("/") {
                throw MonitorValidationError(
                    field: field,
                    vietnamese: "Kiểm tra DNS cần một tên miền, ví dụ example.org, không phải địa chỉ URL.",
                    english: "A DNS check needs a domain name, e.g. example.org, not a URL.")
            }
            if HostPort.isIPv4(text) || HostPort.normalizedIPv6(text) != nil {
                throw MonitorValidationError(
                    field: field,
                    vietnamese: "Kiểm tra DNS cần một tên miền, không phải địa chỉ IP.",
                    english: "A DNS check needs a domain name, not an IP address.")
            }
            let name = try HostPort.normalizedHost(text, field: field)
            return .dns(name: name)
        }
    }

    /// The canonical text to store and show: the URL for http ("https://example.org/status"), "host:port" for tcp
    /// and tls ("example.org:443", "[::1]:8080"), the name for dns. Parsing it again gives the same target.
    public var text: String {
        switch self {
        case .http(let url): url.absoluteString
        case .tcp(let host, let port), .tls(let host, let port): HostPort(host: host, port: port).description
        case .dns(let name): name
        }
    }

    /// The host the monitor is about, without brackets: the URL's host, the host of a tcp or tls target, the name
    /// of a dns target.
    public var host: String? {
        switch self {
        case .http(let url): url.host
        case .tcp(let host, _), .tls(let host, _): host
        case .dns(let name): name
        }
    }

    /// The port contacted: the URL's port (or 80/443 by scheme), that of a tcp or tls target; nil for dns.
    public var port: Int? {
        switch self {
        case .http(let url): url.port ?? (url.scheme == "https" ? 443 : 80)
        case .tcp(_, let port), .tls(_, let port): port
        case .dns: nil
        }
    }

    private static func missingHost(_ text: String, field: String) -> MonitorValidationError {
        MonitorValidationError(field: field, vietnamese: "Địa chỉ \"\(text)\" thiếu tên máy chủ.",
                               english: "The URL \"\(text)\" has no host.")
    }

    /// An absolute http(s) URL with a valid host and port and no credentials, with the scheme and host normalised.
    private static func parseHTTPURL(_ text: String, field: String) throws(MonitorValidationError) -> URL {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
            throw MonitorValidationError(
                field: field,
                vietnamese: "Địa chỉ phải bắt đầu bằng http:// hoặc https://, ví dụ https://example.org/.",
                english: "The URL must start with http:// or https://, e.g. https://example.org/.")
        }
        guard text.count <= maxURLLength else {
            throw MonitorValidationError(field: field,
                                         vietnamese: "Địa chỉ URL dài quá \(maxURLLength) ký tự.",
                                         english: "The URL is longer than \(maxURLLength) characters.")
        }
        guard !text.contains(where: { $0.isWhitespace || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }) else {
            throw MonitorValidationError(
                field: field,
                vietnamese: "Địa chỉ URL không được chứa khoảng trắng; hãy mã hoá khoảng trắng thành %20.",
                english: "The URL must not contain spaces; encode them as %20.")
        }
        guard var components = URLComponents(string: text) else {
            throw MonitorValidationError(field: field, vietnamese: "\"\(text)\" không phải là địa chỉ URL hợp lệ.",
                                         english: "\"\(text)\" is not a valid URL.")
        }
        guard components.user == nil && components.password == nil else {
            throw MonitorValidationError(
                field: field,
                vietnamese: "Địa chỉ URL không được chứa tên đăng nhập hay mật khẩu (dạng người_dùng:mật_khẩu@).",
                english: "The URL must not contain a user name or password (user:password@).")
        }
        guard var host = components.host, !host.isEmpty else { throw missingHost(text, field: field) }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        host = host.removingPercentEncoding ?? host
        let normalizedHost = try HostPort.normalizedHost(host, field: field)
        if let port = components.port, !HostPort.portRange.contains(port) {
            throw MonitorValidationError(
                field: field,
                vietnamese: "Cổng \(port) không hợp lệ; cổng phải là số từ 1 đến 65535.",
                english: "The port \(port) is invalid; it must be a number from 1 to 65535.")
        }
        components.scheme = lowered.hasPrefix("https://") ? "https" : "http"
        components.percentEncodedHost = HostPort.bracketed(normalizedHost)
        guard let url = components.url, url.host != nil else {
            throw MonitorValidationError(field: field, vietnamese: "\"\(text)\" không phải là địa chỉ URL hợp lệ.",
                                         english: "\"\(text)\" is not a valid URL.")
        }
        return url
    }
}
