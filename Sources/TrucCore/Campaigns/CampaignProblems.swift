/// Collects every problem of a campaign's input, so that one answer names them all.
public struct CampaignProblems: Sendable, Equatable {
    public private(set) var list: [CampaignProblem] = []

    public init() {}

    public var isEmpty: Bool { list.isEmpty }

    public mutating func add(_ vietnamese: String, _ english: String) {
        list.append(CampaignProblem(vietnamese, english))
    }

    /// Throws the problems found so far, if there are any.
    public func failIfAny() throws(CampaignValidationError) {
        guard !list.isEmpty else { return }
        throw CampaignValidationError(problems: list)
    }
}
