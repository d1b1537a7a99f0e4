import Foundation
import TrucCore

extension CampaignService {
    /// Runs a TrucCore campaign check, answering its problems as one 422 (`BilingualError`) naming them all.
    static func validated<T>(_ check: () throws(CampaignValidationError) -> T) throws -> T {
        do {
            return try check()
        } catch {
            throw BilingualError(error)
        }
    }

    /// The IANA time zone typed (`CampaignValidation.timeZone`), for the web forms that read dates in it.
    static func checkTimeZone(_ text: String?, _ problems: inout CampaignProblems) -> String {
        CampaignValidation.timeZone(text, &problems)
    }
}
