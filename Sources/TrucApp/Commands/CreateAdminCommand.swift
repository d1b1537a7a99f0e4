import Fluent
import TrucCore
import Vapor

/// `truc create-admin --email a@b --name "..."`: the first provincial coordinator (and the province unit if there is none).
struct CreateAdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "E-mail used to sign in")
        var email: String?
        @Option(name: "name", help: "Full name")
        var name: String?
        @Option(name: "password", help: "Password (at least 10 characters); else TRUC_ADMIN_PASSWORD, else asked")
        var password: String?
        @Option(name: "unit-code", help: "Code of the province unit to create when there is none (default TINH)")
        var unitCode: String?
        @Option(name: "unit-name", help: "Name of that unit (default 'UBND tỉnh')")
        var unitName: String?
    }

    var help: String { "Create a provincial coordinator (the first user), creating the province unit if needed" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let email = signature.email?.trimmingCharacters(in: .whitespaces), email.contains("@") else {
            throw CommandFailure("--email is required and must be an e-mail address")
        }
        guard let name = signature.name, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CommandFailure("--name is required")
        }
        var password = signature.password ?? ProcessInfo.processInfo.environment["TRUC_ADMIN_PASSWORD"]
        if password == nil {
            password = context.console.ask("Password (at least 10 characters):", isSecure: true)
        }
        guard let password, password.count >= 10 else { throw CommandFailure("the password must have at least 10 characters") }

        let root: OrgUnit
        if let existing = try await OrgUnit.query(on: app.db).filter(\.$parent.$id == nil).sort(\.$createdAt).first() {
            root = existing
        } else {
            root = OrgUnit(parentID: nil, code: signature.unitCode ?? "TINH", name: signature.unitName ?? "UBND tỉnh", kind: .stateAgency)
            try await root.create(on: app.db)
            try await Audit.record("unit.create", entity: "unit", id: root.id?.uuidString, unitID: root.id, after: root.dto(), by: nil, on: app.db)
        }
        let input = PersonInput(unitID: try root.requireID(), email: email, fullName: name, title: nil, phone: nil,
                                password: password, roles: [.init(unitID: root.id, role: .coordinator)])
        do {
            _ = try await PeopleService.create(input, by: nil, on: app.db, hasher: app.password.async)
        } catch let abort as any AbortError {
            throw CommandFailure(abort.reason)
        }
        context.console.success("Coordinator \(email) created on unit \(root.name) (\(root.code)).")
    }
}

/// A command error printed as-is; the process exits non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
