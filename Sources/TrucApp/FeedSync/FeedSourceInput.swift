import TrucCore
import Vapor

/// A coordinator's change to a feed source (API and web form). Absent fields are left as they are; on the web form
/// an unticked `enabled` box is sent as nothing, so the controller reads it as false. `apiKey` sets the key (NVD),
/// `clearAPIKey` removes it.
struct FeedSourceInput: Content, LimitedInput {
    var name: String?
    var url: String?
    var intervalMinutes: Int?
    var enabled: Bool?
    var apiKey: String?
    var clearAPIKey: Bool?

    func checkLimits(_ check: inout TextLimitCheck) {
        check.text("name", name, FeedSourceSettings.maxNameLength)
        check.text("url", url, FeedSourceSettings.maxURLLength)
        check.text("apiKey", apiKey, FeedSourceSettings.maxAPIKeyLength)
    }
}
