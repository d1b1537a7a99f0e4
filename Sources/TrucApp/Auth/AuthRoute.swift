import Foundation
import Vapor

/// Sign-in, language, API tokens, two-factor enrolment and the sign-in settings.
enum AuthRoute: WebRoute, Equatable {
    case login, loginSubmit, logout
    case language(String)
    case tokens, createToken, revokeToken(UUID)
    case twoFactorCode, twoFactorCodeSubmit
    case twoFactorAccount, twoFactorEnrol, twoFactorConfirm, twoFactorDisable, twoFactorRecoveryCodes
    case signInSettings, signInSettingsSave, signInSettingsReset

    var method: HTTPMethod {
        switch self {
        case .login, .language, .tokens, .twoFactorCode, .twoFactorAccount, .signInSettings: .GET
        default: .POST
        }
    }

    var segments: [RouteSegment] {
        switch self {
        case .login, .loginSubmit: [.fixed("login")]
        case .logout: [.fixed("logout")]
        case .language(let code): [.fixed("lang"), .text("code", code)]
        case .tokens, .createToken: [.fixed("tokens")]
        case .revokeToken(let id): [.fixed("tokens"), .id("tokenID", id), .fixed("revoke")]
        case .twoFactorCode, .twoFactorCodeSubmit: [.fixed("login"), .fixed("two-factor")]
        case .twoFactorAccount: [.fixed("account"), .fixed("two-factor")]
        case .twoFactorEnrol: [.fixed("account"), .fixed("two-factor"), .fixed("enrol")]
        case .twoFactorConfirm: [.fixed("account"), .fixed("two-factor"), .fixed("confirm")]
        case .twoFactorDisable: [.fixed("account"), .fixed("two-factor"), .fixed("disable")]
        case .twoFactorRecoveryCodes: [.fixed("account"), .fixed("two-factor"), .fixed("recovery-codes")]
        case .signInSettings, .signInSettingsSave: [.fixed("settings"), .fixed("sign-in")]
        case .signInSettingsReset: [.fixed("settings"), .fixed("sign-in"), .fixed("reset")]
        }
    }

    static let allPatterns: [AuthRoute] = [
        .login, .loginSubmit, .logout, .language(.routeKey), .tokens, .createToken, .revokeToken(.routeKey),
        .twoFactorCode, .twoFactorCodeSubmit, .twoFactorAccount, .twoFactorEnrol, .twoFactorConfirm, .twoFactorDisable,
        .twoFactorRecoveryCodes, .signInSettings, .signInSettingsSave, .signInSettingsReset,
    ]
}
