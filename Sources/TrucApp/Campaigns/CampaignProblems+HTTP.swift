import TrucCore
import Vapor

extension CampaignProblems {
    /// Throws the problems found so far as one `BilingualError` (422 unless told otherwise) naming them all.
    func check(status: HTTPResponseStatus = .unprocessableEntity) throws {
        guard !isEmpty else { return }
        throw BilingualError(status, list.map(\.vietnamese).joined(separator: "; "), list.map(\.english).joined(separator: "; "))
    }
}
