import Crypto
import Foundation
import TrucCore

/// HMAC-SHA256 signatures of webhook deliveries, in the header `X-Truc-Signature: t=<unix>,v1=<hex>`, where
/// `<hex>` is the lower-case hex HMAC-SHA256, keyed with the secret's UTF-8 bytes, of `"<t>." + body`.
/// The timestamp in the signed text lets a receiver refuse replays of old deliveries.
public enum WebhookSignature {
    /// The header value for `body` sent at `timestamp` (Unix seconds).
    public static func sign(body: [UInt8], secret: String, timestamp: Int) -> String {
        "t=\(timestamp),v1=\(Hex.encode(mac(body: body, secret: secret, timestamp: timestamp)))"
    }

    /// Whether `header` carries a valid signature of `body` with `secret`, made no more than `tolerance` seconds
    /// away from `now` (either way). Several `v1=` entries are allowed (any one may match, as during a secret
    /// rotation); the comparison takes the same time wherever the bytes differ.
    public static func verify(header: String, body: [UInt8], secret: String, now: Int, tolerance: Int = 300) -> Bool {
        var timestamp: Int?
        var candidates: [[UInt8]] = []
        for item in header.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let key = pair[0].trimmingCharacters(in: .whitespaces)
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            if key == "t" {
                timestamp = Int(value)
            } else if key == "v1", !value.isEmpty, let bytes = Hex.decode(value) {
                candidates.append(bytes)
            }
        }
        guard let timestamp, !candidates.isEmpty, tolerance >= 0 else { return false }
        let (skew, overflow) = now.subtractingReportingOverflow(timestamp)
        guard !overflow, skew.magnitude <= UInt(tolerance) else { return false }
        let expected = mac(body: body, secret: secret, timestamp: timestamp)
        var matched = false
        for candidate in candidates where constantTimeEqual(candidate, expected) {
            matched = true
        }
        return matched
    }

    private static func mac(body: [UInt8], secret: String, timestamp: Int) -> [UInt8] {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: Array(secret.utf8)))
        hmac.update(data: Array("\(timestamp).".utf8))
        hmac.update(data: body)
        return Array(hmac.finalize())
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices {
            difference |= a[i] ^ b[i]
        }
        return difference == 0
    }
}
