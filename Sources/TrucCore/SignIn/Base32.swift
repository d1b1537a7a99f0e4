/// Base32 (RFC 4648 §6, alphabet A–Z 2–7): how TOTP secrets are shown and typed into authenticator apps.
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Upper-case text; with `=` padding to a multiple of 8 characters only when `padding` is true
    /// (otpauth:// URIs and authenticator apps use none).
    public static func encode(_ bytes: some Sequence<UInt8>, padding: Bool = false) -> String {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        if padding { while out.count % 8 != 0 { out.append(UInt8(ascii: "=")) } }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of Base32 text; lower case, spaces, hyphens and trailing `=` padding are accepted, as people
    /// copy secrets in groups. Nil for any other character or a length no encoder produces.
    public static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        var sawPadding = false
        for char in text.utf8 {
            switch char {
            case UInt8(ascii: " "), UInt8(ascii: "-"): continue
            case UInt8(ascii: "="): sawPadding = true; continue
            default: break
            }
            guard !sawPadding else { return nil }
            switch char {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(char - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(char - UInt8(ascii: "a"))
            case UInt8(ascii: "2")...UInt8(ascii: "7"): values.append(char - UInt8(ascii: "2") + 26)
            default: return nil
            }
        }
        // 8 characters carry 5 bytes; a last group of 1, 3 or 6 characters cannot come from whole bytes.
        guard ![1, 3, 6].contains(values.count % 8) else { return nil }
        var bytes: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for value in values {
            buffer = (buffer << 5) | UInt32(value)
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits - 8)))
                bits -= 8
            }
        }
        return bytes
    }
}
