/// A campaign's input broke one or more rules of `CampaignValidation`; the app answers it as one 422 naming them all.
public struct CampaignValidationError: Error, Sendable, Equatable {
    /// Every problem, in the order found (never empty).
    public var problems: [CampaignProblem]

    public init(problems: [CampaignProblem]) {
        self.problems = problems
    }

    public init(_ vietnamese: String, _ english: String) {
        self.problems = [CampaignProblem(vietnamese, english)]
    }

    /// The problems in Vietnamese, separated by "; ".
    public var vietnamese: String { problems.map(\.vietnamese).joined(separator: "; ") }

    /// The problems in English, separated by "; ".
    public var english: String { problems.map(\.english).joined(separator: "; ") }
}
