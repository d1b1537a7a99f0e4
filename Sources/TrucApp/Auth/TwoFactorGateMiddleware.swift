import TrucCore
import Vapor

/// While the coordinator requires two-factor sign-in of coordinators and unit admins, a person in those roles who
/// has not enrolled can, on the web, only enrol (or sign out): every other page sends them to /account/two-factor,
/// and every other form is refused. API tokens are not held back (they were issued after a sign-in).
struct TwoFactorGateMiddleware: AsyncMiddleware {
    static let open = [AuthRoute.twoFactorAccount.path, AuthRoute.logout.path, "/lang/", "/static/", AuthRoute.login.path]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let principal = request.principal, principal.tokenID == nil,
              principal.policy.grants.contains(where: { TwoFactorPolicy.coveredRoles.contains($0.role) }),
              !Self.open.contains(where: { request.url.path.hasPrefix($0) }),
              try await TwoFactorService.policy(on: request.db).requiredForAdmins,
              !(try await TwoFactorService.isEnabled(personID: principal.personID, on: request.db))
        else { return try await next.respond(to: request) }
        if request.method == .GET || request.method == .HEAD {
            return request.redirect(to: AuthRoute.twoFactorAccount)
        }
        throw BilingualError(.forbidden, "Vai trò của bạn bắt buộc xác thực hai lớp: hãy đăng ký tại /account/two-factor trước.",
                             "Your role requires two-factor sign-in: enrol at /account/two-factor first.")
    }
}
