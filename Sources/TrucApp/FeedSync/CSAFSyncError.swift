/// Why a CSAF provider sync could not run at all.
enum CSAFSyncError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The provider metadata could not be fetched or read.
    case metadata(String)
    /// No listing (ROLIE feed, changes.csv) could be read.
    case listing(String)

    var description: String {
        switch self {
        case .metadata(let message): "provider-metadata.json: \(message)"
        case .listing(let message): "document listing: \(message)"
        }
    }
}
