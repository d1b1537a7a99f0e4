import Foundation
import NIOSSL
import Testing
import TrucTestSupport
@testable import TrucNet

@Suite("SelfSignedCertificate")
struct SelfSignedCertificateTests {
    @Test func pemAndDERDescribeTheSameCertificate() throws {
        let notBefore = Date(timeIntervalSince1970: 1_700_000_000)
        let notAfter = Date(timeIntervalSince1970: 1_800_000_000)
        let made = try SelfSignedCertificate.make(
            commonName: "truc.test", notBefore: notBefore, notAfter: notAfter,
            subjectAltNames: ["truc.test", "127.0.0.1", "::1"])
        #expect(made.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----"))
        #expect(made.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let fromPEM = try NIOSSLCertificate.fromPEMBytes(Array(made.certificatePEM.utf8))
        #expect(fromPEM == [made.certificate])
        #expect(try made.certificate.toDERBytes() == made.certificateDER)
        #expect(made.certificate.notValidAfter == 1_800_000_000)
        #expect(made.certificate.notValidBefore == 1_700_000_000)
        let names = Array(made.certificate._subjectAlternativeNames())
        #expect(names.count == 3)
        let key = try NIOSSLPrivateKey(bytes: Array(made.privateKeyPEM.utf8), format: .pem)
        #expect(key == made.privateKey)
    }
}
