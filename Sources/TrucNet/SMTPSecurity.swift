/// How the SMTP connection is protected.
public enum SMTPSecurity: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Plain TCP (port 25, or a local relay). Credentials are only sent over it to a loopback host
    /// unless `SMTPSettings.allowInsecureAuthentication` is set.
    case none
    /// Plain TCP upgraded with STARTTLS (RFC 3207) before anything else is sent (port 587).
    case startTLS
    /// TLS from the first byte ("implicit TLS", RFC 8314, port 465).
    case tls

    public var description: String { rawValue }
}
