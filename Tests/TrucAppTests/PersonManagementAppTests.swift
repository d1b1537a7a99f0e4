import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// The takeover of issue 11: a unit admin resetting or deactivating a wider account whose home unit is its own.
@Suite struct PersonManagementAppTests {
    /// A person at home in department A who holds `role` on `unit`, with a password and an API token.
    static func wider(_ w: TestWorld, _ email: String, _ role: Role, on unit: OrgUnit) async throws -> (Person, String) {
        let person = Person(unitID: w.deptA.id!, email: email, fullName: "Người \(role.rawValue)", passwordHash: try w.app.password.hash(testPassword))
        try await person.create(on: w.db)
        try await RoleAssignment(personID: person.id!, unitID: unit.id!, role: role).create(on: w.db)
        let secret = TokenSecret.generate()
        try await APIToken(personID: person.id!, name: "t", tokenHash: TokenSecret.hash(secret), prefix: "t", expiresAt: nil).create(on: w.db)
        return (person, secret)
    }

    static func patch(_ w: TestWorld, _ person: Person, _ body: PersonPatch, as actor: Person) async throws -> TestingHTTPResponse {
        try await w.app.testing().sendRequest(.PATCH, "/api/v1/people/\(person.id!)", headers: w.bearer(actor)) {
            try $0.content.encode(body)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aUnitAdminCannotResetOrDeactivateACoordinatorOrAResponderOfItsUnit(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let (coordinator, _) = try await Self.wider(w, "coord2@test.vn", .coordinator, on: w.province)
            let (responder, _) = try await Self.wider(w, "responder@test.vn", .responder, on: w.telecom)
            let (straddler, _) = try await Self.wider(w, "straddler@test.vn", .dutyOfficer, on: w.deptB)
            let auditBefore = try await AuditEntry.query(on: w.db).count()
            var admin = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            for victim in [coordinator, responder, straddler] {
                let hashBefore = try #require(try await Person.find(victim.id, on: w.db)).passwordHash
                for body in [PersonPatch(password: "attacker chosen password"), PersonPatch(isActive: false), PersonPatch(fullName: "Đổi tên")] {
                    let res = try await Self.patch(w, victim, body, as: w.adminA)
                    #expect(res.status == .forbidden, "\(victim.email) \(body): \(res.status)")
                    #expect(res.body.string.contains(victim.id == straddler.id ? "do not administer" : "only a provincial coordinator"))
                }
                try await admin.get("/people/\(victim.id!)")
                var res = try await admin.post("/people/\(victim.id!)/password", form: ["password": "attacker chosen password"])
                #expect(res.status == .forbidden)
                res = try await admin.post("/people/\(victim.id!)", form: ["fullName": victim.fullName, "isActive": "false"])
                #expect(res.status == .forbidden)
                res = try await admin.post("/people/\(victim.id!)/roles", form: ["role": "duty_officer", "unitID": w.agencyA1.id!.uuidString])
                #expect(res.status == .forbidden)
                let after = try #require(try await Person.find(victim.id, on: w.db))
                #expect(after.passwordHash == hashBefore && after.isActive && after.fullName == victim.fullName)
                // The attacker cannot sign in with a password of their choosing.
                var attacker = BrowserSession(app: w.app)
                try await attacker.get("/login")
                #expect(try await attacker.post("/login", form: ["email": victim.email, "password": "attacker chosen password"]).status == .unauthorized)
            }
            #expect(try await AuditEntry.query(on: w.db).filter(\.$action ~~ ["person.update", "person.update+password", "role.grant"]).count() == 0)
            #expect(try await AuditEntry.query(on: w.db).count() == auditBefore + 1) // the admin's own sign-in
            // The person page offers the admin no form for them.
            let page = try await admin.get("/people/\(coordinator.id!)")
            #expect(page.status == .ok)
            #expect(!page.body.string.contains("/people/\(coordinator.id!)/password"))
            #expect(!page.body.string.contains("Sửa thông tin"))
            // The coordinator may.
            let res = try await Self.patch(w, responder, PersonPatch(password: "a coordinator's reset"), as: w.coordinator)
            #expect(res.status == .ok)
        }
    }

    @Test(arguments: TestDatabase.available)
    func provinceWideRolesAreTheCoordinatorsToGiveAndNobodyDeactivatesThemselves(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            for role in [Role.responder, .coordinator] {
                let res = try await w.app.testing().sendRequest(.POST, "/api/v1/people/\(w.officerA.id!)/roles", headers: w.bearer(w.adminA)) {
                    try $0.content.encode(RoleInput(unitID: w.deptA.id!, role: role))
                }
                #expect(res.status == .forbidden, "\(role)")
                let created = try await w.app.testing().sendRequest(.POST, "/api/v1/people", headers: w.bearer(w.adminA)) {
                    try $0.content.encode(PersonInput(unitID: w.deptA.id!, email: "new.\(role.rawValue)@test.vn", fullName: "Mới",
                                                      roles: [.init(unitID: nil, role: role)]))
                }
                #expect(created.status == .forbidden, "\(role)")
            }
            #expect(try await RoleAssignment.query(on: w.db).filter(\.$person.$id == w.officerA.id!).count() == 1)
            #expect(try await Person.query(on: w.db).filter(\.$email ~~ ["new.responder@test.vn", "new.coordinator@test.vn"]).count() == 0)
            var res = try await Self.patch(w, w.adminA, PersonPatch(isActive: false), as: w.adminA)
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("cannot deactivate yourself"))
            // The last coordinator keeps the role.
            let own = try #require(try await RoleAssignment.query(on: w.db).filter(\.$person.$id == w.coordinator.id!).first())
            res = try await w.app.testing().sendRequest(.DELETE, "/api/v1/people/\(w.coordinator.id!)/roles/\(own.id!)", headers: w.bearer(w.coordinator))
            #expect(res.status == .unprocessableEntity)
            #expect(try await RoleAssignment.find(own.id, on: w.db) != nil)
            // A unit admin still manages the people of its subtree.
            res = try await Self.patch(w, w.officerA, PersonPatch(phone: "0911"), as: w.adminA)
            #expect(res.status == .ok)
        }
    }
}
