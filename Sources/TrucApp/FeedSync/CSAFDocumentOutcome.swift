/// What a CSAF provider sync did with one listed document.
struct CSAFDocumentOutcome: Sendable, Equatable {
    enum State: Sendable, Equatable {
        /// Imported, with its signature state.
        case imported(CSAFOrigin.Signature)
        /// Refused for good (hash mismatch, no hash file, bad signature, not CSAF): tried again when its time changes.
        case refused(String)
        /// Not fetched (network, HTTP error): tried again at the next run.
        case failed(String)
    }

    var url: String
    var state: State
}
