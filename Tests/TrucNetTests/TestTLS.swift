import NIOSSL

/// A self-signed certificate for "localhost", 127.0.0.1 and ::1, valid 2020–2120, made only for
/// these loopback tests (its key protects nothing else).
enum TestTLS {
    static let certificatePEM = """
-----BEGIN CERTIFICATE-----
MIIBmTCCAT+gAwIBAgIUPTheKI8MpsaR1rl4tZORz8xh1/EwCgYIKoZIzj0EAwIw
IjEgMB4GA1UEAwwXVHJ1YyBBVFRUIGxvb3BiYWNrIHRlc3QwIBcNMjAwMTAxMDAw
MDAwWhgPMjEyMDAxMDEwMDAwMDBaMCIxIDAeBgNVBAMMF1RydWMgQVRUVCBsb29w
YmFjayB0ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEMXD7aeHukspAHFW4
em2D5kOp/m4S9dBjD0/C7vMFkC2Dag1fNx02UqXj4BIvsszi+vN6S8tq9DKZbtkp
gXWM26NRME8wLAYDVR0RBCUwI4IJbG9jYWxob3N0hwR/AAABhxAAAAAAAAAAAAAA
AAAAAAABMA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgKEMAoGCCqGSM49
BAMCA0gAMEUCIHAGj6rOXrwk/LD6AbGePsmFMoKikdWq47gyW9yT1HgcAiEApUrn
8aFYS5PieJrjo2snq8skG0nwhaSkXp/WDvEODeQ=
-----END CERTIFICATE-----
"""

    static let privateKeyPEM = """
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgJ2fauq/MM6Ac4rOS
Nhr5AJr6e7x0mfvsLIhbH/V2m8GhRANCAAQxcPtp4e6SykAcVbh6bYPmQ6n+bhL1
0GMPT8Lu8wWQLYNqDV83HTZSpePgEi+yzOL683pLy2r0Mplu2SmBdYzb
-----END PRIVATE KEY-----
"""

    static func certificate() throws -> NIOSSLCertificate {
        try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem)
    }

    /// A server context presenting the test certificate.
    static func serverContext() throws -> NIOSSLContext {
        let key = try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try certificate())], privateKey: .privateKey(key))
        return try NIOSSLContext(configuration: configuration)
    }

    /// Trust roots holding only the test certificate.
    static func trustRoots() throws -> NIOSSLTrustRoots {
        .certificates([try certificate()])
    }
}
