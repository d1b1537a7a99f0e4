import Foundation

/// What a monitor checks.
public enum MonitorKind: String, Sendable, Codable, CaseIterable {
    /// An HTTP(S) request: expected status, keyword present or absent, latency.
    case http
    /// A TCP connection to host:port.
    case tcp
    /// The TLS certificate of host:port, by days left before it expires.
    case tls
    /// A DNS lookup of a name, optionally with the records it must return.
    case dns

    public var vietnamese: String {
        switch self {
        case .http: "HTTP(S)"
        case .tcp: "Kết nối TCP"
        case .tls: "Chứng thư TLS"
        case .dns: "Phân giải DNS"
        }
    }

    public var english: String {
        switch self {
        case .http: "HTTP(S)"
        case .tcp: "TCP connect"
        case .tls: "TLS certificate"
        case .dns: "DNS resolution"
        }
    }
}
