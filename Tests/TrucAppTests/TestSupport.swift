import Fluent
import FluentPostgresDriver
import SQLKit
import Foundation
import Testing
import TrucCore
import TrucNet
import Vapor
import VaporTesting
@testable import TrucApp

/// Which databases the app tests run on: SQLite always, PostgreSQL when TEST_POSTGRES_URL is set.
enum TestDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var available: [TestDatabase] {
        ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"].map { $0.isEmpty ? [.sqlite] : [.sqlite, .postgres] } ?? [.sqlite]
    }

    var testDescription: String { rawValue }
}

/// A running app on a fresh database (an in-memory SQLite, or a PostgreSQL schema of its own), with a small province:
/// root province, two departments (A, B), an agency under A, a telecom provider, and people with tokens.
struct TestWorld {
    let app: Application
    let province: OrgUnit
    let deptA: OrgUnit
    let deptB: OrgUnit
    let agencyA1: OrgUnit
    let telecom: OrgUnit
    let coordinator: Person
    let adminA: Person
    let adminB: Person
    let officerA: Person
    let auditor: Person
    /// API tokens by person email.
    var tokens: [String: String]

    func token(_ person: Person) -> String { tokens[person.email]! }

    func bearer(_ person: Person) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token(person))
        return headers
    }

    var db: any Database { app.db }
}

/// Runs `body` with a fresh app and world on `database`, tearing everything down afterwards.
func withWorld(_ database: TestDatabase, _ body: (TestWorld) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    var schema: String?
    do {
        var config = AppConfig(database: .sqliteMemory, bcryptCost: 4, loginMaxFailures: 3, loginMaxWaitSeconds: 600)
        config.databasePoolTimeoutSeconds = 60
        if database == .postgres, let url = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"] {
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            try await PostgresSchema.create(name, url: url)
            schema = name
            config.database = .postgres(url: url, searchPath: name)
        }
        try await configure(app, config: config)
        // No name lookup leaves the test process: names resolve only where a test says so.
        app.outbound.resolver = StaticHostResolver()
        let world = try await makeWorld(app)
        try await body(world)
    } catch {
        try? await app.asyncShutdown()
        if let schema, let url = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"] { try? await PostgresSchema.drop(schema, url: url) }
        throw error
    }
    try await app.asyncShutdown()
    if let schema, let url = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"] { try? await PostgresSchema.drop(schema, url: url) }
}

enum PostgresSchema {
    static func create(_ name: String, url: String) async throws { try await run("CREATE SCHEMA \(name)", url: url) }
    static func drop(_ name: String, url: String) async throws { try await run("DROP SCHEMA IF EXISTS \(name) CASCADE", url: url) }

    private static func run(_ sql: String, url: String) async throws {
        let app = try await Application.make(.testing)
        do {
            app.databases.use(.postgres(configuration: try .init(url: url)), as: .psql)
            try await (app.db as! any SQLDatabase).raw(SQLQueryString(sql)).run()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}


let testPassword = "correct horse battery"

func makeWorld(_ app: Application) async throws -> TestWorld {
    let db = app.db
    let province = OrgUnit(parentID: nil, code: "TINH", name: "Tỉnh Thử nghiệm", kind: .stateAgency)
    try await province.create(on: db)
    let deptA = OrgUnit(parentID: province.id, code: "SO-A", name: "Sở A", kind: .stateAgency)
    let deptB = OrgUnit(parentID: province.id, code: "SO-B", name: "Sở B", kind: .stateAgency)
    let telecom = OrgUnit(parentID: province.id, code: "VNPT", name: "VNPT Thử nghiệm", kind: .telecomProvider)
    try await deptA.create(on: db); try await deptB.create(on: db); try await telecom.create(on: db)
    let agencyA1 = OrgUnit(parentID: deptA.id, code: "A1", name: "Chi cục A1", kind: .stateAgency)
    try await agencyA1.create(on: db)
    let hash = try app.password.hash(testPassword)
    func person(_ email: String, _ name: String, _ unit: OrgUnit, _ role: Role) async throws -> Person {
        let p = Person(unitID: unit.id!, email: email, fullName: name, phone: "0900000000", passwordHash: hash)
        try await p.create(on: db)
        try await RoleAssignment(personID: p.id!, unitID: unit.id!, role: role).create(on: db)
        return p
    }
    let coordinator = try await person("coord@test.vn", "Điều Phối", province, .coordinator)
    let adminA = try await person("admin.a@test.vn", "Quản Trị A", deptA, .unitAdmin)
    let adminB = try await person("admin.b@test.vn", "Quản Trị B", deptB, .unitAdmin)
    let officerA = try await person("officer.a@test.vn", "Cán Bộ A", deptA, .dutyOfficer)
    let auditor = try await person("audit@test.vn", "Kiểm Toán", province, .auditor)
    // The tests' servers are on loopback, which the outbound policy refuses unless allowed: the test province allows
    // it, as the demo does (tests of the policy remove these entries, see `OutboundFixture`).
    for range in ["127.0.0.0/8", "::1/128"] {
        let entry = OutboundAllowRecord()
        entry.kind = "range"
        entry.value = range
        entry.note = "tests: loopback servers"
        try await entry.create(on: db)
    }
    var tokens: [String: String] = [:]
    for p in [coordinator, adminA, adminB, officerA, auditor] {
        let secret = TokenSecret.generate()
        try await APIToken(personID: p.id!, name: "test", tokenHash: TokenSecret.hash(secret), prefix: "t", expiresAt: nil).create(on: db)
        tokens[p.email] = secret
    }
    return TestWorld(app: app, province: province, deptA: deptA, deptB: deptB, agencyA1: agencyA1, telecom: telecom,
                     coordinator: coordinator, adminA: adminA, adminB: adminB, officerA: officerA, auditor: auditor, tokens: tokens)
}

extension TestingHTTPResponse {
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try content.decode(T.self)
    }
}
