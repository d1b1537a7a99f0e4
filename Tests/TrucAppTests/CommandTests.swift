import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
@testable import TrucApp

@Suite struct CommandTests {
    private func run(_ arguments: [String], on app: Application) async throws {
        app.environment.arguments = ["truc"] + arguments
        try await app.execute()
    }

    @Test func createAdminMakesTheFirstCoordinatorAndTheProvince() async throws {
        let app = try await Application.make(.testing)
        do {
            try await configure(app, config: AppConfig(database: .sqliteMemory, bcryptCost: 4))
            try await run(["create-admin", "--email", "Dieuphoi@Tinh.gov.vn", "--name", "Nguyễn Văn A",
                           "--password", "a long enough password", "--unit-code", "QN", "--unit-name", "UBND tỉnh Quảng Ninh"], on: app)
            let person = try #require(try await Person.query(on: app.db).filter(\.$email == "dieuphoi@tinh.gov.vn").first())
            let roles = try await person.$roles.get(on: app.db)
            #expect(roles.map(\.role) == [.coordinator])
            let unit = try #require(try await OrgUnit.find(person.$unit.id, on: app.db))
            #expect(unit.code == "QN")
            #expect(unit.$parent.id == nil)
            #expect(try app.password.verify("a long enough password", created: person.passwordHash ?? ""))
            // A second coordinator joins the existing province; bad input fails with a message and changes nothing.
            await #expect(throws: CommandFailure.self) {
                try await run(["create-admin", "--email", "dieuphoi@tinh.gov.vn", "--name", "Trùng", "--password", "another long password"], on: app)
            }
            await #expect(throws: CommandFailure.self) {
                try await run(["create-admin", "--email", "b@tinh.gov.vn", "--name", "B", "--password", "short"], on: app)
            }
            await #expect(throws: CommandFailure.self) {
                try await run(["create-admin", "--name", "C", "--password", "a long enough password"], on: app)
            }
            #expect(try await Person.query(on: app.db).count() == 1)
            #expect(try await OrgUnit.query(on: app.db).count() == 1)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
