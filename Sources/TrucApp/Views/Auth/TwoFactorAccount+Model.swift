import Foundation
import TrucCore

/// The person's own two-factor page: its state and the forms that fit it. No JavaScript: the secret and the
/// otpauth:// URI are shown as text next to the QR code.
enum TwoFactorAccount {}

extension TwoFactorAccount {
    struct Model {
        let status: TwoFactorService.Status
        /// The enrolment under way, if any.
        let enrolment: TwoFactorService.Enrolment?
        /// Whether enrolling asks for the password again (the sign-in is not fresh).
        let askPassword: Bool
        let error: String?
    }
}
