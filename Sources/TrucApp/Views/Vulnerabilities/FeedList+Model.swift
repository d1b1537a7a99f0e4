import Fluent
import Foundation
import TrucCore

/// The vulnerability data sources: feed imports, counts, and the SLA table (editable by the coordinator).
enum FeedList {}

extension FeedList {
    struct Model {
        let imports: [FeedImport]
        let metadata: PageMetadata
        let policy: SLAPolicy
        let cveCount: Int
        let kevCount: Int
        let mayEditSLA: Bool
        var csafDocuments = FeedList.CSAFDocuments()
        var offline = FeedList.Offline()
        var sync = FeedList.Sync()
    }
}
