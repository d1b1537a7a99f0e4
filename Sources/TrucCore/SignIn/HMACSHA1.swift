/// HMAC-SHA-1 (RFC 2104), the MAC of TOTP codes (RFC 6238 with its default algorithm).
///
/// HMAC does not rely on SHA-1's collision resistance, which is what is broken; RFC 6238 authenticators
/// (phone apps) still use it by default. Built on `SHA1` so `TrucCore` needs no crypto library.
public enum HMACSHA1 {
    static let blockSize = 64

    /// The 20-byte MAC of `message` under `key`.
    public static func authenticationCode(for message: some Sequence<UInt8>, key: some Sequence<UInt8>) -> [UInt8] {
        var keyBytes = Array(key)
        if keyBytes.count > blockSize { keyBytes = SHA1.digest(keyBytes) }
        keyBytes += [UInt8](repeating: 0, count: blockSize - keyBytes.count)
        let inner = SHA1.digest(keyBytes.map { $0 ^ 0x36 } + Array(message))
        return SHA1.digest(keyBytes.map { $0 ^ 0x5c } + inner)
    }
}
