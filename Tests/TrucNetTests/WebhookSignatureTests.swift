import Testing
@testable import TrucNet

@Suite("WebhookSignature")
struct WebhookSignatureTests {
    private let body = Array(#"{"event":"monitor.down","id":42}"#.utf8)
    private let secret = "whsec_test_0123456789"

    @Test func roundTrip() {
        let header = WebhookSignature.sign(body: body, secret: secret, timestamp: 1_700_000_000)
        #expect(header.hasPrefix("t=1700000000,v1="))
        #expect(header.count == "t=1700000000,v1=".count + 64)
        #expect(WebhookSignature.verify(header: header, body: body, secret: secret, now: 1_700_000_100))
    }

    @Test func knownValue() {
        // HMAC-SHA256(key "key", "1.") computed independently (Python hmac module).
        let header = WebhookSignature.sign(body: [], secret: "key", timestamp: 1)
        #expect(header == "t=1,v1=" + "53123bc365c2fe4bee48bc5cc6cd6c19699147d43513154ed34277c7c063e80f")
    }

    @Test func tamperedBodyFails() {
        let header = WebhookSignature.sign(body: body, secret: secret, timestamp: 1_700_000_000)
        var tampered = body
        tampered[tampered.count - 2] = UInt8(ascii: "3")
        #expect(!WebhookSignature.verify(header: header, body: tampered, secret: secret, now: 1_700_000_000))
    }

    @Test func wrongSecretFails() {
        let header = WebhookSignature.sign(body: body, secret: secret, timestamp: 1_700_000_000)
        #expect(!WebhookSignature.verify(header: header, body: body, secret: secret + "x", now: 1_700_000_000))
    }

    @Test func oldOrFutureTimestampFails() {
        let header = WebhookSignature.sign(body: body, secret: secret, timestamp: 1_700_000_000)
        #expect(!WebhookSignature.verify(header: header, body: body, secret: secret, now: 1_700_000_301))
        #expect(!WebhookSignature.verify(header: header, body: body, secret: secret, now: 1_699_999_699))
        #expect(WebhookSignature.verify(header: header, body: body, secret: secret, now: 1_700_000_300))
        #expect(WebhookSignature.verify(header: header, body: body, secret: secret, now: 1_700_003_000, tolerance: 3_000))
    }

    @Test func changedTimestampFails() {
        let header = WebhookSignature.sign(body: body, secret: secret, timestamp: 1_700_000_000)
        let moved = header.replacingOccurrences(of: "t=1700000000", with: "t=1700000100")
        #expect(!WebhookSignature.verify(header: moved, body: body, secret: secret, now: 1_700_000_100))
    }

    @Test func malformedHeadersFail() {
        let good = WebhookSignature.sign(body: body, secret: secret, timestamp: 1_700_000_000)
        let v1 = String(good.split(separator: ",")[1])
        for header in ["", "t=1700000000", v1, "t=abc," + v1, "t=1700000000,v1=zz", "t=1700000000,v1=abc"] {
            #expect(!WebhookSignature.verify(header: header, body: body, secret: secret, now: 1_700_000_000))
        }
    }

    @Test func anyOfSeveralSignaturesMayMatch() {
        let good = WebhookSignature.sign(body: body, secret: secret, timestamp: 1_700_000_000)
        let other = WebhookSignature.sign(body: body, secret: "old-secret", timestamp: 1_700_000_000)
        let both = other + "," + String(good.split(separator: ",")[1])
        #expect(WebhookSignature.verify(header: both, body: body, secret: secret, now: 1_700_000_000))
    }
}
