extension AssetDraft {
    /// The longest vendor, product, version and system name of an asset: 300.
    public static let maxTextLength = 300

    /// Every text of the draft longer than its limit (the limits of a CSV row: `AssetCSV`), and a CPE list longer
    /// than `AssetCSV.maximumCPEsPerRow`; empty when the draft may be stored.
    public func limitProblems() -> [FieldValidationError.Problem] {
        var check = TextLimitCheck()
        check.text("name", name, AssetCSV.maximumNameLength)
        check.text("system", systemName, Self.maxTextLength)
        check.text("vendor", vendor, Self.maxTextLength)
        check.text("product", product, Self.maxTextLength)
        check.text("version", version, Self.maxTextLength)
        check.text("hostname", hostname, TextLimit.host)
        check.text("ip", ipAddress, TextLimit.host)
        check.text("key", sourceKey, TextLimit.line)
        check.text("notes", notes, AssetCSV.maximumNotesLength)
        check.entries("cpe", cpes.count, AssetCSV.maximumCPEsPerRow)
        return check.problems
    }
}
