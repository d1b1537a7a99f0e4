import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

private typealias F = CampaignFixtures

@Suite struct CampaignAPITests {
    // MARK: Creating

    @Test(arguments: TestDatabase.available)
    func badCreationInputIsRefusedAndNothingIsStored(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let before = try await F.counts(w)
            let item = #"{"title": "Rà soát router", "targetKinds": ["state_agency"]}"#
            let cases: [(String, UInt, String)] = [
                (#"{"startsAt": "2026-04-29T00:00:00+07:00", "endsAt": "2026-05-04T00:00:00+07:00", "items": [\#(item)]}"#, 422, "title is required"),
                (#"{"title": "  ", "startsAt": "2026-04-29T00:00:00+07:00", "endsAt": "2026-05-04T00:00:00+07:00"}"#, 422, "title is required"),
                (#"{"title": "T", "startsAt": "2026-05-04T00:00:00+07:00", "endsAt": "2026-04-29T00:00:00+07:00"}"#, 422, "endsAt must be after startsAt"),
                (#"{"title": "T", "startsAt": "2026-04-29T00:00:00+07:00"}"#, 422, "endsAt is required"),
                (#"{"title": "T", "startsAt": "2026-04-29T00:00:00+07:00", "endsAt": "2026-05-04T00:00:00+07:00", "documents": [{"number": "BTTTT-CATTT", "date": "2023-04-26", "issuer": "Bộ"}]}"#, 422, "does not look like a document number"),
                (#"{"title": "T", "startsAt": "2026-04-29T00:00:00+07:00", "endsAt": "2026-05-04T00:00:00+07:00", "documents": [{"number": "1520/BTTTT-CATTT", "date": "26/04/2023", "issuer": "Bộ"}]}"#, 422, "must be a date as yyyy-MM-dd"),
                (#"{"title": "T", "startsAt": "2026-04-29T00:00:00+07:00", "endsAt": "2026-05-04T00:00:00+07:00", "items": [{"title": "x", "targetKinds": ["bank"]}]}"#, 422, "unknown unit kind 'bank'"),
                (#"{"title": "T", "startsAt": "2026-04-29T00:00:00+07:00", "endsAt": "2026-05-04T00:00:00+07:00", "items": [{"title": "x", "targetKinds": []}]}"#, 422, "needs at least one unit kind"),
                (#"{"title": "T", "startsAt": "2026-04-29T00:00:00+07:00", "endsAt": "2026-05-04T00:00:00+07:00", "timeZone": "Mars/Olympus"}"#, 422, "not an IANA time zone"),
                (#"{"title": "T", "startsAt": "yesterday", "endsAt": "2026-05-04T00:00:00+07:00"}"#, 400, "ISO 8601"),
                (#"{"title": "T", "startsAt": "2026-04-29T00:00:00+07:00", "#, 400, "Malformed"),
                (#"{"template": "tet", "year": 2026}"#, 422, "template 'tet' does not exist"),
                (#"{"template": "le-30-4", "year": 2026, "items": []}"#, 422, "only year and title"),
            ]
            for (body, status, message) in cases {
                let res = try await F.send(w, .POST, "/api/v1/campaigns", as: w.coordinator, json: body)
                #expect(res.status.code == status, "\(body) -> \(res.status) \(res.body.string)")
                #expect(res.body.string.contains(message), "\(body) -> \(res.body.string)")
            }
            // Several problems at once are all named.
            let res = try await F.send(w, .POST, "/api/v1/campaigns", as: w.coordinator,
                                       json: #"{"startsAt": "2026-05-04T00:00:00+07:00", "endsAt": "2026-04-29T00:00:00+07:00", "items": [{"targetKinds": ["bank"]}]}"#)
            #expect(res.status == .unprocessableEntity)
            for part in ["title is required", "endsAt must be after startsAt", "items[0].title is required", "unknown unit kind 'bank'"] {
                #expect(res.body.string.contains(part), "\(res.body.string)")
            }
            #expect(try await F.counts(w) == before)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theTemplateReproducesThe2023DirectivesFiveItems(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let res = try await F.send(w, .POST, "/api/v1/campaigns", as: w.coordinator, json: #"{"template": "le-30-4", "year": 2026}"#)
            #expect(res.status == .created, "\(res.body.string)")
            let c = try res.content.decode(CampaignDTO.self)
            #expect(c.items.count == 5)
            #expect(c.items.map(\.position) == [1, 2, 3, 4, 5])
            #expect(c.items.map { Set($0.targetKinds) } == [
                Set(UnitKind.allCases), [.stateAgency], [.telecomProvider, .platformProvider], [.responseTeam], [.itCenter],
            ])
            #expect(c.items[1].title.contains("router/switch"))
            #expect(c.items[2].title.contains("Trung tâm tích hợp dữ liệu tỉnh"))
            #expect(c.documents.map(\.number).contains("1520/BTTTT-CATTT"))
            #expect(c.documents.map(\.number).contains("973/STTTT-CNTT"))
            #expect(c.timeZone == "Asia/Ho_Chi_Minh")
            // 29/4 00:00 to 4/5 00:00 local time (UTC+7).
            #expect(c.startsAt == DateCoding.parseISO("2026-04-28T17:00:00Z"))
            #expect(c.endsAt == DateCoding.parseISO("2026-05-03T17:00:00Z"))
            #expect(c.title.contains("2026"))
            #expect(c.createdBy == w.coordinator.id)
            // The same campaign twice is a conflict.
            let again = try await F.send(w, .POST, "/api/v1/campaigns", as: w.coordinator, json: #"{"template": "le-30-4", "year": 2026}"#)
            #expect(again.status == .conflict)
            #expect(try await Campaign.query(on: w.db).count() == 1)
            // The preview lists the same items.
            let templates = try await F.get(w, "/api/v1/campaign-templates?year=2026", as: w.adminA)
            #expect(templates.status == .ok)
            let list = try templates.content.decode([CampaignTemplateDTO].self)
            #expect(list.map(\.key) == ["le-30-4"])
            #expect(list[0].items.count == 5)
            #expect(try await F.get(w, "/api/v1/campaign-templates?year=abc", as: w.adminA).status == .badRequest)
        }
    }

    @Test(arguments: TestDatabase.available)
    func onlyTheCoordinatorCreatesAndChangesCampaigns(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let c = try await F.campaign(w, items: [("Rà soát", ["state_agency"], nil)])
            let before = try await F.counts(w)
            for person in [w.adminA, w.officerA, w.auditor] {
                let create = try await F.send(w, .POST, "/api/v1/campaigns", as: person, json: #"{"template": "le-30-4", "year": 2027}"#)
                #expect(create.status == .forbidden, "\(person.email)")
                #expect(create.body.string.contains("coordinator"))
                #expect(try await F.send(w, .PATCH, "/api/v1/campaigns/\(c.id)", as: person, json: #"{"title": "X"}"#).status == .forbidden)
                #expect(try await F.send(w, .POST, "/api/v1/campaigns/\(c.id)/items", as: person,
                                         json: #"{"title": "X", "targetKinds": ["state_agency"]}"#).status == .forbidden)
                #expect(try await F.send(w, .PATCH, "/api/v1/campaigns/\(c.id)/items/\(c.items[0].id)", as: person, json: #"{"title": "X"}"#).status == .forbidden)
                let delete = try await w.app.testing().sendRequest(.DELETE, "/api/v1/campaigns/\(c.id)/items/\(c.items[0].id)", headers: w.bearer(person))
                #expect(delete.status == .forbidden)
            }
            let noToken = try await w.app.testing().sendRequest(.POST, "/api/v1/campaigns", headers: [:])
            #expect(noToken.status == .unauthorized)
            #expect(try await F.counts(w) == before)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theCoordinatorPatchesTheCampaignAndItsItems(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let c = try await F.campaign(w, items: [("Mục 1", ["state_agency"], "2026-04-30T08:00:00+07:00"), ("Mục 2", ["telecom_provider"], nil)])
            // Bad patches change nothing.
            let bad = try await F.send(w, .PATCH, "/api/v1/campaigns/\(c.id)", as: w.coordinator, json: #"{"endsAt": "2000-01-01T00:00:00Z"}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("endsAt must be after startsAt"))
            let patched = try await F.send(w, .PATCH, "/api/v1/campaigns/\(c.id)", as: w.coordinator,
                                           json: #"{"title": "Đợt mới", "directive": "Chỉ đạo mới", "documents": [{"number": "973/STTTT-CNTT", "date": "2023-04-27", "issuer": "Sở TTTT"}]}"#)
            #expect(patched.status == .ok, "\(patched.body.string)")
            let p = try patched.content.decode(CampaignDTO.self)
            #expect(p.title == "Đợt mới")
            #expect(p.directive == "Chỉ đạo mới")
            #expect(p.documents == [ReferencedDocument(number: "973/STTTT-CNTT", date: "2023-04-27", issuer: "Sở TTTT")])
            #expect(p.startsAt == c.startsAt)

            // Add an item at position 1: the others move down.
            let added = try await F.send(w, .POST, "/api/v1/campaigns/\(c.id)/items", as: w.coordinator,
                                         json: #"{"title": "Mục 0", "targetKinds": ["it_center", "state_agency", "it_center"], "position": 1}"#)
            #expect(added.status == .created, "\(added.body.string)")
            let item = try added.content.decode(ChecklistItemDTO.self)
            #expect(item.targetKinds == [.stateAgency, .itCenter])
            #expect(item.effectiveDueAt == c.endsAt)
            let reread = try await F.get(w, "/api/v1/campaigns/\(c.id)", as: w.coordinator).content.decode(CampaignDTO.self)
            #expect(reread.items.map(\.title) == ["Mục 0", "Mục 1", "Mục 2"])
            #expect(try await F.send(w, .POST, "/api/v1/campaigns/\(c.id)/items", as: w.coordinator,
                                     json: #"{"title": "x", "targetKinds": ["bank"]}"#).status == .unprocessableEntity)

            // "dueAt": null removes a deadline.
            let first = c.items[0]
            #expect(first.dueAt != nil)
            let cleared = try await F.send(w, .PATCH, "/api/v1/campaigns/\(c.id)/items/\(first.id)", as: w.coordinator,
                                           json: #"{"dueAt": null, "title": "Mục 1 (sửa)"}"#)
            #expect(cleared.status == .ok, "\(cleared.body.string)")
            let clearedItem = try cleared.content.decode(ChecklistItemDTO.self)
            #expect(clearedItem.dueAt == nil)
            #expect(clearedItem.title == "Mục 1 (sửa)")
            #expect(try await F.send(w, .PATCH, "/api/v1/campaigns/\(c.id)/items/\(first.id)", as: w.coordinator,
                                     json: #"{"targetKinds": []}"#).status == .unprocessableEntity)
            #expect(try await F.send(w, .PATCH, "/api/v1/campaigns/\(c.id)/items/\(UUID())", as: w.coordinator,
                                     json: #"{"title": "x"}"#).status == .notFound)

            // Deleting an answered item needs force=true; the answers go with it.
            let r = try await F.report(w, campaign: c.id, item: first.id, unit: w.deptA.id!, as: w.adminA, fields: [("status", "done")])
            #expect(r.status == .ok)
            let refused = try await w.app.testing().sendRequest(.DELETE, "/api/v1/campaigns/\(c.id)/items/\(first.id)", headers: w.bearer(w.coordinator))
            #expect(refused.status == .conflict)
            #expect(refused.body.string.contains("force=true"))
            #expect(try await ItemReport.query(on: w.db).count() == 1)
            let deleted = try await w.app.testing().sendRequest(.DELETE, "/api/v1/campaigns/\(c.id)/items/\(first.id)?force=true", headers: w.bearer(w.coordinator))
            #expect(deleted.status == .noContent)
            #expect(try await ItemReport.query(on: w.db).count() == 0)
            #expect(try await ChecklistItem.query(on: w.db).count() == 2)
        }
    }

    // MARK: Targeting and visibility

    @Test(arguments: TestDatabase.available)
    func unitsSeeOnlyCampaignsAndItemsForTheirKind(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let mixed = try await F.campaign(w, title: "Hỗn hợp", items: [("Cho cơ quan", ["state_agency"], nil), ("Cho nhà mạng", ["telecom_provider"], nil)])
            let telecomOnly = try await F.campaign(w, title: "Chỉ nhà mạng", items: [("Đường truyền", ["telecom_provider"], nil)])

            let seen = try await F.get(w, "/api/v1/campaigns/\(mixed.id)", as: w.adminA).content.decode(CampaignDTO.self)
            #expect(seen.items.map(\.title) == ["Cho cơ quan"])
            #expect(try await F.get(w, "/api/v1/campaigns/\(telecomOnly.id)", as: w.adminA).status == .notFound)
            let list = try await F.get(w, "/api/v1/campaigns", as: w.adminA).content.decode(Page<CampaignSummaryDTO>.self)
            #expect(list.items.map(\.title) == ["Hỗn hợp"])
            #expect(list.items.first?.state == "active")
            let all = try await F.get(w, "/api/v1/campaigns", as: w.coordinator).content.decode(Page<CampaignSummaryDTO>.self)
            #expect(Set(all.items.map(\.title)) == ["Hỗn hợp", "Chỉ nhà mạng"])
            let auditorSees = try await F.get(w, "/api/v1/campaigns/\(telecomOnly.id)", as: w.auditor)
            #expect(auditorSees.status == .ok) // the province auditor reads the telecom provider
            #expect(try await F.get(w, "/api/v1/campaigns?state=ended", as: w.coordinator).content.decode(Page<CampaignSummaryDTO>.self).items.isEmpty)
            #expect(try await F.get(w, "/api/v1/campaigns?state=soon", as: w.coordinator).status == .badRequest)
            #expect(try await F.get(w, "/api/v1/campaigns?q=nh%C3%A0", as: w.coordinator).content.decode(Page<CampaignSummaryDTO>.self).items.map(\.title) == ["Chỉ nhà mạng"])

            // One unit's view: only the items for its kind.
            let telecomView = try await F.get(w, "/api/v1/campaigns/\(mixed.id)/units/\(w.telecom.id!)", as: w.coordinator)
            #expect(telecomView.status == .ok)
            let view = try telecomView.content.decode(UnitCampaignDTO.self)
            #expect(view.items.map(\.item.title) == ["Cho nhà mạng"])
            #expect(view.items.map(\.state) == [.pending])
            #expect(view.acknowledgement == nil)
            #expect(try await F.get(w, "/api/v1/campaigns/\(mixed.id)/units/\(w.telecom.id!)", as: w.adminA).status == .notFound)
            #expect(try await F.get(w, "/api/v1/campaigns/\(mixed.id)/units/\(w.deptB.id!)", as: w.adminA).status == .notFound)
            let agency = try await F.get(w, "/api/v1/campaigns/\(mixed.id)/units/\(w.agencyA1.id!)", as: w.adminA).content.decode(UnitCampaignDTO.self)
            #expect(agency.canReport)
            let auditorView = try await F.get(w, "/api/v1/campaigns/\(mixed.id)/units/\(w.deptA.id!)", as: w.auditor).content.decode(UnitCampaignDTO.self)
            #expect(!auditorView.canReport)
            #expect(try await F.get(w, "/api/v1/campaigns/\(telecomOnly.id)/units/\(w.deptA.id!)", as: w.coordinator).status == .notFound)
        }
    }

    // MARK: Acknowledging and reporting

    @Test(arguments: TestDatabase.available)
    func acknowledgingIsIdempotentAndNeedsTheReportRight(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let c = try await F.campaign(w, items: [("Rà soát", ["state_agency"], nil)])
            let path = "/api/v1/campaigns/\(c.id)/units/\(w.deptA.id!)/acknowledge"
            let first = try await w.app.testing().sendRequest(.POST, path, headers: w.bearer(w.officerA))
            #expect(first.status == .ok, "\(first.body.string)")
            let ack = try first.content.decode(AcknowledgementDTO.self)
            #expect(ack.personID == w.officerA.id)
            #expect(ack.personName == w.officerA.fullName)
            let second = try await w.app.testing().sendRequest(.POST, path, headers: w.bearer(w.adminA))
            #expect(second.status == .ok)
            let again = try second.content.decode(AcknowledgementDTO.self)
            #expect(again.at == ack.at)
            #expect(again.personID == w.officerA.id)
            #expect(try await CampaignAcknowledgement.query(on: w.db).count() == 1)
            #expect(try await AuditEntry.query(on: w.db).filter(\.$action == "campaign.acknowledge").count() == 1)

            #expect(try await w.app.testing().sendRequest(.POST, path, headers: w.bearer(w.auditor)).status == .forbidden)
            #expect(try await w.app.testing().sendRequest(.POST, "/api/v1/campaigns/\(c.id)/units/\(w.deptB.id!)/acknowledge",
                                                          headers: w.bearer(w.adminA)).status == .notFound)
            let notTargeted = try await w.app.testing().sendRequest(.POST, "/api/v1/campaigns/\(c.id)/units/\(w.telecom.id!)/acknowledge",
                                                                    headers: w.bearer(w.coordinator))
            #expect(notTargeted.status == .unprocessableEntity)
            #expect(try await CampaignAcknowledgement.query(on: w.db).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func simultaneousFirstAnswersLeaveOneAcknowledgementAndOneAnswer(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let c = try await F.campaign(w, items: [("Rà soát", ["state_agency"], nil)])
            let item = c.items[0].id, unit = w.deptA.id!
            let statuses = try await withThrowingTaskGroup(of: UInt.self, returning: [UInt].self) { group in
                for index in 0..<8 {
                    group.addTask {
                        if index % 2 == 0 {
                            return try await w.app.testing().sendRequest(.POST, "/api/v1/campaigns/\(c.id)/units/\(unit)/acknowledge",
                                                                         headers: w.bearer(w.adminA)).status.code
                        }
                        return try await F.report(w, campaign: c.id, item: item, unit: unit, as: w.officerA,
                                                  fields: [("status", "done"), ("note", "lần \(index)")]).status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
            #expect(try await CampaignAcknowledgement.query(on: w.db).count() == 1)
            #expect(try await ItemReport.query(on: w.db).count() == 1)
            #expect(try await AuditEntry.query(on: w.db).filter(\.$action == "campaign.acknowledge").count() == 1)
            #expect(try await AuditEntry.query(on: w.db).filter(\.$action == "campaign.report").count() == 4)
        }
    }

    @Test(arguments: TestDatabase.available)
    func reportsCarryEvidenceWithItsSHA256AndDownloadSafely(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let c = try await F.campaign(w, items: [("Rà soát router/switch", ["state_agency"], nil)])
            let item = c.items[0].id
            let bytes = Array("<html><script>alert('x')</script> biên bản rà soát\n".utf8)
            let res = try await F.report(w, campaign: c.id, item: item, unit: w.deptA.id!, as: w.adminA,
                                         fields: [("status", "done"), ("note", "Đã rà soát 12 thiết bị")],
                                         file: .init(filename: "../../bien-ban.html", contentType: "text/html", data: bytes))
            #expect(res.status == .ok, "\(res.body.string)")
            let report = try res.content.decode(ReportDTO.self)
            #expect(report.status == .done)
            #expect(report.note == "Đã rà soát 12 thiết bị")
            #expect(report.reportedBy == w.adminA.id)
            let evidence = try #require(report.evidence)
            #expect(evidence.sha256 == F.sha256Hex(bytes))
            #expect(evidence.size == bytes.count)
            #expect(evidence.filename == "bien-ban.html")
            #expect(evidence.downloadURL == "/api/v1/evidence/\(evidence.id.uuidString)")
            let stored = try #require(try await EvidenceFile.find(evidence.id, on: w.db))
            #expect(stored.sha256 == F.sha256Hex(bytes))
            #expect(stored.$unit.id == w.deptA.id)

            let download = try await F.get(w, "/api/v1/evidence/\(evidence.id)", as: w.auditor)
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentType) == "application/octet-stream")
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            #expect(download.headers.first(name: .contentDisposition)?.contains("bien-ban.html") == true)
            #expect(download.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(download.headers.first(name: "X-Content-SHA256") == F.sha256Hex(bytes))
            #expect(download.headers.first(name: "Digest") == "sha-256=" + Data(SHA256.hash(data: bytes)).base64EncodedString())
            #expect(Array(download.body.readableBytesView) == bytes)
            #expect(try await F.get(w, "/api/v1/evidence/\(evidence.id)", as: w.adminB).status == .notFound)
            #expect(try await F.get(w, "/api/v1/evidence/\(UUID())", as: w.coordinator).status == .notFound)

            // A new answer without a file keeps the evidence; removeEvidence drops it. Each change is audited.
            let kept = try await F.report(w, campaign: c.id, item: item, unit: w.deptA.id!, as: w.officerA,
                                          fields: [("status", "problem"), ("note", "Một switch chưa vá")])
            #expect(try kept.content.decode(ReportDTO.self).evidence?.id == evidence.id)
            #expect(try kept.content.decode(ReportDTO.self).reportedBy == w.officerA.id)
            let dropped = try await F.report(w, campaign: c.id, item: item, unit: w.deptA.id!, as: w.officerA,
                                             fields: [("status", "done"), ("removeEvidence", "true")])
            #expect(try dropped.content.decode(ReportDTO.self).evidence == nil)
            #expect(try await ItemReport.query(on: w.db).count() == 1)
            let history = try await AuditEntry.query(on: w.db).filter(\.$action == "campaign.report").sort(\.$at).all()
            #expect(history.count == 3)
            #expect(history[1].before?.contains("\"status\":\"done\"") == true)
            #expect(history[1].after?.contains("\"status\":\"problem\"") == true)
            #expect(try await AuditEntry.query(on: w.db).filter(\.$action == "evidence.upload").count() == 1)
            // Reporting acknowledged the campaign for the unit.
            #expect(try await CampaignAcknowledgement.query(on: w.db).count() == 1)

            // JSON works too, evidence as base64.
            let json = try await F.send(w, .POST, "/api/v1/campaigns/\(c.id)/items/\(item)/units/\(w.agencyA1.id!)/report", as: w.adminA,
                                        json: #"{"status": "not_applicable", "note": "Không có router", "evidence": {"filename": "a.txt", "data": "aGVsbG8="}}"#)
            #expect(json.status == .ok, "\(json.body.string)")
            #expect(try json.content.decode(ReportDTO.self).evidence?.sha256 == F.sha256Hex(Array("hello".utf8)))
        }
    }

    @Test(arguments: TestDatabase.available)
    func badReportsAreRefusedAndNothingIsStored(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let c = try await F.campaign(w, items: [("Rà soát", ["state_agency"], nil), ("Đường truyền", ["telecom_provider"], nil)])
            let agencyItem = c.items[0].id, telecomItem = c.items[1].id
            w.app.config.maxUploadBytes = 1024
            let before = try await F.counts(w)

            // Oversized evidence: 413 with a clear message.
            let big = try await F.report(w, campaign: c.id, item: agencyItem, unit: w.deptA.id!, as: w.adminA,
                                         fields: [("status", "done")], file: .init(filename: "big.bin", data: Array(repeating: 7, count: 2048)))
            #expect(big.status == .payloadTooLarge)
            #expect(big.body.string.contains("too large"), "\(big.body.string)")
            // Another unit's item: 404 (the unit is invisible), nothing stored.
            let other = try await F.report(w, campaign: c.id, item: agencyItem, unit: w.deptB.id!, as: w.adminA, fields: [("status", "done")],
                                           file: .init(filename: "x.txt", data: Array("x".utf8)))
            #expect(other.status == .notFound)
            // The auditor reads but does not report.
            #expect(try await F.report(w, campaign: c.id, item: agencyItem, unit: w.deptA.id!, as: w.auditor, fields: [("status", "done")]).status == .forbidden)
            // An item for another kind of unit: 422.
            let wrongKind = try await F.report(w, campaign: c.id, item: telecomItem, unit: w.deptA.id!, as: w.coordinator, fields: [("status", "done")])
            #expect(wrongKind.status == .unprocessableEntity)
            #expect(wrongKind.body.string.contains("does not target units of kind state_agency"))
            // A problem needs a note; the status must be known; empty files are refused.
            let noNote = try await F.report(w, campaign: c.id, item: agencyItem, unit: w.deptA.id!, as: w.adminA, fields: [("status", "problem"), ("note", "  ")])
            #expect(noNote.status == .unprocessableEntity)
            #expect(noNote.body.string.contains("note is required"))
            let badStatus = try await F.report(w, campaign: c.id, item: agencyItem, unit: w.deptA.id!, as: w.adminA, fields: [("status", "finished")])
            #expect(badStatus.status == .unprocessableEntity)
            #expect(badStatus.body.string.contains("done, not_applicable, problem"))
            let empty = try await F.report(w, campaign: c.id, item: agencyItem, unit: w.deptA.id!, as: w.adminA, fields: [("status", "done")],
                                           file: .init(filename: "empty.txt", data: []))
            #expect(empty.status == .unprocessableEntity)
            let unknownItem = try await F.report(w, campaign: c.id, item: UUID(), unit: w.deptA.id!, as: w.adminA, fields: [("status", "done")])
            #expect(unknownItem.status == .notFound)
            let malformed = try await F.send(w, .POST, "/api/v1/campaigns/\(c.id)/items/\(agencyItem)/units/\(w.deptA.id!)/report", as: w.adminA, json: #"{"status": "#)
            #expect(malformed.status == .badRequest)
            #expect(try await F.counts(w) == before)

            // Within the limit it works; the duty officer may report for the unit.
            let ok = try await F.report(w, campaign: c.id, item: agencyItem, unit: w.deptA.id!, as: w.officerA,
                                        fields: [("status", "done")], file: .init(filename: "ok.bin", data: Array(repeating: 1, count: 1024)))
            #expect(ok.status == .ok, "\(ok.body.string)")
            // A browser's empty file input means "no file".
            let noFile = try await F.report(w, campaign: c.id, item: agencyItem, unit: w.agencyA1.id!, as: w.officerA,
                                            fields: [("status", "done")], file: .init(filename: "", data: []))
            #expect(noFile.status == .ok, "\(noFile.body.string)")
            #expect(try noFile.content.decode(ReportDTO.self).evidence == nil)
        }
    }

    // MARK: Board, CSV, summary

    @Test(arguments: TestDatabase.available)
    func theBoardShowsOverdueAndUnacknowledgedUnits(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let c = try await F.campaign(w, items: [
                ("Quá hạn", ["state_agency"], "2021-01-01T00:00:00+07:00"),
                ("Còn hạn", ["state_agency"], "2099-01-01T00:00:00+07:00"),
                ("Nhà mạng", ["telecom_provider"], "2021-01-01T00:00:00+07:00"),
            ])
            let (late, open, telecomItem) = (c.items[0].id, c.items[1].id, c.items[2].id)
            #expect(try await F.report(w, campaign: c.id, item: late, unit: w.deptA.id!, as: w.adminA, fields: [("status", "done")]).status == .ok)
            #expect(try await F.report(w, campaign: c.id, item: open, unit: w.agencyA1.id!, as: w.adminA,
                                       fields: [("status", "problem"), ("note", "Thiếu nhân lực trực")]).status == .ok)
            let ackB = try await w.app.testing().sendRequest(.POST, "/api/v1/campaigns/\(c.id)/units/\(w.deptB.id!)/acknowledge", headers: w.bearer(w.adminB))
            #expect(ackB.status == .ok)

            let res = try await F.get(w, "/api/v1/campaigns/\(c.id)/compliance", as: w.coordinator)
            #expect(res.status == .ok, "\(res.body.string)")
            let board = try res.content.decode(ComplianceDTO.self)
            #expect(board.items.map(\.id) == [late, open, telecomItem])
            let rows = Dictionary(uniqueKeysWithValues: board.rows.map { ($0.unit.code, $0) })
            #expect(Set(rows.keys) == ["TINH", "SO-A", "SO-B", "A1", "VNPT"])
            #expect(rows["SO-A"]?.cells == [.done, .pending, .notTargeted])
            #expect(rows["A1"]?.cells == [.overdue, .problem, .notTargeted])
            #expect(rows["SO-B"]?.cells == [.overdue, .pending, .notTargeted])
            #expect(rows["VNPT"]?.cells == [.notTargeted, .notTargeted, .overdue])
            #expect(rows["SO-A"]?.acknowledgedAt != nil)
            #expect(Set(board.unacknowledged.map(\.code)) == ["TINH", "VNPT"])
            #expect(board.overdueCells == 4)
            #expect(Set(board.overdue.map { "\($0.unit.code)|\($0.itemTitle)" }) == ["TINH|Quá hạn", "SO-B|Quá hạn", "A1|Quá hạn", "VNPT|Nhà mạng"])
            #expect(board.targetedCells == 9)
            #expect(board.answeredCells == 2)
            #expect(board.completionPercent == 22)

            // The auditor of the province sees the whole board; a unit admin only their own units and items.
            let audited = try await F.get(w, "/api/v1/campaigns/\(c.id)/compliance", as: w.auditor).content.decode(ComplianceDTO.self)
            #expect(audited.rows.count == 5)
            let mine = try await F.get(w, "/api/v1/campaigns/\(c.id)/compliance", as: w.adminA).content.decode(ComplianceDTO.self)
            #expect(Set(mine.rows.map(\.unit.code)) == ["SO-A", "A1"])
            #expect(mine.items.map(\.id) == [late, open])
            #expect(mine.unacknowledged.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theBoardExportsAsCSVForExcel(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let c = try await F.campaign(w, items: [("Rà soát, vá lỗi", ["state_agency"], "2021-01-01T00:00:00+07:00"), ("=Đường truyền", ["telecom_provider"], nil)])
            #expect(try await F.report(w, campaign: c.id, item: c.items[0].id, unit: w.deptA.id!, as: w.adminA, fields: [("status", "done")]).status == .ok)
            let res = try await F.get(w, "/api/v1/campaigns/\(c.id)/compliance/csv", as: w.coordinator)
            #expect(res.status == .ok)
            #expect(res.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(res.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            let bytes = Array(res.body.readableBytesView)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 1 + 5)
            #expect(lines[0] == "Mã đơn vị,Đơn vị,Loại đơn vị,Tiếp nhận lúc,\"1. Rà soát, vá lỗi\",2. =Đường truyền,Đã báo cáo,Số mục phải báo cáo,Quá hạn,Hoàn thành (%)",
                    "\(lines[0])")
            let deptA = try #require(lines.first { $0.hasPrefix("SO-A,") })
            #expect(deptA.hasPrefix("SO-A,Sở A,Cơ quan nhà nước,"))
            #expect(deptA.hasSuffix(",Đã thực hiện,—,1,1,0,100"), "\(deptA)")
            let deptB = try #require(lines.first { $0.hasPrefix("SO-B,") })
            #expect(deptB == "SO-B,Sở B,Cơ quan nhà nước,,Quá hạn,—,0,1,1,0")
            let telecom = try #require(lines.first { $0.hasPrefix("VNPT,") })
            #expect(telecom.hasSuffix(",—,Chưa báo cáo,0,1,0,0"), "\(telecom)")
            // A unit admin's export only has their units.
            let mine = try await F.get(w, "/api/v1/campaigns/\(c.id)/compliance/csv", as: w.adminA)
            #expect(mine.body.string.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 2)
            // English on request.
            #expect(try await F.get(w, "/api/v1/campaigns/\(c.id)/compliance/csv?lang=en", as: w.coordinator).body.string.contains("Unit code,Unit,"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theSummaryCountsAnswersProblemsAndOverdueItems(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let c = try await F.campaign(w, items: [("Rà soát", ["state_agency"], "2021-01-01T00:00:00+07:00"), ("Đường truyền", ["telecom_provider"], nil)])
            let item = c.items[0].id
            _ = try await F.report(w, campaign: c.id, item: item, unit: w.deptA.id!, as: w.adminA, fields: [("status", "done")])
            _ = try await F.report(w, campaign: c.id, item: item, unit: w.agencyA1.id!, as: w.adminA,
                                   fields: [("status", "problem"), ("note", "Router cũ chưa có bản vá")],
                                   file: .init(filename: "anh.png", contentType: "image/png", data: [1, 2, 3]))
            _ = try await F.report(w, campaign: c.id, item: item, unit: w.deptB.id!, as: w.adminB, fields: [("status", "not_applicable")])
            let res = try await F.get(w, "/api/v1/campaigns/\(c.id)/summary", as: w.coordinator)
            #expect(res.status == .ok, "\(res.body.string)")
            let s = try res.content.decode(CampaignSummaryReportDTO.self)
            #expect(s.campaign.id == c.id)
            #expect(s.campaign.documents.first?.number == "1520/BTTTT-CATTT")
            #expect(s.targetedUnits == 5)
            #expect(s.acknowledgedUnits == 3)
            #expect(s.byStatus == StatusCountsDTO(pending: 1, overdue: 1, done: 1, notApplicable: 1, problem: 1))
            #expect(s.items.map(\.targetedUnits) == [4, 1])
            #expect(s.items[0].counts == StatusCountsDTO(pending: 0, overdue: 1, done: 1, notApplicable: 1, problem: 1))
            #expect(s.items[1].counts == StatusCountsDTO(pending: 1, overdue: 0, done: 0, notApplicable: 0, problem: 0))
            #expect(Set(s.unacknowledged.map(\.code)) == ["TINH", "VNPT"])
            #expect(s.problems.count == 1)
            #expect(s.problems.first?.note == "Router cũ chưa có bản vá")
            #expect(s.problems.first?.unit.code == "A1")
            #expect(s.problems.first?.reporterName == w.adminA.fullName)
            #expect(s.problems.first?.evidence?.filename == "anh.png")
            #expect(s.overdue.map(\.unit.code) == ["TINH"])
            #expect(s.completionPercent == 60)
            // Rows are limited to what the caller reads.
            let mine = try await F.get(w, "/api/v1/campaigns/\(c.id)/summary", as: w.adminB).content.decode(CampaignSummaryReportDTO.self)
            #expect(mine.targetedUnits == 1)
            #expect(mine.problems.isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func everyMutationIsAudited(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let c = try await F.campaign(w, items: [("Rà soát", ["state_agency"], nil)])
            _ = try await F.send(w, .PATCH, "/api/v1/campaigns/\(c.id)", as: w.coordinator, json: #"{"title": "Đổi tên"}"#)
            let added = try await F.send(w, .POST, "/api/v1/campaigns/\(c.id)/items", as: w.coordinator, json: #"{"title": "Thêm", "targetKinds": ["state_agency"]}"#)
            let item = try added.content.decode(ChecklistItemDTO.self)
            _ = try await F.send(w, .PATCH, "/api/v1/campaigns/\(c.id)/items/\(item.id)", as: w.coordinator, json: #"{"detail": "Chi tiết"}"#)
            _ = try await w.app.testing().sendRequest(.POST, "/api/v1/campaigns/\(c.id)/units/\(w.deptA.id!)/acknowledge", headers: w.bearer(w.adminA))
            _ = try await F.report(w, campaign: c.id, item: item.id, unit: w.deptA.id!, as: w.adminA, fields: [("status", "done")],
                                   file: .init(filename: "a.txt", data: [65]))
            _ = try await w.app.testing().sendRequest(.DELETE, "/api/v1/campaigns/\(c.id)/items/\(item.id)?force=true", headers: w.bearer(w.coordinator))
            let entries = try await AuditEntry.query(on: w.db).filter(\.$action ~~ [
                "campaign.create", "campaign.update", "campaign.item.create", "campaign.item.update", "campaign.acknowledge",
                "evidence.upload", "campaign.report", "campaign.report.delete", "campaign.item.delete",
            ]).all()
            let actions = entries.map(\.action)
            for action in ["campaign.create", "campaign.update", "campaign.item.create", "campaign.item.update", "campaign.acknowledge",
                           "evidence.upload", "campaign.report", "campaign.report.delete", "campaign.item.delete"] {
                #expect(actions.filter { $0 == action }.count == 1, "\(action): \(actions)")
            }
            let update = try #require(entries.first { $0.action == "campaign.update" })
            #expect(update.before?.contains("Đợt thử nghiệm") == true)
            #expect(update.after?.contains("Đổi tên") == true)
            #expect(update.actorID == w.coordinator.id)
            let report = try #require(entries.first { $0.action == "campaign.report" })
            #expect(report.unitID == w.deptA.id)
            #expect(report.actorID == w.adminA.id)
            // Evidence content never goes into the log.
            let upload = try #require(entries.first { $0.action == "evidence.upload" })
            #expect(upload.after?.contains("sha256") == true)
            #expect(upload.after?.contains("content") == false)
        }
    }
}
