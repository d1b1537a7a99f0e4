import Foundation

/// Where a CSAF provider's sync stopped (stored as JSON with the feed source).
///
/// Every listed document whose `updated` time is at or before `through` has been handled (imported, or refused
/// for good: hash mismatch, bad signature, not CSAF). Documents updated after `through - overlap` that were handled
/// are in `done` with the `updated` time they had, so a run fetches only documents that are new or whose time
/// changed. A document that could not be fetched (network, 5xx) keeps `through` before it, so it is tried again.
struct CSAFSyncCursor: Codable, Sendable, Equatable {
    /// When the last run started.
    var lastRun: Date?
    /// See above; nil before the first complete run.
    var through: Date?
    /// Document URL → the `updated` time of the document handled.
    var done: [String: Date] = [:]

    /// How far before `through` documents are looked at again, for a provider that lists a document late with an
    /// earlier time.
    static let overlap: TimeInterval = 86_400

    init(lastRun: Date? = nil, through: Date? = nil, done: [String: Date] = [:]) {
        self.lastRun = lastRun
        self.through = through
        self.done = done
    }

    /// Whether the document at `url`, listed with `updated`, needs fetching.
    func needs(_ url: URL, updated: Date?) -> Bool {
        guard let updated else { return true }
        if done[url.absoluteString] == updated { return false }
        guard let through else { return true }
        return updated > through.addingTimeInterval(-Self.overlap)
    }
}
