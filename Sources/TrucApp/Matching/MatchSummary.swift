import Vapor

/// What one matching run changed.
struct MatchSummary: Content, Equatable {
    var assets = 0
    var cves = 0
    var newFindings = 0
    var reopened = 0
    var closed = 0
    var updated = 0

    mutating func add(_ other: MatchSummary) {
        assets += other.assets
        cves = max(cves, other.cves)
        newFindings += other.newFindings
        reopened += other.reopened
        closed += other.closed
        updated += other.updated
    }

    var line: String {
        "\(assets) asset(s) × \(cves) CVE(s): \(newFindings) new finding(s), \(reopened) reopened, \(closed) closed (no longer matching), \(updated) updated"
    }
}
