/// Something one person does to another person's account (see `PersonManagement`).
public enum PersonAction: String, CaseIterable, Sendable {
    /// Change the name, title or phone.
    case editProfile
    /// Set a new password (which also ends the person's sessions and revokes their API tokens).
    case resetPassword
    /// Stop the person from signing in (also ends their sessions and revokes their API tokens).
    case deactivate
    case reactivate
    case grantRole
    case withdrawRole
}
