import Foundation

/// What a monitor points at, parsed and validated from the text a user typed.
public enum MonitorTarget: Sendable, Equatable {
    /// http:// or https:// URL.
    case http(URL)
    case tcp(host: String, port: Int)
    /// host:port, port 443 when omitted.
    case tls(host: String, port: Int)
    /// A domain name to resolve.
    case dns(name: String)

    public var kind: MonitorKind {
        switch self {
        case .http: .http
        case .tcp: .tcp
        case .tls: .tls
        case .dns: .dns
        }
    }
}
