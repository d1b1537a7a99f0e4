import Fluent
import Foundation
import Testing
import TrucCore
import TrucNet
import TrucTestSupport
import Vapor
import VaporTesting
@testable import TrucApp

/// The e-mails of incident response: the emergency support request to the response team and the coordinators,
/// the "[TBSC]" reports to VNCERT/CC sent from the server, both through the outbox; and changing who may see a
/// TLP:RED incident after it was reported.
@Suite struct IncidentNotificationTests {
    typealias F = MonitoringFixture

    static func outbox(_ w: TestWorld, incident: UUID) async throws -> [OutboxMail] {
        try await OutboxMail.query(on: w.db).filter(\.$incidentID == incident).sort(\.$recipient).all()
    }

    static func dispatcher(_ w: TestWorld, sink: SMTPSink?, owner: String = "test-a") -> OutboxDispatcher {
        OutboxDispatcher(owner: owner, transport: F.transport(w, sink: sink))
    }

    static func send(_ w: TestWorld, _ method: HTTPMethod, _ path: String, _ body: String, by person: Person) async throws -> (HTTPStatus, String) {
        var result: (HTTPStatus, String) = (.ok, "")
        try await w.app.testing().test(method, path, headers: w.bearer(person), beforeRequest: RosterFixture.json(body),
                                       afterResponse: { res async in result = (res.status, res.body.string) })
        return result
    }

    @Test(arguments: TestDatabase.available)
    func aSupportRequestMailsTheResponseTeamAndCoordinatorsOnceEach(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let (world, responder) = try await IncidentFlowTests.withResponder(w)
            // An inactive responder is not mailed.
            let retired = Person(unitID: w.province.id!, email: "retired@test.vn", fullName: "Nghỉ Hưu", phone: "0900000002")
            retired.isActive = false
            try await retired.create(on: w.db)
            try await RoleAssignment(personID: retired.id!, unitID: w.province.id!, role: .responder).create(on: w.db)

            let quiet = try await IncidentFlowTests.create(world)
            #expect(try await Self.outbox(w, incident: quiet.incident.id).isEmpty, "no support asked, no mail")

            let created = try await IncidentFlowTests.create(world, support: true)
            let mails = try await Self.outbox(w, incident: created.incident.id)
            #expect(Set(mails.map(\.recipient)) == [w.coordinator.email, responder.email])
            #expect(mails.allSatisfy { $0.purpose == .supportRequest && $0.status == .pending && $0.replyTo == "admin.a@test.vn" })
            let subject = try #require(mails.first?.subject)
            #expect(subject == "[TBSC] Đề nghị hỗ trợ ứng cứu sự cố \(created.incident.reference) – Sở A – Thay đổi giao diện cổng thông tin")
            #expect(mails.allSatisfy { $0.body.contains("Cần hỗ trợ phân tích mã độc") && $0.body.contains("http://localhost:8080/incidents/") })
            #expect(created.timeline.contains { $0.kind == "notification" && $0.text.contains("2 người") })
            #expect(created.mails.count == 2)

            // Queuing the same request again adds nothing.
            let incident = try #require(try await Incident.find(created.incident.id, on: w.db))
            #expect(try await IncidentNotifications.queueSupportRequest(incident, unitName: "Sở A", publicURL: "x", zone: w.app.config.timeZone,
                                                                        now: Date(), on: w.db) == 2)
            #expect(try await Self.outbox(w, incident: created.incident.id).count == 2)

            // Two instances send at once: each mail goes once.
            let sink = try await SMTPSink.start(group: F.group)
            defer { sink.stop() }
            let a = Self.dispatcher(w, sink: sink, owner: "instance-a")
            let b = Self.dispatcher(w, sink: sink, owner: "instance-b")
            async let first = a.deliverDue(now: F.later, on: w.db)
            async let second = b.deliverDue(now: F.later, on: w.db)
            let reports = try await [first, second]
            #expect(reports.map(\.sent).reduce(0, +) == 2)
            let received = try await sink.waitForMessages(count: 2, timeout: .seconds(20))
            #expect(Set(received.flatMap(\.recipients)) == [w.coordinator.email, responder.email])
            #expect(received.allSatisfy { $0.header("Subject") == subject && $0.header("Reply-To") == "admin.a@test.vn" })
            #expect(received.first?.decodedTextBody?.contains("requests emergency support") == true)
            #expect(try await a.deliverDue(now: F.later, on: w.db) == DeliveryReport(), "nothing is sent twice")
            #expect(try await Self.outbox(w, incident: created.incident.id).allSatisfy { $0.status == .sent && $0.sentAt != nil && $0.attempts == 1 })
            #expect(await sink.messages().count == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theProvinceOnDutyIsToldTooAndAnUntriagedRequestIsRemindedOnce(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            // Sở A's officer is on duty for the province tonight.
            try await F.onDuty(w, w.officerA, unit: w.province)
            let waiting = try await IncidentFlowTests.create(w, support: true)
            let handled = try await IncidentFlowTests.create(w, support: true)
            #expect(Set(try await Self.outbox(w, incident: waiting.incident.id).map(\.recipient)) == [w.coordinator.email, w.officerA.email])
            #expect(try await IncidentFlowTests.post(w, "/api/v1/incidents/\(handled.incident.id)/triage",
                                                     #"{"severity": "high", "category": "defacement"}"#, by: w.coordinator) == .ok)
            let zone = w.app.config.timeZone
            // Not yet: the request is 10 minutes old.
            #expect(try await IncidentNotifications.remindUntriaged(now: Date().addingTimeInterval(600), zone: zone, publicURL: "http://t", on: w.db) == 0)
            // 31 minutes on, the untriaged one is reminded, once.
            let later = Date().addingTimeInterval(31 * 60)
            #expect(try await IncidentNotifications.remindUntriaged(now: later, zone: zone, publicURL: "http://t", on: w.db) == 1)
            #expect(try await IncidentNotifications.remindUntriaged(now: later.addingTimeInterval(60), zone: zone, publicURL: "http://t", on: w.db) == 0)
            let reminders = try await Self.outbox(w, incident: waiting.incident.id).filter { $0.dedupeKey.hasPrefix("support-reminder:") }
            #expect(reminders.count == 2 && reminders.allSatisfy { $0.subject.hasPrefix("[TBSC] Nhắc lại đề nghị hỗ trợ ứng cứu sự cố") })
            #expect(reminders.first?.body.contains("chưa ai phân loại sự cố sau 31 phút") == true)
            #expect(try await Self.outbox(w, incident: handled.incident.id).count == 2, "a triaged request is not reminded")
            let events = try await IncidentEvent.query(on: w.db).filter(\.$incident.$id == waiting.incident.id).filter(\.$kind == .notification).all()
            #expect(events.count == 2 && events.contains { $0.text.contains("Chưa được phân loại sau 31 phút") })
        }
    }

    @Test(arguments: TestDatabase.available)
    func theUnitSendsTheTBSCReportsToVNCERTFromTheServer(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let created = try await IncidentFlowTests.create(w)
            let id = created.incident.id
            let path = "/api/v1/incidents/\(id)/notify-national"
            // Every problem of the request is stated.
            var (status, body) = try await Self.send(w, .POST, path, #"{"kind": "final"}"#, by: w.adminA)
            #expect(status == .unprocessableEntity && body.contains("form 04"), "\(body)")
            (status, body) = try await Self.send(w, .POST, path, #"{"kind": "update", "note": " "}"#, by: w.adminA)
            #expect(status == .unprocessableEntity && body.contains("note"), "\(body)")
            (status, _) = try await Self.send(w, .POST, path, #"{"kind": "everything"}"#, by: w.adminA)
            #expect(status == .badRequest)
            // The auditor reads but does not send.
            (status, _) = try await Self.send(w, .POST, path, #"{"kind": "initial"}"#, by: w.auditor)
            #expect(status == .forbidden)
            #expect(try await Self.outbox(w, incident: id).isEmpty)

            (status, body) = try await Self.send(w, .POST, path, #"{"kind": "initial", "note": "Kính gửi để phối hợp."}"#, by: w.adminA)
            #expect(status == .accepted, "\(body)")
            let queued = try JSONDecoder.custom(dates: .iso8601).decode(IncidentMailDTO.self, from: Data(body.utf8))
            #expect(queued.recipient == "ir@vncert.vn" && queued.status == .pending && queued.purpose == "national")
            #expect(queued.subject == "[TBSC] Báo cáo ban đầu sự cố \(created.incident.reference) – Sở A – Thay đổi giao diện cổng thông tin")
            let mail = try #require(try await Self.outbox(w, incident: id).first)
            #expect(mail.replyTo == w.adminA.email)
            #expect(mail.body.contains("Tên hệ thống bị sự cố: Cổng thông tin Sở A") && mail.body.contains("Kính gửi để phối hợp."))
            #expect(try await AuditEntry.query(on: w.db).filter(\.$action == "incident.notify_national").count() == 1)

            // An update, then the final report once written.
            (status, _) = try await Self.send(w, .POST, path, #"{"kind": "update", "note": "Đã cô lập máy chủ 203.0.113.7."}"#, by: w.adminA)
            #expect(status == .accepted)
            let detail = try await Self.send(w, .GET, "/api/v1/incidents/\(id)", "", by: w.adminA).1
            let dto = try JSONDecoder.custom(dates: .iso8601).decode(IncidentDTO.self, from: Data(detail.utf8))
            #expect(dto.mails.count == 2 && dto.timeline.filter { $0.kind == "notification" }.count == 2)

            // Sent through SMTP with the subject and the sender as Reply-To.
            let sink = try await SMTPSink.start(group: F.group)
            defer { sink.stop() }
            #expect(try await Self.dispatcher(w, sink: sink).deliverDue(now: F.later, on: w.db).sent == 2)
            let received = try await sink.waitForMessages(count: 2, timeout: .seconds(20))
            let initial = try #require(received.first { $0.header("Subject")?.contains("Báo cáo ban đầu") == true })
            #expect(initial.recipients == ["ir@vncert.vn"] && initial.header("Reply-To") == w.adminA.email)
            #expect(initial.decodedTextBody?.contains("Kính gửi: Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam (VNCERT/CC)") == true)

            // Without an address for VNCERT/CC in the directory: a clear 409, nothing queued.
            for contact in try await Contact.query(on: w.db).filter(\.$unit.$id == nil).all() where contact.email?.contains("vncert") == true {
                contact.email = nil
                try await contact.save(on: w.db)
            }
            (status, body) = try await Self.send(w, .POST, path, #"{"kind": "initial"}"#, by: w.adminA)
            #expect(status == .conflict && body.contains("VNCERT/CC"), "\(body)")
            #expect(try await Self.outbox(w, incident: id).count == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func mailsThatFailAreRetriedOrGivenUp(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let created = try await IncidentFlowTests.create(w, support: true)
            // The server refuses the coordinator for now (450) and rejects nobody else.
            let sink = try await SMTPSink.start(group: F.group)
            defer { sink.stop() }
            sink.rejectRecipients(matching: "coord@", code: 450)
            let dispatcher = Self.dispatcher(w, sink: sink)
            let now = F.later
            #expect(try await dispatcher.deliverDue(now: now, on: w.db) == DeliveryReport(sent: 0, retrying: 1, failed: 0))
            var mail = try #require(try await Self.outbox(w, incident: created.incident.id).first)
            #expect(mail.status == .pending && mail.attempts == 1 && mail.nextAttemptAt > now && mail.lastError?.contains("450") == true)
            #expect(try await dispatcher.deliverDue(now: now, on: w.db) == DeliveryReport(), "not before the backoff")
            // Then rejects it for good (550): given up.
            sink.rejectRecipients(matching: "coord@", code: 550)
            #expect(try await dispatcher.deliverDue(now: mail.nextAttemptAt.addingTimeInterval(1), on: w.db).failed == 1)
            mail = try #require(try await Self.outbox(w, incident: created.incident.id).first)
            #expect(mail.status == .failed && mail.attempts == 2)
            // Without SMTP configured the mail fails with the reason.
            let other = try await IncidentFlowTests.create(w, support: true)
            #expect(try await Self.dispatcher(w, sink: nil).deliverDue(now: F.later, on: w.db).failed == 1)
            #expect(try await Self.outbox(w, incident: other.incident.id).first?.lastError?.contains("TRUC_SMTP_HOST") == true)
        }
    }

    @Test(arguments: TestDatabase.available)
    func sharingDecidesWhoSeesARedIncidentAfterItWasReported(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let created = try await IncidentFlowTests.create(w)
            let id = created.incident.id
            let path = "/api/v1/incidents/\(id)/sharing"
            func reads(_ person: Person) async throws -> Bool {
                try await Self.send(w, .GET, "/api/v1/incidents/\(id)", "", by: person).0 == .ok
            }
            #expect(try await reads(w.adminB) == false)
            #expect(try await reads(w.coordinator))

            // Unknown people are named in the refusal; the auditor may not change the sharing.
            let ghost = UUID()
            var (status, body) = try await Self.send(w, .PUT, path, #"{"tlp": "RED", "namedPeople": ["\#(ghost)"]}"#, by: w.coordinator)
            #expect(status == .unprocessableEntity && body.contains(ghost.uuidString), "\(body)")
            (status, _) = try await Self.send(w, .PUT, path, #"{"tlp": "AMBER", "namedPeople": []}"#, by: w.auditor)
            #expect(status == .forbidden)

            // The coordinator makes it RED naming the unit's officer; the coordinator stays named.
            (status, body) = try await Self.send(w, .PUT, path, #"{"tlp": "RED", "namedPeople": ["\#(w.officerA.id!)"]}"#, by: w.coordinator)
            #expect(status == .ok, "\(body)")
            let dto = try JSONDecoder.custom(dates: .iso8601).decode(IncidentDTO.self, from: Data(body.utf8))
            #expect(dto.incident.tlp == .red)
            #expect(Set(dto.namedPeople.map(\.id)) == [w.officerA.id!, w.coordinator.id!])
            #expect(dto.observables.allSatisfy { $0.tlp == .red }, "observables follow the incident's TLP")
            #expect(dto.timeline.contains { $0.kind == "access" && $0.text.contains("TLP:GREEN → TLP:RED") })
            for person in [w.adminA, w.officerA, w.coordinator] { #expect(try await reads(person), "\(person.email)") }
            #expect(try await reads(w.auditor) == false)
            // An observable can be marked on its own; marked stricter than its incident it stays out of the exports.
            let amber = try await Self.send(w, .PUT, path, #"{"tlp": "AMBER", "namedPeople": []}"#, by: w.coordinator)
            #expect(amber.0 == .ok)
            let ip = try #require(dto.observables.first { $0.value == "203.0.113.7" })
            (status, body) = try await Self.send(w, .PUT, "/api/v1/incidents/\(id)/observables/\(ip.id)", #"{"tlp": "RED"}"#, by: w.adminA)
            #expect(status == .ok, "\(body)")
            let marked = try JSONDecoder.custom(dates: .iso8601).decode(IncidentDTO.self, from: Data(body.utf8))
            #expect(marked.observables.first { $0.id == ip.id }?.tlp == .red)
            let stix = try await Self.send(w, .GET, "/api/v1/incidents/\(id)/stix", "", by: w.adminA).1
            let misp = try await Self.send(w, .GET, "/api/v1/incidents/\(id)/misp", "", by: w.adminA).1
            #expect(!stix.contains("203.0.113.7") && !misp.contains("203.0.113.7"))
            #expect(stix.contains("evil.example") && misp.contains("evil.example"), "the others are still shared")
            (status, _) = try await Self.send(w, .PUT, "/api/v1/incidents/\(id)/observables/\(UUID())", #"{"tlp": "RED"}"#, by: w.adminA)
            #expect(status == .notFound)
            (status, _) = try await Self.send(w, .PUT, "/api/v1/incidents/\(id)/observables/\(ip.id)", #"{"tlp": "CLEAR"}"#, by: w.auditor)
            #expect(status == .forbidden, "the auditor reads but does not mark")
            (status, _) = try await Self.send(w, .PUT, path, #"{"tlp": "RED", "namedPeople": ["\#(w.officerA.id!)", "\#(w.coordinator.id!)"]}"#, by: w.coordinator)
            #expect(status == .ok)
            // A RED incident is not sent outside.
            (status, body) = try await Self.send(w, .POST, "/api/v1/incidents/\(id)/notify-national", #"{"kind": "initial"}"#, by: w.adminA)
            #expect(status == .unprocessableEntity && body.contains("TLP:RED"), "\(body)")

            // The reporter takes the officer off the list: the officer no longer sees it.
            (status, _) = try await Self.send(w, .PUT, path, #"{"tlp": "RED", "namedPeople": ["\#(w.coordinator.id!)"]}"#, by: w.adminA)
            #expect(status == .ok)
            #expect(try await reads(w.officerA) == false)
            #expect(try await reads(w.coordinator))
            #expect(try await AuditEntry.query(on: w.db).filter(\.$action == "incident.sharing").count() == 4)
            #expect(try await AuditEntry.query(on: w.db).filter(\.$action == "incident.observable_tlp").count() == 1)
        }
    }
}
