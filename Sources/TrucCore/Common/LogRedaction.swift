/// Removes secrets from a line before it is logged: acknowledgement links (`/ack/{id}.{hmac}`, a capability that
/// acknowledges an alert for whoever holds it), API tokens (`truc_…`), bearer credentials, session and CSRF cookie
/// values, and query or form values named like secrets (`password=`, `token=`, `secret=`, `_csrf=`, `otp=`).
/// Each secret becomes `[redacted]`; the rest of the line is kept as it was.
public enum LogRedaction {
    public static let placeholder = "[redacted]"

    enum Extent { case pathSegment, value }

    /// Markers (ASCII, matched without regard to case) after which a secret follows.
    static let markers: [(marker: [UInt8], extent: Extent)] = {
        let list: [(String, Extent)] = [
            ("/ack/", .pathSegment), ("bearer ", .value), ("truc_session=", .value), ("truc_csrf=", .value),
            ("_csrf=", .value), ("password=", .value), ("token=", .value), ("secret=", .value), ("otp=", .value),
        ]
        return list.map { (marker: Array($0.0.utf8), extent: $0.1) }
    }()

    /// API tokens: this prefix followed by at least this many base64url characters.
    static let tokenPrefix = Array("truc_".utf8)
    static let tokenMinimum = 20

    public static func redact(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 4 else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var changed = false
        var i = 0
        scan: while i < bytes.count {
            for (marker, extent) in markers where matches(marker, in: bytes, at: i) {
                let start = i + marker.count
                let end = valueEnd(bytes, from: start, extent)
                output.append(contentsOf: bytes[i..<start])
                if end > start {
                    output.append(contentsOf: placeholder.utf8)
                    changed = true
                }
                i = end
                continue scan
            }
            if matches(tokenPrefix, in: bytes, at: i) {
                let start = i + tokenPrefix.count
                var end = start
                while end < bytes.count, isBase64URL(bytes[end]) { end += 1 }
                if end - start >= tokenMinimum {
                    output.append(contentsOf: tokenPrefix)
                    output.append(contentsOf: placeholder.utf8)
                    changed = true
                    i = end
                    continue scan
                }
            }
            output.append(bytes[i])
            i += 1
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    static func matches(_ marker: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        guard index + marker.count <= bytes.count else { return false }
        for k in 0..<marker.count where lower(bytes[index + k]) != marker[k] { return false }
        return true
    }

    static func valueEnd(_ bytes: [UInt8], from start: Int, _ extent: Extent) -> Int {
        var end = start
        while end < bytes.count {
            let b = bytes[end]
            if b <= 0x20 || b == 0x7F || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b == UInt8(ascii: "<")
                || b == UInt8(ascii: ">") || b == UInt8(ascii: "#") || b == UInt8(ascii: "&") || b == UInt8(ascii: ")") { break }
            switch extent {
            case .pathSegment:
                if b == UInt8(ascii: "/") || b == UInt8(ascii: "?") || b == UInt8(ascii: "\\") { return end }
            case .value:
                if b == UInt8(ascii: ";") || b == UInt8(ascii: ",") { return end }
            }
            end += 1
        }
        return end
    }

    static func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b + 0x20 : b }

    static func isBase64URL(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
    }
}
