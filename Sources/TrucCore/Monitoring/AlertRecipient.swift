import Foundation

/// A person an alert may be sent to.
public struct AlertRecipient: Sendable, Hashable {
    public var personID: UUID
    public var name: String
    public var email: String

    public init(personID: UUID, name: String, email: String) {
        self.personID = personID
        self.name = name
        self.email = email
    }
}
