import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

@Suite struct PersonWebTests {
    @Test(arguments: TestDatabase.available)
    func unitAdminManagesPeopleFromTheirPages(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            var admin = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            let page = try await admin.get("/people/\(w.officerA.id!)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Cấp vai trò"))
            // Grant, then withdraw, a role on the agency below.
            var res = try await admin.post("/people/\(w.officerA.id!)/roles", form: ["role": "unit_admin", "unitID": w.agencyA1.id!.uuidString])
            #expect(res.status == .seeOther)
            let granted = try #require(try await RoleAssignment.query(on: w.db).filter(\.$person.$id == w.officerA.id!).filter(\.$unit.$id == w.agencyA1.id!).first())
            #expect(granted.role == .unitAdmin)
            // Not on a unit the admin does not manage, and never the coordinator role.
            res = try await admin.post("/people/\(w.officerA.id!)/roles", form: ["role": "unit_admin", "unitID": w.deptB.id!.uuidString])
            #expect(res.status == .notFound)
            res = try await admin.post("/people/\(w.officerA.id!)/roles", form: ["role": "coordinator", "unitID": w.deptA.id!.uuidString])
            #expect(res.status == .forbidden)
            res = try await admin.post("/people/\(w.officerA.id!)/roles/\(granted.id!)/delete", form: [:])
            #expect(res.status == .seeOther)
            #expect(try await RoleAssignment.find(granted.id, on: w.db) == nil)
            // Reset the password: the officer signs in with the new one.
            res = try await admin.post("/people/\(w.officerA.id!)/password", form: ["password": "short"])
            #expect(res.status == .badRequest)
            res = try await admin.post("/people/\(w.officerA.id!)/password", form: ["password": "a brand new password"])
            #expect(res.status == .seeOther)
            _ = try await BrowserSession.signIn(w.app, email: w.officerA.email, password: "a brand new password")
            // Deactivate: the officer can no longer sign in.
            res = try await admin.post("/people/\(w.officerA.id!)", form: ["fullName": "Cán Bộ A", "phone": "0900", "isActive": "false"])
            #expect(res.status == .seeOther)
            var officer = BrowserSession(app: w.app)
            try await officer.get("/login")
            let refused = try await officer.post("/login", form: ["email": w.officerA.email, "password": "a brand new password"])
            #expect(refused.status == .unauthorized)
            let actions = try await AuditEntry.query(on: w.db).filter(\.$entityType ~~ ["person", "role_assignment"]).all().map(\.action)
            #expect(actions.contains("role.grant") && actions.contains("role.withdraw") && actions.contains("person.update+password"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func unitAdminEditsTheUnitButNotItsKind(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            var admin = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            try await admin.get("/units/\(w.deptA.id!)")
            var res = try await admin.post("/units/\(w.deptA.id!)", form: ["name": "Sở A (mới)", "phone": "0203 123", "email": "so-a@test.vn"])
            #expect(res.status == .seeOther)
            res = try await admin.post("/units/\(w.deptA.id!)", form: ["name": "Sở A", "kind": "it_center"])
            #expect(res.status == .forbidden)
            res = try await admin.post("/units/\(w.deptA.id!)", form: ["name": ""])
            #expect(res.status == .badRequest)
            // The web form goes through the same rules as the API.
            res = try await admin.post("/units/\(w.deptA.id!)", form: ["name": String(repeating: "x", count: 301)])
            #expect(res.status == .unprocessableEntity)
            res = try await admin.post("/units/\(w.deptA.id!)", form: ["name": "Sở A", "email": "not an address"])
            #expect(res.status == .unprocessableEntity)
            let unit = try await OrgUnit.find(w.deptA.id, on: w.db)
            #expect(unit?.name == "Sở A (mới)")
            #expect(unit?.phone == "0203 123")
            #expect(unit?.kind == .stateAgency)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theUnitFormRefusesWhatTheAPIRefuses(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            var coordinator = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            try await coordinator.get("/units")
            let before = try await OrgUnit.query(on: w.db).count()
            for form in [["code": "SO Y TE", "name": "Sở Y tế", "kind": "state_agency"],
                         ["code": String(repeating: "A", count: 41), "name": "Sở Y tế", "kind": "state_agency"],
                         ["code": "SYT", "name": "Sở Y tế", "kind": "state_agency", "email": "syt@"]] {
                let res = try await coordinator.post("/units", form: form)
                #expect(res.status == .unprocessableEntity, "\(form)")
            }
            #expect(try await OrgUnit.query(on: w.db).count() == before)
        }
    }
}
