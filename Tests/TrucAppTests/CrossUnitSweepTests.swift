import Fluent
import Foundation
import SQLKit
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// Every API route, called by the admin of Sở B on Sở A's data (or on province-wide campaign data it may not change),
/// must answer 401/403/404 and change nothing in any table.
@Suite struct CrossUnitSweepTests {
    @Test(arguments: TestDatabase.available)
    func noRouteLetsOneUnitReadOrChangeAnothersData(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let ids = try await Self.deptAData(w)
            let before = try await Self.snapshot(w.db)
            var checked = 0
            var failures: [String] = []
            for route in w.app.routes.all {
                let components = route.path.map(\.description)
                guard components.starts(with: ["api", "v1"]) else { continue }
                let params = route.path.compactMap { component -> String? in
                    if case let .parameter(name) = component { return name }
                    return nil
                }
                let unitScoped = params.contains { ["unitID", "personID", "contactID", "shiftID", "evidenceID", "roleID", "tokenID", "systemID", "assetID", "findingID", "advisoryID", "monitorID", "alertID", "windowID", "webhookID", "incidentID", "taskID", "observableID"].contains($0) }
                let campaignMutation = params.contains("campaignID") && route.method != .GET
                guard unitScoped || campaignMutation else { continue }
                var path = ""
                for component in route.path {
                    switch component {
                    case let .parameter(name):
                        guard let id = ids[name] else { Issue.record("no test id for :\(name) in \(route.description)"); continue }
                        path += "/" + id.uuidString
                    default:
                        path += "/" + component.description
                    }
                }
                try await w.app.testing().test(route.method, path, headers: w.bearer(w.adminB), beforeRequest: { req in
                    if route.method != .GET && route.method != .DELETE {
                        req.headers.contentType = .json
                        req.body = ByteBuffer(string: "{}")
                    }
                }, afterResponse: { res async in
                    if ![.unauthorized, .forbidden, .notFound].contains(res.status) {
                        failures.append("\(route.method) \(path) -> \(res.status.code) \(res.body.string.prefix(120))")
                    }
                })
                checked += 1
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
            #expect(checked >= 25, "only \(checked) routes were checked")
            let after = try await Self.snapshot(w.db)
            #expect(before == after, "a refused request changed stored data")
        }
    }

    @Test(arguments: TestDatabase.available)
    func noPageOrFormLetsOneUnitReadOrChangeAnothersData(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let ids = try await Self.deptAData(w)
            var browser = try await BrowserSession.signIn(w.app, email: w.adminB.email)
            try await browser.get("/")
            let before = try await Self.snapshot(w.db)
            var checked = 0
            var failures: [String] = []
            for route in w.app.routes.all {
                let components = route.path.map(\.description)
                guard components.first != "api" else { continue }
                let params = route.path.compactMap { component -> String? in
                    if case let .parameter(name) = component { return name }
                    return nil
                }
                let unitScoped = params.contains { ["unitID", "personID", "contactID", "shiftID", "evidenceID", "roleID", "systemID", "assetID", "findingID", "advisoryID", "monitorID", "alertID", "windowID", "webhookID", "incidentID", "taskID", "observableID"].contains($0) }
                let campaignMutation = params.contains("campaignID") && route.method != .GET
                guard unitScoped || campaignMutation else { continue }
                var path = ""
                for component in route.path {
                    if case let .parameter(name) = component {
                        guard let id = ids[name] else { Issue.record("no test id for :\(name) in \(route.description)"); continue }
                        path += "/" + id.uuidString
                    } else {
                        path += "/" + component.description
                    }
                }
                let res = route.method == .GET ? try await browser.get(path) : try await browser.post(path, form: ["status": "done", "note": "x"])
                if ![.forbidden, .notFound].contains(res.status) {
                    failures.append("\(route.method) \(path) -> \(res.status.code)")
                }
                checked += 1
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
            #expect(checked >= 10, "only \(checked) routes were checked")
            let after = try await Self.snapshot(w.db)
            #expect(before == after, "a refused request changed stored data")
        }
    }

    /// Ids of Sở A's data and of a campaign targeting state agencies, by route parameter name.
    static func deptAData(_ w: TestWorld) async throws -> [String: UUID] {
        let contact = Contact(unitID: w.deptA.id, name: "Trực ban Sở A", phone: "0203 1")
        try await contact.create(on: w.db)
        let shift = DutyShift(unitID: w.deptA.id!, campaignID: nil, personID: w.officerA.id!, startsAt: Date(),
                              endsAt: Date().addingTimeInterval(8 * 3600), role: .technical)
        try await shift.create(on: w.db)
        let template = CampaignTemplate.holiday30April(year: 2026)
        let campaign = Campaign(title: template.title, startsAt: template.startsAt, endsAt: template.endsAt, timeZone: template.timeZone.identifier,
                                directive: template.directive, documents: template.documents, createdBy: w.coordinator.id)
        try await campaign.create(on: w.db)
        let item = ChecklistItem(campaignID: campaign.id!, position: 1, title: "Rà soát router/switch", detail: "", targetKinds: [.stateAgency], dueAt: nil)
        try await item.create(on: w.db)
        let evidence = EvidenceFile(unitID: w.deptA.id!, filename: "bao-cao.pdf", declaredType: "application/pdf", content: Data("%PDF".utf8),
                                    sha256: "00", uploaderID: w.adminA.id!)
        try await evidence.create(on: w.db)
        let role = try #require(try await RoleAssignment.query(on: w.db).filter(\.$person.$id == w.officerA.id!).first())
        let token = try #require(try await APIToken.query(on: w.db).filter(\.$person.$id == w.adminA.id!).first())
        let inventory = try await VulnerabilityFixtures.deptAInventory(w)
        let monitoring = try await MonitoringFixture.deptAMonitoring(w)
        let incident = try await IncidentFlowTests.deptAIncident(w)
        return ["unitID": w.deptA.id!, "personID": w.officerA.id!, "contactID": contact.id!, "shiftID": shift.id!,
                "campaignID": campaign.id!, "itemID": item.id!, "evidenceID": evidence.id!, "roleID": role.id!, "tokenID": token.id!,
                "systemID": inventory.system, "assetID": inventory.asset, "findingID": inventory.finding, "advisoryID": inventory.advisory,
                "monitorID": monitoring.monitor, "alertID": monitoring.alert, "windowID": monitoring.window, "webhookID": monitoring.webhook,
                "incidentID": incident.id, "taskID": incident.task, "observableID": incident.observable, "form": UUID()]
    }

    private static func text(_ row: any SQLRow, _ column: String) -> String {
        if (try? row.decodeNil(column: column)) == true { return "nil" }
        if let value = try? row.decode(column: column, as: String.self) { return value }
        if let value = try? row.decode(column: column, as: Int.self) { return String(value) }
        if let value = try? row.decode(column: column, as: Date.self) { return "\(value.timeIntervalSince1970)" }
        if let value = try? row.decode(column: column, as: UUID.self) { return value.uuidString }
        if let value = try? row.decode(column: column, as: Bool.self) { return "\(value)" }
        if let value = try? row.decode(column: column, as: Data.self) { return "\(value.count)b" }
        return "?"
    }

    /// Row counts and a digest of every application table.
    static func snapshot(_ db: any Database) async throws -> [String: String] {
        var result: [String: String] = [:]
        let tables = [OrgUnit.schema, Person.schema, RoleAssignment.schema, APIToken.schema, AuditEntry.schema, Contact.schema,
                      Campaign.schema, ChecklistItem.schema, CampaignAcknowledgement.schema, ItemReport.schema, EvidenceFile.schema, DutyShift.schema,
                      InformationSystem.schema, Asset.schema, AssetProduct.schema, Vulnerability.schema, Finding.schema, Advisory.schema,
                      AdvisoryUnit.schema, AppSetting.schema, Monitor.schema, MonitorAlert.schema, AlertDelivery.schema,
                      MonitorOutage.schema, MaintenanceWindowRecord.schema, Webhook.schema, MonitorCheckStore.resultsTable,
                      Incident.schema, IncidentEvent.schema, IncidentTaskRecord.schema, IncidentObservable.schema, IncidentEvidence.schema, OutboxMail.schema]
        let sql = try #require(db as? any SQLDatabase)
        for table in tables {
            let rows = try await sql.raw("SELECT * FROM \(ident: table)").all()
            var lines: [String] = []
            for row in rows {
                var fields: [String] = []
                for column in row.allColumns.sorted() where !["last_used_at", "updated_at", "matched_at"].contains(column) {
                    fields.append("\(column)=\(text(row, column))")
                }
                lines.append(fields.joined(separator: ","))
            }
            result[table] = "\(rows.count):" + lines.sorted().joined(separator: "|").hashValue.description
        }
        return result
    }
}
