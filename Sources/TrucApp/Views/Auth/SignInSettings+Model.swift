import Foundation
import TrucCore

/// The coordinator's sign-in settings: the two-factor requirement, who it covers, and resetting somebody's
/// two-factor sign-in.
enum SignInSettings {}

extension SignInSettings {
        struct CoveredPerson {
            var id: UUID
            var name: String
            var email: String
            var enrolled: Bool
        }

    struct Model {
        let policy: TwoFactorPolicy
        let covered: [CoveredPerson]
        let message: String?
        let error: String?
    }
}
