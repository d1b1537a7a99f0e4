import Foundation

/// The people an alert goes to and the stage they were taken from (see `AlertRouting`).
public struct RoutedRecipients: Sendable, Equatable {
    /// The stage actually used: the one asked for, or a later one when nobody could be reached at it.
    public var stage: AlertStage
    /// Each person once, e-mail addresses trimmed, in the order given; empty when nobody at any stage from the one
    /// asked for has an e-mail address.
    public var people: [AlertRecipient]

    public init(stage: AlertStage, people: [AlertRecipient]) {
        self.stage = stage
        self.people = people
    }
}
