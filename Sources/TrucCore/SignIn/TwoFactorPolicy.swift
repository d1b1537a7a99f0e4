/// Who must sign in with a second factor: the coordinator may require it of coordinators and unit admins, the
/// roles that manage people and settings. Anybody may turn it on for themselves.
public struct TwoFactorPolicy: Codable, Sendable, Equatable {
    /// Roles the requirement covers.
    public static let coveredRoles: Set<Role> = [.coordinator, .unitAdmin]

    public var requiredForAdmins: Bool

    public init(requiredForAdmins: Bool = false) {
        self.requiredForAdmins = requiredForAdmins
    }

    /// Whether somebody holding `roles` (on any unit) must have two-factor sign-in.
    public func isRequired(for roles: some Sequence<Role>) -> Bool {
        requiredForAdmins && roles.contains { Self.coveredRoles.contains($0) }
    }
}
