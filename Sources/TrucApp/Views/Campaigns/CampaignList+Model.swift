import Fluent
import Foundation

/// The list of campaigns a person may see, searchable by title and state.
enum CampaignList {}

extension CampaignList {
    struct Model {
        var campaigns: [Campaign]
        var metadata: PageMetadata
        var q: String?
        var state: String?
        /// Coordinators get the link to the creation form.
        var mayCreate: Bool
        var now: Date
    }
}
