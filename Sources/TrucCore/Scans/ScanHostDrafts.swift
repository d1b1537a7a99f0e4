/// The assets a scanned host (or artifact) becomes: the host itself and its software, each keyed for re-import.
public struct ScanHostDrafts: Sendable, Hashable {
    /// The `ScanHost.key` in the report.
    public var hostKey: String
    public var host: AssetDraft
    /// Software by its `ScanSoftware.ref`.
    public var software: [String: AssetDraft]
    /// For an artifact: every asset keyed under it (`artifact:NAME|…`) is covered by the report.
    public var isArtifact: Bool

    public init(hostKey: String, host: AssetDraft, software: [String: AssetDraft], isArtifact: Bool) {
        self.hostKey = hostKey
        self.host = host
        self.software = software
        self.isArtifact = isArtifact
    }
}
