/// One-time recovery codes for two-factor sign-in: for when the authenticator is lost. Each is 10 Base32
/// characters (50 random bits), shown as "abcde-fghij"; the server keeps only a hash of each and accepts each once.
public enum RecoveryCodes {
    /// Codes in a set.
    public static let count = 10
    static let length = 10
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")

    /// `count` new codes, formatted for reading ("abcde-fghij"), all different.
    public static func generate<G: RandomNumberGenerator>(count: Int = count, using generator: inout G) -> [String] {
        var codes: [String] = []
        while codes.count < count {
            let chars = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            let code = String(chars[0..<5]) + "-" + String(chars[5...])
            if !codes.contains(code) { codes.append(code) }
        }
        return codes
    }

    /// The canonical form of a typed code (lower case, without spaces or hyphens); nil when it cannot be one.
    public static func normalize(_ text: String) -> String? {
        let chars = text.lowercased().filter { $0 != " " && $0 != "-" }
        guard chars.count == length, chars.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return chars
    }
}
