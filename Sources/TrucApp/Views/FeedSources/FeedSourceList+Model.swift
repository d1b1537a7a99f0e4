import Fluent
import Foundation
import TrucCore

/// The coordinator's list of knowledge sources synced on a schedule, with the form that adds a CSAF provider.
enum FeedSourceList {}

extension FeedSourceList {
    struct Model {
        let sources: [FeedSource]
        let metadata: PageMetadata
        /// Whether this instance runs the schedule (`TRUC_FEED_SYNC` not off).
        let scheduleOn: Bool
    }
}
