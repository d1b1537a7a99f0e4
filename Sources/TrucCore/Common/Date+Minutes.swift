import Foundation

extension Date {
    /// Whole minutes since 1970-01-01T00:00Z, truncated down (floor).
    public var minutesSince1970: Int {
        Int(timeIntervalSince1970.rounded(.down)).floorDiv(60)
    }

    /// Whole minutes since 1970-01-01T00:00Z, rounded up (ceiling).
    var minutesSince1970RoundedUp: Int {
        let seconds = Int(timeIntervalSince1970.rounded(.up))
        return -(-seconds).floorDiv(60)
    }

    /// The instant `minutes` whole minutes after 1970-01-01T00:00Z.
    public init(minutesSince1970 minutes: Int) {
        self.init(timeIntervalSince1970: TimeInterval(minutes) * 60)
    }
}
