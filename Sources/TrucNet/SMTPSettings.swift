import NIOSSL

/// Where and how `SMTPClient` delivers mail. `description` never shows the password.
public struct SMTPSettings: Sendable {
    /// The server host name or IP literal.
    public var host: String
    /// The TCP port (25, 465 or 587 in practice).
    public var port: Int
    /// Plain, STARTTLS or implicit TLS.
    public var security: SMTPSecurity
    /// The AUTH user name; authentication happens when both `username` and `password` are set.
    public var username: String?
    /// The AUTH password. Never printed, logged or put in an error.
    public var password: String?
    /// The name sent with EHLO/HELO (this host's name, for example "truc.example.vn").
    public var heloName: String
    /// The bound for the whole exchange, from connecting to QUIT.
    public var timeout: Duration
    /// The certificates trusted for the server's chain (`.default`: the system's roots).
    /// Tests point this at their own self-signed certificate.
    public var trustRoots: NIOSSLTrustRoots
    /// Certificate checking; `.fullVerification` (chain and host name) unless a test turns it down.
    public var certificateVerification: CertificateVerification
    /// Allows AUTH over an unencrypted connection to a host that is not loopback. Off by default.
    public var allowInsecureAuthentication: Bool

    public init(
        host: String,
        port: Int,
        security: SMTPSecurity,
        username: String? = nil,
        password: String? = nil,
        heloName: String,
        timeout: Duration = .seconds(30),
        trustRoots: NIOSSLTrustRoots = .default,
        certificateVerification: CertificateVerification = .fullVerification,
        allowInsecureAuthentication: Bool = false
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.heloName = heloName
        self.timeout = timeout
        self.trustRoots = trustRoots
        self.certificateVerification = certificateVerification
        self.allowInsecureAuthentication = allowInsecureAuthentication
    }
}
