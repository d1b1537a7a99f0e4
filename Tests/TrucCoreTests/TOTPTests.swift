import Foundation
import Testing
@testable import TrucCore

@Suite("TOTP, HMAC-SHA-1, Base32 and recovery codes")
struct TOTPTests {
    /// RFC 6238 Appendix B: the SHA-1 rows, 8 digits, secret "12345678901234567890".
    @Test("RFC 6238 Appendix B test vectors (SHA-1)", arguments: [
        (59.0, "94287082"), (1_111_111_109.0, "07081804"), (1_111_111_111.0, "14050471"),
        (1_234_567_890.0, "89005924"), (2_000_000_000.0, "69279037"), (20_000_000_000.0, "65353130"),
    ])
    func rfc6238(seconds: Double, expected: String) {
        let totp = TOTP(secret: Array("12345678901234567890".utf8), digits: 8)
        let date = Date(timeIntervalSince1970: seconds)
        #expect(totp.code(at: date) == expected)
        // The 6-digit code apps show is the same number modulo 10^6.
        #expect(TOTP(secret: totp.secret).code(at: date) == String(expected.suffix(6)))
        #expect(totp.verify(expected, at: date) == totp.step(at: date))
    }

    /// RFC 4226 Appendix D: HOTP values for counters 0…9 (TOTP is HOTP of the time step).
    @Test func rfc4226HOTPValues() {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        let expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        #expect((0..<10).map { totp.code(step: Int64($0)) } == expected)
    }

    @Test("RFC 2202 HMAC-SHA-1 test cases", arguments: [
        ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8), "b617318655057264e28bc0b6fb378c8ef146be00"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
        ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50), "125d7342b9ac11cd91a39af48aa17b4f63f175d3"),
        ([UInt8](repeating: 0xaa, count: 80), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "aa4ae5e15272d00e95705637ce8a3b55ed402112"),
    ])
    func hmac(key: [UInt8], message: [UInt8], expected: String) {
        #expect(Hex.encode(HMACSHA1.authenticationCode(for: message, key: key)) == expected)
    }

    @Test func oneStepEitherSideIsAcceptedAndNoMore() {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let step = totp.step(at: now)
        #expect(totp.verify(totp.code(step: step - 1), at: now) == step - 1)
        #expect(totp.verify(totp.code(step: step + 1), at: now) == step + 1)
        #expect(totp.verify(totp.code(step: step - 2), at: now) == nil)
        #expect(totp.verify(totp.code(step: step + 2), at: now) == nil)
        // Spaces as apps show them are fine; anything else is not a code.
        let code = totp.code(step: step)
        #expect(totp.verify(String(code.prefix(3)) + " " + String(code.suffix(3)), at: now) == step)
        for junk in ["", "12345", "1234567", "abcdef", "１２３４５６", String(code.prefix(5)) + "x"] {
            #expect(totp.verify(junk, at: now) == nil)
        }
    }

    @Test func aCodeIsNotAcceptedTwice() {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let code = totp.code(at: now)
        let used = try! #require(totp.verify(code, at: now))
        // Same code, same step or 20 seconds later (still in its window): refused once that step was used.
        #expect(totp.verify(code, at: now, after: used) == nil)
        #expect(totp.verify(code, at: now.addingTimeInterval(20), after: used) == nil)
        // The previous step's code is refused too: it is older than the last one used.
        #expect(totp.verify(totp.code(step: used - 1), at: now, after: used) == nil)
        // The next step's code is fine.
        #expect(totp.verify(totp.code(step: used + 1), at: now.addingTimeInterval(30), after: used) == used + 1)
    }

    @Test func theURIIsWhatAuthenticatorAppsRead() {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        #expect(totp.uri(account: "dieuphoi@tinh.gov.vn", issuer: "Trực ATTT") ==
            "otpauth://totp/Tr%E1%BB%B1c%20ATTT:dieuphoi@tinh.gov.vn?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            + "&issuer=Tr%E1%BB%B1c%20ATTT&algorithm=SHA1&digits=6&period=30")
        #expect(TOTP(base32: "gezd gnbv gy3t qojq gezd gnbv gy3t qojq")?.secret == totp.secret)
        #expect(TOTP(base32: "GEZDGNBV") == nil, "shorter than 80 bits")
        var rng = SplitMix64(seed: 7)
        #expect(TOTP.generateSecret(using: &rng).count == 20)
    }

    @Test("RFC 4648 Base32 test vectors", arguments: [
        ("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="), ("foob", "MZXW6YQ="),
        ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======"),
    ])
    func base32(plain: String, encoded: String) {
        #expect(Base32.encode(Array(plain.utf8), padding: true) == encoded)
        #expect(Base32.encode(Array(plain.utf8)) == encoded.replacingOccurrences(of: "=", with: ""))
        #expect(Base32.decode(encoded) == Array(plain.utf8))
        #expect(Base32.decode(encoded.lowercased().replacingOccurrences(of: "=", with: "")) == Array(plain.utf8))
    }

    @Test func base32RefusesWhatNoEncoderWrites() {
        for bad in ["MY0=====", "M", "MZX", "MZXW6Y", "MY==MY==", "MZ!Q", "ẞ"] {
            #expect(Base32.decode(bad) == nil, "\(bad)")
        }
        var rng = SplitMix64(seed: 42)
        for length in 0..<40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
        }
    }

    @Test func recoveryCodesAreDistinctReadableAndNormalised() throws {
        var rng = SplitMix64(seed: 1)
        let codes = RecoveryCodes.generate(using: &rng)
        #expect(codes.count == 10)
        #expect(Set(codes).count == 10)
        for code in codes {
            #expect(code.count == 11)
            #expect(code.dropFirst(5).first == "-")
            #expect(RecoveryCodes.normalize(code) == code.replacingOccurrences(of: "-", with: ""))
            #expect(RecoveryCodes.normalize(" " + code.uppercased() + " ") == code.replacingOccurrences(of: "-", with: ""))
        }
        for bad in ["", "abcde", "abcde-fghij-k", "abcde-fgh1j", "123456"] {
            #expect(RecoveryCodes.normalize(bad) == nil, "\(bad)")
        }
    }

    @Test func theRequirementCoversCoordinatorsAndUnitAdminsOnlyWhenOn() {
        let on = TwoFactorPolicy(requiredForAdmins: true)
        #expect(on.isRequired(for: [.coordinator]))
        #expect(on.isRequired(for: [.dutyOfficer, .unitAdmin]))
        #expect(!on.isRequired(for: [.dutyOfficer, .responder, .auditor]))
        #expect(!on.isRequired(for: []))
        #expect(!TwoFactorPolicy().isRequired(for: Role.allCases))
    }
}
