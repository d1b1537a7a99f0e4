import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// Helpers shared by the roster tests.
enum RosterFixture {
    static let vn = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    /// A local Vietnamese time, e.g. vnTime("30/04/2023 07:00").
    static func vnTime(_ text: String) -> Date {
        VNDateFormat.parse(text, timeZone: vn)!
    }

    /// Now, without the fraction of a second (JSON dates carry whole seconds).
    static func now() -> Date {
        Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }

    @discardableResult
    static func shift(_ w: TestWorld, unit: OrgUnit, person: Person, _ start: Date, _ end: Date, _ role: DutyRole = .technical,
                      campaign: Campaign? = nil, note: String? = nil) async throws -> DutyShift {
        let shift = DutyShift(unitID: unit.id!, campaignID: campaign?.id, personID: person.id!, startsAt: start, endsAt: end, role: role, note: note)
        try await shift.create(on: w.db)
        return shift
    }

    static func campaign(_ w: TestWorld, _ start: Date, _ end: Date) async throws -> Campaign {
        let campaign = Campaign(title: "Lễ 30/4–01/5/2023", startsAt: start, endsAt: end, timeZone: "Asia/Ho_Chi_Minh",
                                directive: "Tăng cường bảo đảm an toàn thông tin mạng", documents: [], createdBy: w.coordinator.id)
        try await campaign.create(on: w.db)
        return campaign
    }

    static func person(_ w: TestWorld, _ email: String, _ name: String, unit: OrgUnit, phone: String? = "0911111111") async throws -> Person {
        let person = Person(unitID: unit.id!, email: email, fullName: name, phone: phone)
        try await person.create(on: w.db)
        return person
    }

    static func count(_ w: TestWorld) async throws -> Int {
        try await DutyShift.query(on: w.db).count()
    }

    static func audits(_ w: TestWorld, _ action: String) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: w.db).filter(\.$action == action).all()
    }

    static func json(_ body: String) -> @Sendable (inout TestingHTTPRequest) throws -> Void {
        { req in
            req.headers.contentType = .json
            req.body = ByteBuffer(string: body)
        }
    }

    static func csv(_ body: String) -> @Sendable (inout TestingHTTPRequest) throws -> Void {
        { req in
            req.headers.contentType = HTTPMediaType(type: "text", subType: "csv")
            req.body = ByteBuffer(string: body)
        }
    }
}

@Suite struct RosterAPITests {
    typealias F = RosterFixture

    // MARK: - Single shifts

    @Test(arguments: TestDatabase.available)
    func createListUpdateDeleteAreAudited(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let input = ShiftInput(personID: w.officerA.id, personEmail: nil, startsAt: F.vnTime("30/04/2023 07:00"),
                                   endsAt: F.vnTime("30/04/2023 19:00"), role: .technical, note: "Ca ngày", campaignID: nil)
            var created: ShiftDTO?
            try await w.app.testing().test(.POST, "/api/v1/units/\(w.deptA.id!)/shifts", headers: w.bearer(w.adminA),
                                           beforeRequest: { try $0.content.encode(input) }) { res async throws in
                #expect(res.status == .created, "\(res.body.string)")
                created = try res.content.decode(ShiftDTO.self)
            }
            let shift = try #require(created)
            #expect(shift.personName == w.officerA.fullName)
            #expect(shift.personEmail == w.officerA.email)
            #expect(shift.startsAt == F.vnTime("30/04/2023 07:00"))
            #expect(shift.unitID == w.deptA.id)

            // By e-mail, and a person of a unit below (agency A1) may be put on deptA's roster.
            let agent = try await F.person(w, "staff.a1@test.vn", "Nhân Viên A1", unit: w.agencyA1)
            try await w.app.testing().test(.POST, "/api/v1/units/\(w.deptA.id!)/shifts", headers: w.bearer(w.coordinator),
                                           beforeRequest: F.json(#"{"personEmail":"STAFF.A1@test.vn","startsAt":"2023-04-30T19:00:00+07:00","endsAt":"2023-05-01T07:00:00+07:00","role":"leader"}"#)) { res async throws in
                #expect(res.status == .created, "\(res.body.string)")
                #expect(try res.content.decode(ShiftDTO.self).personID == agent.id)
            }

            try await w.app.testing().test(.GET, "/api/v1/units/\(w.deptA.id!)/shifts?from=2023-04-30&to=2023-04-30", headers: w.bearer(w.officerA)) { res async throws in
                #expect(res.status == .ok)
                let page = try res.content.decode(Page<ShiftDTO>.self)
                #expect(page.items.map(\.id) == [shift.id, page.items.last!.id])
                #expect(page.metadata.total == 2)
            }
            try await w.app.testing().test(.GET, "/api/v1/units/\(w.deptA.id!)/shifts?role=leader", headers: w.bearer(w.officerA)) { res async throws in
                #expect(try res.content.decode(Page<ShiftDTO>.self).items.map(\.personID) == [agent.id])
            }
            try await w.app.testing().test(.GET, "/api/v1/units/\(w.deptA.id!)/shifts?personID=\(w.officerA.id!)&from=2023-05-01T07:00:00%2B07:00", headers: w.bearer(w.officerA)) { res async throws in
                #expect(try res.content.decode(Page<ShiftDTO>.self).items.isEmpty)
            }
            try await w.app.testing().test(.GET, "/api/v1/units/\(w.deptA.id!)/shifts?from=yesterday", headers: w.bearer(w.officerA)) { res async in
                #expect(res.status == .badRequest)
                #expect(res.body.string.contains("from"))
            }

            try await w.app.testing().test(.PATCH, "/api/v1/shifts/\(shift.id)", headers: w.bearer(w.adminA),
                                           beforeRequest: F.json(#"{"endsAt":"2023-04-30T20:00:00+07:00","note":""}"#)) { res async throws in
                #expect(res.status == .ok, "\(res.body.string)")
                let dto = try res.content.decode(ShiftDTO.self)
                #expect(dto.endsAt == F.vnTime("30/04/2023 20:00"))
                #expect(dto.note == nil)
            }
            try await w.app.testing().test(.PATCH, "/api/v1/shifts/\(shift.id)", headers: w.bearer(w.adminA),
                                           beforeRequest: F.json(#"{"endsAt":"2023-04-30T06:00:00+07:00"}"#)) { res async in
                #expect(res.status == .unprocessableEntity)
            }
            try await w.app.testing().test(.GET, "/api/v1/shifts/\(shift.id)", headers: w.bearer(w.officerA)) { res async throws in
                #expect(try res.content.decode(ShiftDTO.self).endsAt == F.vnTime("30/04/2023 20:00"))
            }
            try await w.app.testing().test(.DELETE, "/api/v1/shifts/\(shift.id)", headers: w.bearer(w.adminA)) { res async in
                #expect(res.status == .noContent)
            }
            #expect(try await F.count(w) == 1)

            let create = try await F.audits(w, "shift.create")
            #expect(create.count == 2)
            #expect(create.allSatisfy { $0.unitID == w.deptA.id && $0.entityType == "duty_shift" && $0.after != nil })
            let update = try await F.audits(w, "shift.update")
            #expect(update.count == 1)
            #expect(update.first?.before?.contains("Ca ngày") == true)
            #expect(update.first?.actorID == w.adminA.id)
            let delete = try await F.audits(w, "shift.delete")
            #expect(delete.count == 1)
            #expect(delete.first?.entityID == shift.id.uuidString)
            #expect(delete.first?.after == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func badShiftsAreRejectedAndNothingIsStored(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let otherUnit = try await F.person(w, "staff.b@test.vn", "Nhân Viên B", unit: w.deptB)
            let inactive = try await F.person(w, "old.a@test.vn", "Đã Nghỉ", unit: w.deptA)
            inactive.isActive = false
            try await inactive.save(on: w.db)
            let a = w.officerA.id!
            let cases: [(String, HTTPStatus, String)] = [
                (#"{"personID":"\#(a)","startsAt":"2023-04-30T19:00:00+07:00","endsAt":"2023-04-30T07:00:00+07:00","role":"technical"}"#, .unprocessableEntity, "after"),
                (#"{"personID":"\#(a)","startsAt":"2023-04-30T07:00:00+07:00","endsAt":"2023-04-30T07:00:00+07:00","role":"technical"}"#, .unprocessableEntity, "after"),
                (#"{"personID":"\#(a)","startsAt":"2023-04-30T07:00:00+07:00","endsAt":"2023-05-01T07:01:00+07:00","role":"technical"}"#, .unprocessableEntity, "24 hours"),
                (#"{"personID":"\#(UUID())","startsAt":"2023-04-30T07:00:00+07:00","endsAt":"2023-04-30T19:00:00+07:00","role":"technical"}"#, .unprocessableEntity, "belongs to this unit"),
                (#"{"personEmail":"nobody@test.vn","startsAt":"2023-04-30T07:00:00+07:00","endsAt":"2023-04-30T19:00:00+07:00","role":"technical"}"#, .unprocessableEntity, "belongs to this unit"),
                (#"{"personID":"\#(otherUnit.id!)","startsAt":"2023-04-30T07:00:00+07:00","endsAt":"2023-04-30T19:00:00+07:00","role":"technical"}"#, .unprocessableEntity, "belongs to this unit"),
                (#"{"personID":"\#(w.adminB.id!)","startsAt":"2023-04-30T07:00:00+07:00","endsAt":"2023-04-30T19:00:00+07:00","role":"leader"}"#, .unprocessableEntity, "belongs to this unit"),
                (#"{"personID":"\#(inactive.id!)","startsAt":"2023-04-30T07:00:00+07:00","endsAt":"2023-04-30T19:00:00+07:00","role":"leader"}"#, .unprocessableEntity, "no longer active"),
                (#"{"startsAt":"2023-04-30T07:00:00+07:00","endsAt":"2023-04-30T19:00:00+07:00","role":"technical"}"#, .badRequest, "personID or personEmail"),
                (#"{"personID":"\#(a)","startsAt":"2023-04-30T07:00:00+07:00","endsAt":"2023-04-30T19:00:00+07:00","role":"boss"}"#, .badRequest, "technical or leader"),
                (#"{"personID":"\#(a)","startsAt":"30 April","endsAt":"2023-04-30T19:00:00+07:00","role":"technical"}"#, .badRequest, "ISO 8601"),
                (#"{"personID":"\#(a)","endsAt":"2023-04-30T19:00:00+07:00","role":"technical"}"#, .badRequest, "startsAt"),
                (#"{"personID":"\#(a)","startsAt":"2023-04-30T07:00:00+07:00","endsAt":"2023-04-30T19:00:00+07:00","role":"technical","campaignID":"\#(UUID())"}"#, .unprocessableEntity, "campaign"),
                (#"{"personID": "\#(a)", "startsAt": "#, .badRequest, "Malformed"),
            ]
            for (body, status, message) in cases {
                try await w.app.testing().test(.POST, "/api/v1/units/\(w.deptA.id!)/shifts", headers: w.bearer(w.adminA),
                                               beforeRequest: F.json(body)) { res async in
                    #expect(res.status == status, "\(body) -> \(res.status) \(res.body.string)")
                    #expect(res.body.string.contains(message), "\(body) -> \(res.body.string)")
                }
            }
            // A person of the parent unit is not "in" agency A1.
            try await w.app.testing().test(.POST, "/api/v1/units/\(w.agencyA1.id!)/shifts", headers: w.bearer(w.adminA),
                                           beforeRequest: F.json(#"{"personID":"\#(a)","startsAt":"2023-04-30T07:00:00+07:00","endsAt":"2023-04-30T19:00:00+07:00","role":"technical"}"#)) { res async in
                #expect(res.status == .unprocessableEntity)
            }
            #expect(try await F.count(w) == 0)
            #expect(try await F.audits(w, "shift.create").isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func otherUnitsCannotReadOrWriteAndOfficersOnlyRead(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let shift = try await F.shift(w, unit: w.deptA, person: w.officerA, F.vnTime("30/04/2023 07:00"), F.vnTime("30/04/2023 19:00"))
            let body = #"{"personID":"\#(w.officerA.id!)","startsAt":"2023-04-30T07:00:00+07:00","endsAt":"2023-04-30T19:00:00+07:00","role":"technical"}"#
            let generate = #"{"pattern":"3x8","from":"2023-04-30","to":"2023-04-30","people":["\#(w.officerA.email)"]}"#
            let csv = "person_email,start,end,role\nofficer.a@test.vn,30/04/2023 07:00,30/04/2023 19:00,technical\n"
            let a = w.deptA.id!
            let reads = ["/api/v1/units/\(a)/shifts", "/api/v1/shifts/\(shift.id!)", "/api/v1/units/\(a)/coverage",
                         "/api/v1/units/\(a)/on-duty", "/api/v1/units/\(a)/shifts/ical", "/api/v1/people/\(w.officerA.id!)/shifts/ical"]
            for path in reads {
                try await w.app.testing().test(.GET, path, headers: w.bearer(w.adminB)) { res async in
                    #expect(res.status == .notFound, "adminB GET \(path) -> \(res.status)")
                }
                try await w.app.testing().test(.GET, path, headers: w.bearer(w.officerA)) { res async in
                    #expect(res.status == .ok, "officerA GET \(path) -> \(res.status)")
                }
                try await w.app.testing().test(.GET, path) { res async in
                    #expect(res.status == .unauthorized, "anonymous GET \(path) -> \(res.status)")
                }
            }
            for (who, status) in [(w.adminB, HTTPStatus.notFound), (w.officerA, .forbidden), (w.auditor, .forbidden)] {
                try await w.app.testing().test(.POST, "/api/v1/units/\(a)/shifts", headers: w.bearer(who), beforeRequest: F.json(body)) { res async in
                    #expect(res.status == status, "\(who.email) POST shifts -> \(res.status)")
                }
                try await w.app.testing().test(.POST, "/api/v1/units/\(a)/shifts/generate", headers: w.bearer(who), beforeRequest: F.json(generate)) { res async in
                    #expect(res.status == status, "\(who.email) generate -> \(res.status)")
                }
                try await w.app.testing().test(.POST, "/api/v1/units/\(a)/shifts/import", headers: w.bearer(who), beforeRequest: F.csv(csv)) { res async in
                    #expect(res.status == status, "\(who.email) import -> \(res.status)")
                }
                try await w.app.testing().test(.PATCH, "/api/v1/shifts/\(shift.id!)", headers: w.bearer(who), beforeRequest: F.json(#"{"note":"x"}"#)) { res async in
                    #expect(res.status == status, "\(who.email) PATCH -> \(res.status)")
                }
                try await w.app.testing().test(.DELETE, "/api/v1/shifts/\(shift.id!)", headers: w.bearer(who)) { res async in
                    #expect(res.status == status, "\(who.email) DELETE -> \(res.status)")
                }
            }
            // adminB manages deptB's roster but cannot put deptA's people on it.
            try await w.app.testing().test(.POST, "/api/v1/units/\(w.deptB.id!)/shifts", headers: w.bearer(w.adminB), beforeRequest: F.json(body)) { res async in
                #expect(res.status == .unprocessableEntity)
            }
            #expect(try await F.count(w) == 1)
            let stored = try await DutyShift.find(shift.id, on: w.db)
            #expect(stored?.note == nil)
            #expect(try await AuditEntry.query(on: w.db).filter(\.$entityType == "duty_shift").count() == 0)
        }
    }

    // MARK: - Generate and coverage

    @Test(arguments: TestDatabase.available)
    func generateThreeByEightGivesFullTechnicalCoverage(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let body = #"{"pattern":"3x8","from":"2023-04-29","to":"2023-05-01","people":["officer.a@test.vn","\#(w.adminA.id!)"],"role":"technical","note":"Lễ"}"#
            try await w.app.testing().test(.POST, "/api/v1/units/\(w.deptA.id!)/shifts/generate", headers: w.bearer(w.adminA),
                                           beforeRequest: F.json(body)) { res async throws in
                #expect(res.status == .created, "\(res.body.string)")
                let batch = try res.content.decode(ShiftBatchDTO.self)
                #expect(batch.count == 9)
                #expect(batch.startsAt == F.vnTime("29/04/2023 00:00"))
                #expect(batch.endsAt == F.vnTime("02/05/2023 00:00"))
                #expect(batch.items.map(\.personID).prefix(3) == [w.officerA.id!, w.adminA.id!, w.officerA.id!])
                #expect(batch.items.allSatisfy { $0.endsAt.timeIntervalSince($0.startsAt) == 8 * 3600 && $0.role == .technical && $0.note == "Lễ" })
            }
            #expect(try await F.count(w) == 9)
            let audit = try await F.audits(w, "shift.generate")
            #expect(audit.count == 1)
            #expect(audit.first?.after?.contains("\"count\":9") == true)

            try await w.app.testing().test(.GET, "/api/v1/units/\(w.deptA.id!)/coverage?from=2023-04-29&to=2023-05-01", headers: w.bearer(w.officerA)) { res async throws in
                #expect(res.status == .ok, "\(res.body.string)")
                let coverage = try res.content.decode(CoverageDTO.self)
                #expect(coverage.gaps.isEmpty)
                #expect(coverage.gapMinutes == 0)
                #expect(coverage.from == F.vnTime("29/04/2023 00:00"))
                #expect(coverage.to == F.vnTime("02/05/2023 00:00"))
                #expect(coverage.shiftCount == 9)
                // Nobody was put on leader duty.
                #expect(coverage.daysWithoutLeader.map(\.description) == ["2023-04-29", "2023-04-30", "2023-05-01"])
                #expect(!coverage.fullyCovered)
            }

            // A 24-hour leader slot each day closes the leader days.
            let leader = #"{"slots":[{"start":"00:00","end":"00:00"}],"from":"2023-04-29","to":"2023-05-01","people":["admin.a@test.vn"],"role":"leader"}"#
            try await w.app.testing().test(.POST, "/api/v1/units/\(w.deptA.id!)/shifts/generate", headers: w.bearer(w.adminA),
                                           beforeRequest: F.json(leader)) { res async throws in
                #expect(res.status == .created, "\(res.body.string)")
                #expect(try res.content.decode(ShiftBatchDTO.self).items.allSatisfy { $0.role == .leader })
            }
            try await w.app.testing().test(.GET, "/api/v1/units/\(w.deptA.id!)/coverage?from=2023-04-29T00:00:00%2B07:00&to=2023-05-02T00:00:00%2B07:00", headers: w.bearer(w.officerA)) { res async throws in
                let coverage = try res.content.decode(CoverageDTO.self)
                #expect(coverage.fullyCovered, "\(coverage)")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func generateIsAllOrNothing(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let stranger = try await F.person(w, "staff.b@test.vn", "Nhân Viên B", unit: w.deptB)
            let cases: [(String, HTTPStatus, String)] = [
                (#"{"pattern":"3x8","from":"2023-04-29","to":"2023-05-01","people":["officer.a@test.vn","\#(stranger.id!)"]}"#, .unprocessableEntity, "not in this unit"),
                (#"{"pattern":"3x8","from":"2023-04-29","to":"2023-05-01","people":["officer.a@test.vn","nobody@test.vn"]}"#, .unprocessableEntity, "nobody@test.vn"),
                (#"{"pattern":"3x8","from":"2023-04-29","to":"2023-05-01","people":[]}"#, .unprocessableEntity, "at least one"),
                (#"{"pattern":"4x6","from":"2023-04-29","to":"2023-05-01","people":["officer.a@test.vn"]}"#, .unprocessableEntity, "unknown"),
                (#"{"from":"2023-04-29","to":"2023-05-01","people":["officer.a@test.vn"]}"#, .badRequest, "pattern"),
                (#"{"pattern":"12h","from":"2023-05-01","to":"2023-04-29","people":["officer.a@test.vn"]}"#, .unprocessableEntity, "before"),
                (#"{"pattern":"12h","from":"2023-01-01","to":"2024-12-31","people":["officer.a@test.vn"]}"#, .unprocessableEntity, "at most"),
                (#"{"slots":[{"start":"25:00","end":"07:00"}],"from":"2023-04-29","to":"2023-05-01","people":["officer.a@test.vn"]}"#, .unprocessableEntity, "HH:mm"),
                (#"{"pattern":"12h","from":"2023-02-30","to":"2023-05-01","people":["officer.a@test.vn"]}"#, .badRequest, "yyyy-MM-dd"),
                (#"{"pattern":"12h","from":"2023-04-29","to":"2023-05-01","people":["officer.a@test.vn"],"timeZone":"Mars/Olympus"}"#, .unprocessableEntity, "timeZone"),
            ]
            for (body, status, message) in cases {
                try await w.app.testing().test(.POST, "/api/v1/units/\(w.deptA.id!)/shifts/generate", headers: w.bearer(w.adminA),
                                               beforeRequest: F.json(body)) { res async in
                    #expect(res.status == status, "\(body) -> \(res.status) \(res.body.string)")
                    #expect(res.body.string.contains(message), "\(body) -> \(res.body.string)")
                }
            }
            #expect(try await F.count(w) == 0)
            #expect(try await F.audits(w, "shift.generate").isEmpty)

            // 12h day/night over two days in the campaign's zone.
            let campaign = try await F.campaign(w, F.vnTime("29/04/2023 00:00"), F.vnTime("02/05/2023 00:00"))
            try await w.app.testing().test(.POST, "/api/v1/units/\(w.deptA.id!)/shifts/generate", headers: w.bearer(w.adminA),
                                           beforeRequest: F.json(#"{"pattern":"12h","from":"2023-04-30","to":"2023-05-01","people":["officer.a@test.vn"],"campaignID":"\#(campaign.id!)"}"#)) { res async throws in
                #expect(res.status == .created)
                let batch = try res.content.decode(ShiftBatchDTO.self)
                #expect(batch.count == 4)
                #expect(batch.items.first?.startsAt == F.vnTime("30/04/2023 07:00"))
                #expect(batch.items.last?.endsAt == F.vnTime("02/05/2023 07:00"))
                #expect(batch.items.allSatisfy { $0.campaignID == campaign.id })
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func coverageReportsTheExactGapAndDaysWithoutLeader(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let campaign = try await F.campaign(w, F.vnTime("30/04/2023 00:00"), F.vnTime("02/05/2023 00:00"))
            // 30/04: technical 00–08 and 16–24 (08–16 missing), leader 08–20. 01/05: technical 00–24 (two shifts), no leader.
            try await F.shift(w, unit: w.deptA, person: w.officerA, F.vnTime("30/04/2023 00:00"), F.vnTime("30/04/2023 08:00"), campaign: campaign)
            try await F.shift(w, unit: w.deptA, person: w.officerA, F.vnTime("30/04/2023 16:00"), F.vnTime("01/05/2023 00:00"))
            try await F.shift(w, unit: w.deptA, person: w.adminA, F.vnTime("30/04/2023 08:00"), F.vnTime("30/04/2023 20:00"), .leader)
            try await F.shift(w, unit: w.deptA, person: w.officerA, F.vnTime("01/05/2023 00:00"), F.vnTime("01/05/2023 12:00"))
            try await F.shift(w, unit: w.deptA, person: w.adminA, F.vnTime("01/05/2023 11:00"), F.vnTime("02/05/2023 00:00"))
            // Another unit's shift does not count.
            try await F.shift(w, unit: w.deptB, person: w.adminB, F.vnTime("30/04/2023 08:00"), F.vnTime("30/04/2023 16:00"))

            try await w.app.testing().test(.GET, "/api/v1/units/\(w.deptA.id!)/coverage?campaignID=\(campaign.id!)", headers: w.bearer(w.officerA)) { res async throws in
                #expect(res.status == .ok, "\(res.body.string)")
                let coverage = try res.content.decode(CoverageDTO.self)
                #expect(coverage.campaignID == campaign.id)
                #expect(coverage.timeZone == "Asia/Ho_Chi_Minh")
                #expect(coverage.gaps == [CoverageGapDTO(start: F.vnTime("30/04/2023 08:00"), end: F.vnTime("30/04/2023 16:00"), minutes: 480)])
                #expect(coverage.gapMinutes == 480)
                #expect(coverage.daysWithoutLeader == [LocalDay(year: 2023, month: 5, day: 1)])
                #expect(coverage.shiftCount == 5)
                #expect(!coverage.fullyCovered)
                #expect(res.body.string.contains(#""daysWithoutLeader":["2023-05-01"]"#))
                #expect(res.body.string.contains(#""start":"2023-04-30T01:00:00Z""#))
            }
            // An explicit range, to the minute.
            try await w.app.testing().test(.GET, "/api/v1/units/\(w.deptA.id!)/coverage?from=30/04/2023%2015:30&to=30/04/2023%2016:30", headers: w.bearer(w.officerA)) { res async throws in
                let coverage = try res.content.decode(CoverageDTO.self)
                #expect(coverage.gaps == [CoverageGapDTO(start: F.vnTime("30/04/2023 15:30"), end: F.vnTime("30/04/2023 16:00"), minutes: 30)])
                #expect(coverage.daysWithoutLeader.isEmpty)
            }
            for (query, status) in [("campaignID=\(UUID())", HTTPStatus.unprocessableEntity), ("campaignID=x", .badRequest),
                                    ("from=2023-05-01&to=2023-04-01", .unprocessableEntity), ("from=2020-01-01&to=2023-01-01", .unprocessableEntity),
                                    ("from=2023-04-30&timeZone=Nowhere", .unprocessableEntity)] {
                try await w.app.testing().test(.GET, "/api/v1/units/\(w.deptA.id!)/coverage?\(query)", headers: w.bearer(w.officerA)) { res async in
                    #expect(res.status == status, "\(query) -> \(res.status) \(res.body.string)")
                }
            }
        }
    }

    // MARK: - Who is on duty

    @Test(arguments: TestDatabase.available)
    func onDutyNowListsTheRightPeople(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let now = F.now()
            let hour: TimeInterval = 3600
            let a1 = try await F.person(w, "staff.a1@test.vn", "Nhân Viên A1", unit: w.agencyA1, phone: "0912345678")
            try await F.shift(w, unit: w.deptA, person: w.officerA, now - hour, now + 2 * hour)
            try await F.shift(w, unit: w.deptA, person: w.adminA, now - 3 * hour, now + 5 * hour, .leader)
            try await F.shift(w, unit: w.deptA, person: a1, now - 5 * hour, now - hour)          // over
            try await F.shift(w, unit: w.deptA, person: a1, now + hour, now + 3 * hour)          // not yet
            try await F.shift(w, unit: w.agencyA1, person: a1, now - hour, now + hour)           // another unit

            try await w.app.testing().test(.GET, "/api/v1/units/\(w.deptA.id!)/on-duty", headers: w.bearer(w.officerA)) { res async throws in
                #expect(res.status == .ok, "\(res.body.string)")
                let board = try res.content.decode(UnitOnDutyDTO.self)
                #expect(board.unitName == w.deptA.name)
                #expect(Set(board.onDuty.map(\.personID)) == [w.officerA.id!, w.adminA.id!])
                let officer = try #require(board.onDuty.first { $0.personID == w.officerA.id })
                #expect(officer.fullName == w.officerA.fullName)
                #expect(officer.role == .technical)
                #expect(officer.phone == "0900000000")
                #expect(officer.email == w.officerA.email)
                #expect(officer.endsAt == now + 2 * hour)
                #expect(board.onDuty.first { $0.personID == w.adminA.id }?.role == .leader)
                #expect(board.technicalNow && board.leaderNow)
                // Technical duty until now+3h (officerA, then a1's next shift), then nobody until now+24h.
                #expect(board.hasGap)
                #expect(board.gaps.count == 1)
                #expect(abs((board.gaps.first?.minutes ?? 0) - 21 * 60) <= 1)
            }
            // At a given moment.
            let later = ISO8601DateFormatter().string(from: now + 4 * hour).replacingOccurrences(of: "+", with: "%2B")
            try await w.app.testing().test(.GET, "/api/v1/units/\(w.deptA.id!)/on-duty?at=\(later)", headers: w.bearer(w.officerA)) { res async throws in
                let board = try res.content.decode(UnitOnDutyDTO.self)
                #expect(board.onDuty.map(\.personID) == [w.adminA.id!])
                #expect(!board.technicalNow)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func provinceBoardFlagsUnitsWithAGapInTheNext24Hours(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let now = F.now()
            let hour: TimeInterval = 3600
            // deptA: technical duty all through the next 24 hours. deptB: only the next 10 hours.
            try await F.shift(w, unit: w.deptA, person: w.officerA, now - hour, now + 23 * hour)
            try await F.shift(w, unit: w.deptA, person: w.adminA, now + 22 * hour, now + 25 * hour)
            try await F.shift(w, unit: w.deptB, person: w.adminB, now - hour, now + 10 * hour)

            try await w.app.testing().test(.GET, "/api/v1/on-duty", headers: w.bearer(w.coordinator)) { res async throws in
                #expect(res.status == .ok, "\(res.body.string)")
                let board = try res.content.decode(ProvinceOnDutyDTO.self)
                #expect(board.unitCount == 5)
                let flagged = Set(board.items.map(\.unitID))
                #expect(flagged.contains(w.deptB.id!))
                #expect(!flagged.contains(w.deptA.id!))
                #expect(flagged == [w.deptB.id!, w.province.id!, w.agencyA1.id!, w.telecom.id!])
                #expect(board.unitsWithGap == 4)
                let deptB = try #require(board.items.first { $0.unitID == w.deptB.id })
                #expect(deptB.onDuty.map(\.personID) == [w.adminB.id!])
                #expect(deptB.gaps.count == 1)
                #expect(abs(deptB.gaps[0].start.timeIntervalSince(now + 10 * hour)) < 60)
            }
            try await w.app.testing().test(.GET, "/api/v1/on-duty?all=true&per=2&page=1", headers: w.bearer(w.coordinator)) { res async throws in
                let board = try res.content.decode(ProvinceOnDutyDTO.self)
                #expect(board.items.count == 2)
                #expect(board.metadata.total == 5)
            }
            // The province-level auditor sees the province board too.
            try await w.app.testing().test(.GET, "/api/v1/on-duty", headers: w.bearer(w.auditor)) { res async throws in
                #expect(try res.content.decode(ProvinceOnDutyDTO.self).unitCount == 5)
            }
            // A unit's staff see only the units they may read.
            try await w.app.testing().test(.GET, "/api/v1/on-duty?all=true", headers: w.bearer(w.officerA)) { res async throws in
                let board = try res.content.decode(ProvinceOnDutyDTO.self)
                #expect(Set(board.items.map(\.unitID)) == [w.deptA.id!, w.agencyA1.id!])
                #expect(board.unitsWithGap == 1)
            }
            try await w.app.testing().test(.GET, "/api/v1/on-duty", headers: w.bearer(w.adminB)) { res async throws in
                let board = try res.content.decode(ProvinceOnDutyDTO.self)
                #expect(board.items.map(\.unitID) == [w.deptB.id!])
            }
        }
    }

    // MARK: - iCalendar

    @Test(arguments: TestDatabase.available)
    func iCalendarExportsPerUnitAndPerPerson(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let soon = F.now().addingTimeInterval(86_400)
            let day = try await F.shift(w, unit: w.deptA, person: w.officerA, soon, soon + 8 * 3600, note: "Ca 1; mang theo điện thoại")
            let lead = try await F.shift(w, unit: w.deptA, person: w.adminA, soon, soon + 12 * 3600, .leader)
            try await F.shift(w, unit: w.deptB, person: w.adminB, soon, soon + 8 * 3600)

            try await w.app.testing().test(.GET, "/api/v1/units/\(w.deptA.id!)/shifts/ical", headers: w.bearer(w.officerA)) { res async throws in
                #expect(res.status == .ok)
                #expect(res.headers.first(name: .contentType) == "text/calendar; charset=utf-8")
                let text = res.body.string
                #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
                #expect(text.hasSuffix("END:VCALENDAR\r\n"))
                #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "bare LF in the calendar")
                #expect(text.components(separatedBy: "\r\nBEGIN:VEVENT\r\n").count - 1 == 2)
                let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
                #expect(unfolded.contains("UID:\(day.id!.uuidString.lowercased())@truc-attt\r\n"))
                #expect(unfolded.contains("UID:\(lead.id!.uuidString.lowercased())@truc-attt\r\n"))
                #expect(unfolded.contains("DTSTART:\(ICalendar.utcBasic(soon))\r\n"))
                #expect(ICalendar.utcBasic(soon).hasSuffix("Z"))
                #expect(unfolded.contains("SUMMARY:Trực kỹ thuật – Sở A: Cán Bộ A\r\n"))
                #expect(unfolded.contains("SUMMARY:Lãnh đạo trực – Sở A: Quản Trị A\r\n"))
                #expect(unfolded.contains("Ca 1\\; mang theo điện thoại"))
                #expect(!unfolded.contains("Quản Trị B"))
            }
            // Their own calendar: anyone; someone else's: only if they may read the person's unit.
            try await w.app.testing().test(.GET, "/api/v1/people/\(w.officerA.id!)/shifts/ical", headers: w.bearer(w.officerA)) { res async throws in
                #expect(res.status == .ok)
                let unfolded = res.body.string.replacingOccurrences(of: "\r\n ", with: "")
                #expect(unfolded.components(separatedBy: "BEGIN:VEVENT").count - 1 == 1)
                #expect(unfolded.contains("SUMMARY:Trực kỹ thuật – Sở A\r\n"))
                #expect(unfolded.contains("X-WR-CALNAME:Lịch trực – Cán Bộ A"))
            }
            try await w.app.testing().test(.GET, "/api/v1/people/\(w.adminB.id!)/shifts/ical", headers: w.bearer(w.adminB)) { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("BEGIN:VEVENT"))
            }
            try await w.app.testing().test(.GET, "/api/v1/people/\(w.adminA.id!)/shifts/ical", headers: w.bearer(w.adminB)) { res async in
                #expect(res.status == .notFound)
            }
            try await w.app.testing().test(.GET, "/api/v1/people/\(UUID())/shifts/ical", headers: w.bearer(w.coordinator)) { res async in
                #expect(res.status == .notFound)
            }
            try await w.app.testing().test(.GET, "/api/v1/people/\(w.adminA.id!)/shifts/ical", headers: w.bearer(w.coordinator)) { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Lãnh đạo trực"))
            }
        }
    }

    // MARK: - CSV import

    @Test(arguments: TestDatabase.available)
    func csvImportStoresAllRowsOrNone(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let a = w.deptA.id!
            let good = """
            person_email,start,end,role,note
            officer.a@test.vn,30/04/2023 00:00,30/04/2023 08:00,technical,ca 1
            ADMIN.A@test.vn,30/04/2023 08:00,30/04/2023 16:00,kỹ thuật,
            admin.a@test.vn,30/04/2023 08:00,30/04/2023 20:00,lãnh đạo,"Trực lãnh đạo, có mặt tại trụ sở"
            """
            let bad = """
            person_email,start,end,role
            officer.a@test.vn,01/05/2023 00:00,01/05/2023 08:00,technical
            admin.b@test.vn,01/05/2023 08:00,01/05/2023 16:00,technical
            officer.a@test.vn,01/05/2023 16:00,02/05/2023 00:00,technical
            """
            let unparsable = good + "\nofficer.a@test.vn,31/04/2023 08:00,01/05/2023 16:00,technical\n"

            try await w.app.testing().test(.POST, "/api/v1/units/\(a)/shifts/import", headers: w.bearer(w.adminA), beforeRequest: F.csv(bad)) { res async throws in
                #expect(res.status == .unprocessableEntity, "\(res.body.string)")
                let body = try res.content.decode(ShiftImportErrorDTO.self)
                #expect(body.error)
                #expect(body.rows.map(\.line) == [3])
                #expect(body.rows.first?.message.contains("admin.b@test.vn") == true)
                #expect(body.reason.contains("nothing was imported"))
            }
            try await w.app.testing().test(.POST, "/api/v1/units/\(a)/shifts/import", headers: w.bearer(w.adminA), beforeRequest: F.csv(unparsable)) { res async throws in
                #expect(res.status == .unprocessableEntity)
                #expect(try res.content.decode(ShiftImportErrorDTO.self).rows.map(\.line) == [5])
            }
            for (body, status) in [("", HTTPStatus.badRequest), ("name,when\nx,y\n", .badRequest)] {
                try await w.app.testing().test(.POST, "/api/v1/units/\(a)/shifts/import", headers: w.bearer(w.adminA), beforeRequest: F.csv(body)) { res async throws in
                    #expect(res.status == status, "\(body) -> \(res.status)")
                    let error = try res.content.decode(ShiftImportErrorDTO.self)
                    #expect(error.rows.isEmpty)
                    #expect(!error.reason.isEmpty)
                }
            }
            try await w.app.testing().test(.POST, "/api/v1/units/\(a)/shifts/import", headers: w.bearer(w.adminA), beforeRequest: F.json(#"{"a":1}"#)) { res async in
                #expect(res.status == .unsupportedMediaType)
            }
            #expect(try await F.count(w) == 0)
            #expect(try await F.audits(w, "shift.import").isEmpty)

            try await w.app.testing().test(.POST, "/api/v1/units/\(a)/shifts/import", headers: w.bearer(w.adminA), beforeRequest: F.csv(good)) { res async throws in
                #expect(res.status == .created, "\(res.body.string)")
                let batch = try res.content.decode(ShiftBatchDTO.self)
                #expect(batch.count == 3)
                #expect(batch.startsAt == F.vnTime("30/04/2023 00:00"))
                #expect(batch.endsAt == F.vnTime("30/04/2023 20:00"))
            }
            let stored = try await DutyShift.query(on: w.db).sort(\.$startsAt).sort(\.$role).all()
            #expect(stored.count == 3)
            #expect(stored.map(\.role) == [.technical, .leader, .technical])
            #expect(stored[1].note == "Trực lãnh đạo, có mặt tại trụ sở")
            #expect(stored.allSatisfy { $0.$unit.id == a })
            let audit = try await F.audits(w, "shift.import")
            #expect(audit.count == 1)
            #expect(audit.first?.after?.contains("\"count\":3") == true)
        }
    }
}
