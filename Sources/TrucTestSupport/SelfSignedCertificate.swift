import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import TrucNet
import X509

/// A self-signed ECDSA P-256 server certificate with its key, made in memory with swift-certificates and
/// swift-crypto (no openssl command). For tests and benchmarks: a `LoopbackHTTPServer` serves it.
public struct SelfSignedCertificate: Sendable {
    /// The certificate, ready for a NIOSSL server configuration.
    public let certificate: NIOSSLCertificate
    /// The private key, ready for a NIOSSL server configuration.
    public let privateKey: NIOSSLPrivateKey
    /// The certificate as PEM ("-----BEGIN CERTIFICATE-----...").
    public let certificatePEM: String
    /// The private key as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----...").
    public let privateKeyPEM: String
    /// The certificate as DER.
    public let certificateDER: [UInt8]
    public let notBefore: Date
    public let notAfter: Date

    /// Makes a new key pair and a certificate for it, signed by itself.
    /// - Parameters:
    ///   - commonName: subject and issuer CN.
    ///   - notBefore: start of validity; may lie in the past.
    ///   - notAfter: end of validity; may lie in the past to make an expired certificate.
    ///   - subjectAltNames: DNS names, or IPv4/IPv6 literals that become IP address entries.
    public static func make(
        commonName: String = "localhost",
        notBefore: Date,
        notAfter: Date,
        subjectAltNames: [String] = ["localhost", "127.0.0.1"]
    ) throws -> SelfSignedCertificate {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            CommonName(commonName)
        }
        let altNames = subjectAltNames.map { entry -> GeneralName in
            if let bytes = IPAddressLiteral.bytes(entry) {
                return .ipAddress(ASN1OctetString(contentBytes: ArraySlice(bytes)))
            }
            return .dnsName(entry)
        }
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.serverAuth])
            SubjectAlternativeNames(altNames)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: Certificate.PrivateKey(key)
        )
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        let der = serializer.serializedBytes
        let certificatePEM = try certificate.serializeAsPEM().pemString
        let keyPEM = key.pemRepresentation
        return SelfSignedCertificate(
            certificate: try NIOSSLCertificate(bytes: der, format: .der),
            privateKey: try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem),
            certificatePEM: certificatePEM,
            privateKeyPEM: keyPEM,
            certificateDER: der,
            notBefore: notBefore,
            notAfter: notAfter
        )
    }
}
