extension TextLimit {
    /// `text` when it fits `limit` Unicode scalars, else its first `limit - 1` scalars followed by "…": for texts
    /// from files (scanner evidence, names) that are kept shortened rather than refused.
    public static func cut(_ text: String, to limit: Int) -> String {
        guard !fits(text, limit) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.prefix(max(0, limit - 1)))
        return String(scalars) + "…"
    }
}
