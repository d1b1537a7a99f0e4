import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

@Suite struct UnitTests {
    @Test(arguments: TestDatabase.available)
    func unitAdminsSeeOnlyTheirSubtree(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await w.app.testing().test(.GET, "/api/v1/units?per=100", headers: w.bearer(w.adminA)) { res async throws in
                let page = try res.content.decode(Page<UnitDTO>.self)
                #expect(Set(page.items.map(\.code)) == ["SO-A", "A1"])
            }
            try await w.app.testing().test(.GET, "/api/v1/units?per=100", headers: w.bearer(w.coordinator)) { res async throws in
                #expect(try res.content.decode(Page<UnitDTO>.self).metadata.total == 5)
            }
            try await w.app.testing().test(.GET, "/api/v1/units/\(w.deptB.id!)", headers: w.bearer(w.adminA)) { res async in
                #expect(res.status == .notFound)
            }
            try await w.app.testing().test(.GET, "/units/\(w.deptB.id!)", headers: try await BrowserSession.signIn(w.app, email: w.adminA.email).headers()) { res async in
                #expect(res.status == .notFound)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func onlyCoordinatorsCreateUnitsAndInputIsValidated(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let before = try await OrgUnit.query(on: w.db).count()
            let valid = UnitInput(parentID: w.province.id, code: "SYT", name: "Sở Y tế", kind: .stateAgency, address: nil, phone: nil, email: nil)
            try await w.app.testing().test(.POST, "/api/v1/units", headers: w.bearer(w.adminA), beforeRequest: { try $0.content.encode(valid) }) { res async in
                #expect(res.status == .forbidden)
            }
            for (body, message) in [
                (#"{"code":"","name":"x","kind":"state_agency"}"#, "code"),
                (#"{"code":"Z","name":"x","kind":"bank"}"#, "kind"),
                (#"{"code":"Z","kind":"state_agency"}"#, "name"),
                (#"{"code":"Z","name":"x","kind":"state_agency","parentID":"00000000-0000-0000-0000-000000000001"}"#, "parentID"),
                (#"{"code":"SO-A","name":"dup","kind":"state_agency"}"#, "already exists"),
                (#"{"code": "Z", "name": "#, "Malformed"),
            ] {
                try await w.app.testing().test(.POST, "/api/v1/units", headers: w.bearer(w.coordinator), beforeRequest: { req in
                    req.headers.contentType = .json
                    req.body = ByteBuffer(string: body)
                }) { res async in
                    #expect((400..<500).contains(res.status.code), "\(body)")
                    #expect(res.body.string.contains(message), "\(body) -> \(res.body.string)")
                }
            }
            #expect(try await OrgUnit.query(on: w.db).count() == before)
            try await w.app.testing().test(.POST, "/api/v1/units", headers: w.bearer(w.coordinator), beforeRequest: { try $0.content.encode(valid) }) { res async throws in
                #expect(res.status == .created)
                #expect(try res.content.decode(UnitDTO.self).code == "SYT")
            }
            let audit = try await AuditEntry.query(on: w.db).filter(\.$action == "unit.create").all()
            #expect(audit.count == 1)
            #expect(audit.first?.actorID == w.coordinator.id)
            #expect(audit.first?.after?.contains("Sở Y tế") == true)
        }
    }

    @Test(arguments: TestDatabase.available)
    func unitAdminsEditContactFieldsButNotStructure(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await w.app.testing().test(.PATCH, "/api/v1/units/\(w.deptA.id!)", headers: w.bearer(w.adminA), beforeRequest: {
                try $0.content.encode(["phone": "0203 111 222"])
            }) { res async throws in
                #expect(res.status == .ok)
                #expect(try res.content.decode(UnitDTO.self).phone == "0203 111 222")
            }
            try await w.app.testing().test(.PATCH, "/api/v1/units/\(w.deptA.id!)", headers: w.bearer(w.adminA), beforeRequest: {
                try $0.content.encode(["kind": "it_center"])
            }) { res async in #expect(res.status == .forbidden) }
            try await w.app.testing().test(.PATCH, "/api/v1/units/\(w.deptB.id!)", headers: w.bearer(w.adminA), beforeRequest: {
                try $0.content.encode(["phone": "1"])
            }) { res async in #expect(res.status == .notFound) }
            try await w.app.testing().test(.PATCH, "/api/v1/units/\(w.deptA.id!)", headers: w.bearer(w.officerA), beforeRequest: {
                try $0.content.encode(["phone": "1"])
            }) { res async in #expect(res.status == .forbidden) }
            // No cycles in the tree.
            try await w.app.testing().test(.PATCH, "/api/v1/units/\(w.deptA.id!)", headers: w.bearer(w.coordinator), beforeRequest: {
                try $0.content.encode(["parentID": w.agencyA1.id!.uuidString])
            }) { res async in
                #expect(res.status == .unprocessableEntity)
            }
            let unit = try await OrgUnit.find(w.deptA.id, on: w.db)
            #expect(unit?.phone == "0203 111 222")
            #expect(unit?.kind == .stateAgency)
            #expect(unit?.$parent.id == w.province.id)
        }
    }
}

@Suite struct PeopleTests {
    @Test(arguments: TestDatabase.available)
    func unitAdminsAddPeopleOnlyToTheirUnits(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let newcomer = PersonInput(unitID: w.agencyA1.id!, email: "New.Officer@test.vn", fullName: "Cán bộ mới", title: nil, phone: "0911",
                                       password: "a long password", roles: [.init(unitID: nil, role: .dutyOfficer)])
            try await w.app.testing().test(.POST, "/api/v1/people", headers: w.bearer(w.adminA), beforeRequest: { try $0.content.encode(newcomer) }) { res async throws in
                #expect(res.status == .created)
                let dto = try res.content.decode(PersonDTO.self)
                #expect(dto.email == "new.officer@test.vn")
                #expect(dto.roles?.map(\.role) == [.dutyOfficer])
                #expect(!res.body.string.contains("$2")) // no bcrypt hash leaks
            }
            var intoB = newcomer
            intoB.unitID = w.deptB.id!
            intoB.email = "x@test.vn"
            try await w.app.testing().test(.POST, "/api/v1/people", headers: w.bearer(w.adminA), beforeRequest: { try $0.content.encode(intoB) }) { res async in
                #expect(res.status == .notFound)
            }
            var coordinator = newcomer
            coordinator.email = "y@test.vn"
            coordinator.roles = [.init(unitID: nil, role: .coordinator)]
            try await w.app.testing().test(.POST, "/api/v1/people", headers: w.bearer(w.adminA), beforeRequest: { try $0.content.encode(coordinator) }) { res async in
                #expect(res.status == .forbidden)
            }
            var short = newcomer
            short.email = "z@test.vn"
            short.password = "short"
            try await w.app.testing().test(.POST, "/api/v1/people", headers: w.bearer(w.adminA), beforeRequest: { try $0.content.encode(short) }) { res async in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("10 characters"))
            }
            #expect(try await Person.query(on: w.db).filter(\.$email ~~ ["x@test.vn", "y@test.vn", "z@test.vn"]).count() == 0)
            let audit = try await AuditEntry.query(on: w.db).filter(\.$action == "person.create").first()
            #expect(audit?.after?.contains("password") == false)
            #expect(audit?.after?.contains("$2") == false)
        }
    }

    @Test(arguments: TestDatabase.available)
    func rolesAreGrantedAndWithdrawnWithinScope(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await w.app.testing().test(.POST, "/api/v1/people/\(w.officerA.id!)/roles", headers: w.bearer(w.adminA), beforeRequest: {
                try $0.content.encode(RoleInput(unitID: w.agencyA1.id!, role: .unitAdmin))
            }) { res async in #expect(res.status == .created) }
            try await w.app.testing().test(.POST, "/api/v1/people/\(w.officerA.id!)/roles", headers: w.bearer(w.adminB), beforeRequest: {
                try $0.content.encode(RoleInput(unitID: w.deptB.id!, role: .unitAdmin))
            }) { res async in #expect(res.status == .notFound) }
            let granted = try await RoleAssignment.query(on: w.db).filter(\.$person.$id == w.officerA.id!).filter(\.$role == .unitAdmin).first()
            let id = try #require(granted?.id)
            // officerA now administers A1, but not deptA: it may not withdraw adminA's role there.
            let adminRole = try #require(try await RoleAssignment.query(on: w.db).filter(\.$person.$id == w.adminA.id!).first())
            try await w.app.testing().test(.DELETE, "/api/v1/people/\(w.adminA.id!)/roles/\(adminRole.id!)", headers: w.bearer(w.officerA)) { res async in
                #expect(res.status == .forbidden, "\(res.status) \(res.body.string)")
            }
            try await w.app.testing().test(.DELETE, "/api/v1/people/\(w.officerA.id!)/roles/\(id)", headers: w.bearer(w.adminA)) { res async in
                #expect(res.status == .noContent, "\(res.body.string)")
            }
            #expect(try await RoleAssignment.find(id, on: w.db) == nil)
            #expect(try await AuditEntry.query(on: w.db).filter(\.$action ~~ ["role.grant", "role.withdraw"]).count() == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func deactivatedPeopleCannotUseTheirTokens(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await w.app.testing().test(.PATCH, "/api/v1/people/\(w.officerA.id!)", headers: w.bearer(w.adminA), beforeRequest: {
                try $0.content.encode(PersonPatch(isActive: false))
            }) { res async in #expect(res.status == .ok) }
            try await w.app.testing().test(.GET, "/api/v1/me", headers: w.bearer(w.officerA)) { res async in
                #expect(res.status == .unauthorized)
            }
            try await w.app.testing().test(.GET, "/api/v1/units/\(w.deptA.id!)/people", headers: w.bearer(w.adminB)) { res async in
                #expect(res.status == .notFound)
            }
        }
    }
}

@Suite struct ContactTests {
    @Test(arguments: TestDatabase.available)
    func nationalContactsFromTheDirectiveAreThere(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await w.app.testing().test(.GET, "/api/v1/contacts?national=true", headers: w.bearer(w.officerA)) { res async throws in
                let page = try res.content.decode(Page<ContactDTO>.self)
                let vncert = try #require(page.items.first { $0.email == "ir@vncert.vn" })
                #expect(vncert.hotline == "086 9100 317")
                #expect(page.items.contains { $0.email == "ais@mic.gov.vn" && $0.hotline == "033 6666 905" })
                #expect(page.items.contains { $0.phone == "0203 3533338" })
            }
            // Accent-insensitive search.
            try await w.app.testing().test(.GET, "/api/v1/contacts?q=ung%20cuu", headers: w.bearer(w.officerA)) { res async throws in
                let page = try res.content.decode(Page<ContactDTO>.self)
                #expect(page.items.contains { $0.email == "ir@vncert.vn" })
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func unitContactsStayInTheirUnitAndExportAsVCard(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let input = ContactInput(unitID: w.deptA.id, name: "Trực ban Sở A", organization: nil, title: "Trực 24/7", phone: "0203 999 111",
                                     hotline: "0912 345 678", email: "trucban@so-a.vn", note: nil)
            var contactID = UUID()
            try await w.app.testing().test(.POST, "/api/v1/contacts", headers: w.bearer(w.adminA), beforeRequest: { try $0.content.encode(input) }) { res async throws in
                #expect(res.status == .created)
                contactID = try res.content.decode(ContactDTO.self).id
            }
            try await w.app.testing().test(.POST, "/api/v1/contacts", headers: w.bearer(w.adminB), beforeRequest: { try $0.content.encode(input) }) { res async in
                #expect(res.status == .notFound)
            }
            var national = input
            national.unitID = nil
            try await w.app.testing().test(.POST, "/api/v1/contacts", headers: w.bearer(w.adminA), beforeRequest: { try $0.content.encode(national) }) { res async in
                #expect(res.status == .forbidden)
            }
            try await w.app.testing().test(.GET, "/api/v1/contacts?q=truc%20ban", headers: w.bearer(w.adminB)) { res async throws in
                #expect(try res.content.decode(Page<ContactDTO>.self).items.isEmpty)
            }
            try await w.app.testing().test(.DELETE, "/api/v1/contacts/\(contactID)", headers: w.bearer(w.adminB)) { res async in
                #expect(res.status == .notFound)
            }
            try await w.app.testing().test(.GET, "/api/v1/contacts/vcard?unitID=\(w.deptA.id!)", headers: w.bearer(w.officerA)) { res async in
                #expect(res.status == .ok)
                #expect(res.headers.first(name: .contentType)?.hasPrefix("text/vcard") == true)
                let text = res.body.string
                #expect(text.hasPrefix("BEGIN:VCARD\r\nVERSION:4.0\r\n"))
                #expect(text.contains("FN:Trực ban Sở A"))
                #expect(text.contains("EMAIL:trucban@so-a.vn") || text.contains("EMAIL;"))
                #expect(text.contains("0912 345 678"))
            }
            try await w.app.testing().test(.DELETE, "/api/v1/contacts/\(contactID)", headers: w.bearer(w.adminA)) { res async in
                #expect(res.status == .noContent)
            }
            #expect(try await AuditEntry.query(on: w.db).filter(\.$entityType == "contact").count() == 2)
        }
    }
}

extension ContactTests {
    @Test(arguments: TestDatabase.available)
    func unitAdminsEditTheirContactsOnTheWeb(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let contact = Contact(unitID: w.deptA.id, name: "Trực ban", phone: "0203 1")
            try await contact.create(on: w.db)
            var admin = try await BrowserSession.signIn(w.app, email: w.adminA.email)
            let page = try await admin.get("/contacts/\(contact.id!)/edit")
            #expect(page.status == .ok)
            var res = try await admin.post("/contacts/\(contact.id!)", form: ["name": "Trực ban Sở A", "phone": "0203 2", "hotline": "0912", "email": "bad"])
            #expect(res.status == .unprocessableEntity)
            #expect(res.body.string.contains("not a valid e-mail"))
            res = try await admin.post("/contacts/\(contact.id!)", form: ["name": "Trực ban Sở A", "phone": "0203 2", "hotline": "0912"])
            #expect(res.status == .seeOther)
            let stored = try await Contact.find(contact.id, on: w.db)
            #expect(stored?.name == "Trực ban Sở A")
            #expect(stored?.hotline == "0912")
            #expect(stored?.searchText.contains("truc ban so a") == true)
            var officer = try await BrowserSession.signIn(w.app, email: w.officerA.email)
            #expect(try await officer.get("/contacts/\(contact.id!)/edit").status == .forbidden)
        }
    }
}

@Suite struct AuditLogTests {
    @Test(arguments: TestDatabase.available)
    func coordinatorsAndAuditorsReadItOthersDoNot(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            try await w.app.testing().test(.PATCH, "/api/v1/units/\(w.deptA.id!)", headers: w.bearer(w.adminA), beforeRequest: {
                try $0.content.encode(["phone": "0203 000"])
            }) { res async in #expect(res.status == .ok) }
            for person in [w.coordinator, w.auditor] {
                try await w.app.testing().test(.GET, "/api/v1/audit?action=unit", headers: w.bearer(person)) { res async throws in
                    #expect(res.status == .ok)
                    let page = try res.content.decode(Page<AuditEntryDTO>.self)
                    let entry = try #require(page.items.first)
                    #expect(entry.action == "unit.update")
                    #expect(entry.actorID == w.adminA.id)
                    #expect(entry.before?.contains("\"phone\"") == false || entry.before?.contains("0203 000") == false)
                    #expect(entry.after?.contains("0203 000") == true)
                }
            }
            try await w.app.testing().test(.GET, "/api/v1/audit", headers: w.bearer(w.adminA)) { res async in
                #expect(res.status == .forbidden)
            }
            let browser = try await BrowserSession.signIn(w.app, email: w.auditor.email)
            try await w.app.testing().test(.GET, "/audit", headers: browser.headers()) { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("unit.update"))
            }
        }
    }
}

@Suite struct ConfigAndSetupTests {
    @Test func badConfigurationFailsWithAClearMessage() throws {
        #expect(throws: ConfigError.self) { try AppConfig.fromEnvironment(["DATABASE_URL": "mysql://x"]) }
        #expect(throws: ConfigError.self) { try AppConfig.fromEnvironment(["TRUC_TIMEZONE": "Mars/Olympus"]) }
        #expect(throws: ConfigError.self) { try AppConfig.fromEnvironment(["TRUC_BCRYPT_COST": "99"]) }
        let config = try? AppConfig.fromEnvironment(["DATABASE_URL": "postgres://u:p@db:5432/truc", "TRUC_MAX_UPLOAD_MB": "2"])
        #expect(config?.database == .postgres(url: "postgres://u:p@db:5432/truc", searchPath: nil))
        #expect(config?.maxUploadBytes == 2 * 1024 * 1024)
        #expect((try? AppConfig.fromEnvironment([:]))?.database == .sqliteFile("truc.sqlite"))
    }

    @Test(arguments: TestDatabase.available)
    func demoProvinceLoadsOnceAndSignsIn(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            // The world already has units, so the demo is not loaded over them.
            let loaded = try await DemoSeeder.seedIfEmpty(w.app)
            #expect(!loaded)
        }
        let app = try await Application.make(.testing)
        do {
            try await configure(app, config: AppConfig(database: .sqliteMemory, bcryptCost: 4, demo: true))
            #expect(try await OrgUnit.query(on: app.db).count() == 11)
            #expect(try await Campaign.query(on: app.db).count() == 2)
            #expect(try await DutyShift.query(on: app.db).count() > 50)
            // Three incidents: one asking for support (its mails queued), one being handled, one closed with Mẫu 04.
            let incidents = try await Incident.query(on: app.db).sort(\.$reference).all()
            #expect(incidents.map(\.status) == [.reported, .inProgress, .closed])
            #expect(incidents[0].supportRequested && incidents[2].finalReport != nil)
            #expect(try await OutboxMail.query(on: app.db).filter(\.$incidentID == incidents[0].id).count() >= 2)
            #expect(try await IncidentObservable.query(on: app.db).filter(\.$incident.$id == incidents[0].id!).filter(\.$kind == .sha256).count() == 1)
            // The demo's monitors (and its DNS server) are on loopback, which the demo's allow-list allows.
            for monitor in try await Monitor.query(on: app.db).all() {
                let policy = try await OutboundAllowList.policy(forUnit: monitor.$unit.id, on: app.db)
                let target = try MonitorTarget.parse(kind: monitor.kind, text: monitor.target)
                for host in [target.kind == .dns ? nil : target.host, monitor.settings.dnsServer.map { String($0.split(separator: ":")[0]) }] {
                    guard let host else { continue }
                    if case .refused(let refusal) = policy.screen(host: host) { Issue.record("\(monitor.name): \(refusal)") }
                }
            }
            let browser = try await BrowserSession.signIn(app, email: DemoSeeder.coordinatorEmail, password: DemoSeeder.password)
            try await app.testing().test(.GET, "/", headers: browser.headers()) { res async in
                let body = res.body.string
                #expect(body.contains("Nguyễn Văn Điều Phối"))
                // The home page shows the incidents: two open, one waiting for triage with a support request.
                #expect(body.contains("id=\"incidents\"") && body.contains("Mã độc mã hóa dữ liệu trên máy chủ HIS"))
                #expect(body.contains("1 đề nghị hỗ trợ") && body.contains("2 sự cố đang xử lý"), "\(body)")
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
