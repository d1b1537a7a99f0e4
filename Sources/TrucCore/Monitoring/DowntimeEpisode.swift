import Foundation

/// A period a monitor was down: from a confirmed change to `down` until the next confirmed change away from it.
public struct DowntimeEpisode: Sendable, Equatable, Codable {
    public var start: Date
    /// Nil while the outage goes on.
    public var end: Date?

    public init(start: Date, end: Date?) {
        self.start = start
        self.end = end
    }

    /// How long it lasted, until `now` if it goes on.
    public func duration(now: Date) -> TimeInterval {
        max((end ?? now).timeIntervalSince(start), 0)
    }

    /// The episodes in a chronological list of state changes (as `MonitorStateTracker` reports them): each change
    /// to `down` opens one, the next change from `down` closes it; a repeated change to `down` while one is open
    /// is ignored. Changes are sorted by date first.
    public static func episodes(from changes: [MonitorStateChange]) -> [DowntimeEpisode] {
        var result: [DowntimeEpisode] = []
        var open: Date?
        for change in changes.sorted(by: { $0.at < $1.at }) {
            if change.to == .down {
                if open == nil { open = change.at }
            } else if let start = open {
                result.append(DowntimeEpisode(start: start, end: change.at))
                open = nil
            }
        }
        if let open { result.append(DowntimeEpisode(start: open, end: nil)) }
        return result
    }

    /// The downtime within `from..<to`: each episode clipped to the period (an open one runs to `to`).
    public static func totalDowntime(_ episodes: [DowntimeEpisode], from: Date, to: Date) -> TimeInterval {
        episodes.reduce(0) { sum, episode in
            let start = max(episode.start, from)
            let end = min(episode.end ?? to, to)
            return sum + max(end.timeIntervalSince(start), 0)
        }
    }
}
