/// One thing wrong with a campaign's input, in Vietnamese and English.
public struct CampaignProblem: Sendable, Equatable {
    public var vietnamese: String
    public var english: String

    public init(_ vietnamese: String, _ english: String) {
        self.vietnamese = vietnamese
        self.english = english
    }
}
