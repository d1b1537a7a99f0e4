import Fluent
import Foundation
import TrucCore

/// One knowledge source: its settings (editable by the coordinator), "run now", and its recorded runs.
enum FeedSourceShow {}

extension FeedSourceShow {
    struct Model {
        let source: FeedSource
        let runs: [FeedRun]
        let metadata: PageMetadata
        let scheduleOn: Bool
        /// The API key this request just set: shown once.
        let newKey: String?
        /// Why the submitted settings were refused, shown above the form.
        let error: String?
    }
}
