import Fluent
import TrucCore
import Vapor

/// `truc reset-two-factor --email a@b`: turns somebody's two-factor sign-in off when nobody who could do it on the
/// web can sign in (the only coordinator lost their phone and recovery codes). Audited as done by "system".
struct ResetTwoFactorCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "E-mail of the person whose two-factor sign-in is reset")
        var email: String?
    }

    var help: String { "Turn a person's two-factor sign-in off (lost authenticator and recovery codes); they enrol again after signing in" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let email = LoginThrottle.account(signature.email ?? "")
        guard !email.isEmpty else { throw CommandFailure("--email is required") }
        guard let person = try await Person.query(on: app.db).filter(\.$email == email).first(), let personID = person.id else {
            throw CommandFailure("nobody has the e-mail \(email)")
        }
        try await TwoFactorService.disable(personID: personID, action: "two_factor.reset", by: nil, on: app.db)
        context.console.success("Two-factor sign-in of \(email) is off; they sign in with their password and enrol again.")
    }
}
