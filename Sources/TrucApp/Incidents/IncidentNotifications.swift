import Fluent
import Foundation
import TrucCore
import Vapor

/// E-mails about incidents, through the outbox (`OutboxMail`, sent by `OutboxDispatcher`):
///
/// - when a unit asks for emergency support, every active member of the response team (role `responder`), every
///   coordinator and whoever is on duty now for the province is told at once, in the transaction that records the
///   report; if nobody has triaged the incident `reminderDelay` later, they are reminded once;
/// - the "[TBSC]" reports to VNCERT/CC (initial report, update, final report), sent on request to the national
///   address of the contact directory, with the sender as Reply-To.
enum IncidentNotifications {
    /// The national coordinator's name and e-mail address: the national contact (no unit) whose name, organisation
    /// or address mentions VNCERT and has an e-mail.
    static func nationalAddress(on db: any Database) async throws -> (name: String, email: String)? {
        let contacts = try await Contact.query(on: db).filter(\.$unit.$id == nil).sort(\.$name).all()
        let vncert = contacts.first { contact in
            guard let email = contact.email, !email.isEmpty else { return false }
            return [contact.name, contact.organization ?? "", email].contains { $0.lowercased().contains("vncert") }
        }
        return vncert.map { ($0.name, $0.email!) }
    }

    static func facts(_ incident: Incident, unitName: String) -> IncidentNotice.Facts {
        IncidentNotice.Facts(reference: incident.reference, title: incident.title, unitName: unitName, tlp: incident.tlp,
                             detectedAt: incident.detectedAt, report: incident.report, finalReport: incident.finalReport)
    }

    /// How long a support request may wait untriaged before the reminder: 30 minutes.
    static let reminderDelay: TimeInterval = 30 * 60

    /// The people told of a support request: active responders and coordinators, and the people on duty now for
    /// the province (the units without a parent), once each by address.
    static func responseTeam(at now: Date, zone: TimeZone, on db: any Database) async throws -> [AlertRecipient] {
        let grants = try await RoleAssignment.query(on: db).filter(\.$role ~~ [Role.responder, .coordinator]).with(\.$person).all()
        var result = grants.map(\.person).filter(\.isActive).sorted { $0.fullName < $1.fullName }
            .map { AlertRecipient(personID: $0.id!, name: $0.fullName, email: $0.email) }
        let roots = try await OrgUnit.query(on: db).filter(\.$parent.$id == nil).all()
        let board = try await RosterService.onDuty(units: roots, restrictTo: Set(roots.compactMap(\.id)), at: now, timeZone: zone, on: db)
        result += board.flatMap { $0.onDuty.filter { $0.startsAt <= now && now < $0.endsAt } }
            .map { AlertRecipient(personID: $0.personID, name: $0.fullName, email: $0.email) }
        var seen = Set<String>()
        return result.filter { seen.insert($0.email.lowercased()).inserted }
    }

    /// Queues the support-request mails of a new incident (inside its transaction), or with `waitingMinutes` the
    /// reminder, and returns how many people they go to.
    static func queueSupportRequest(_ incident: Incident, unitName: String, publicURL: String, zone: TimeZone, now: Date,
                                    waitingMinutes: Int? = nil, on db: any Database) async throws -> Int {
        let notice = IncidentNotice.supportRequest(facts(incident, unitName: unitName),
                                                   link: "\(publicURL)/incidents/\(incident.id!.uuidString.lowercased())", timeZone: zone,
                                                   waitingMinutes: waitingMinutes)
        let key = (waitingMinutes == nil ? "support:" : "support-reminder:") + incident.id!.uuidString.lowercased()
        let mails = try await responseTeam(at: now, zone: zone, on: db).map { person in
            OutboxMail(unitID: incident.$unit.id, incidentID: incident.id, purpose: .supportRequest, dedupeKey: key,
                       recipient: person.email, recipientName: person.name, replyTo: incident.report?.reporterEmail,
                       subject: notice.subject, body: notice.body, createdBy: incident.createdBy, at: now)
        }
        try await MailOutbox.enqueue(mails, on: db)
        return mails.count
    }

    /// Reminds the response team of support requests still untriaged `reminderDelay` after they were reported
    /// (within the last week), once per incident: the reminder's mails and timeline line are written together,
    /// and an incident that already has them is skipped. Returns the number of incidents reminded.
    @discardableResult
    static func remindUntriaged(now: Date = Date(), zone: TimeZone, publicURL: String, on db: any Database) async throws -> Int {
        let waiting = try await Incident.query(on: db).filter(\.$supportRequested == true).filter(\.$status == .reported)
            .filter(\.$reportedAt <= now.addingTimeInterval(-reminderDelay)).filter(\.$reportedAt > now.addingTimeInterval(-7 * 86_400))
            .with(\.$unit).all()
        guard !waiting.isEmpty else { return 0 }
        let keys = waiting.map { "support-reminder:" + $0.id!.uuidString.lowercased() }
        let reminded = Set(try await OutboxMail.query(on: db).filter(\.$dedupeKey ~~ keys).all().map(\.dedupeKey))
        var count = 0
        for incident in waiting where !reminded.contains("support-reminder:" + incident.id!.uuidString.lowercased()) {
            let minutes = Int(now.timeIntervalSince(incident.reportedAt) / 60)
            try await db.transaction { tx in
                let people = try await queueSupportRequest(incident, unitName: incident.unit.name, publicURL: publicURL, zone: zone,
                                                           now: now, waitingMinutes: minutes, on: tx)
                try await IncidentService.event(incident, .notification,
                                                "Chưa được phân loại sau \(minutes) phút: đã nhắc lại \(people) người / "
                                                    + "Not triaged after \(minutes) minutes: \(people) people reminded",
                                                by: nil, at: now, on: tx)
            }
            count += 1
        }
        return count
    }

    /// Queues a "[TBSC]" report to VNCERT/CC. Refused (422) for a TLP:RED incident, a final report not yet
    /// written or an update without text; 409 when the contact directory has no VNCERT/CC address.
    static func notifyNational(_ incident: Incident, _ input: NationalNoticeInput, by principal: Principal, on db: any Database,
                               zone: TimeZone, now: Date = Date()) async throws -> OutboxMail {
        do { try IncidentTransition.check(.notifyNational, status: incident.status, actor: IncidentAccess.actor(incident, principal)) }
        catch { throw IncidentService.workflow(error) }
        let unitName = try await OrgUnit.find(incident.$unit.id, on: db)?.name ?? ""
        let notice: IncidentNotice
        do {
            notice = try IncidentNotice.national(input.kind, facts(incident, unitName: unitName), note: input.note,
                                                 sender: "\(principal.fullName) <\(principal.email)>", timeZone: zone)
        } catch { throw IncidentService.invalid(error) }
        guard let national = try await nationalAddress(on: db) else {
            throw BilingualError(.conflict, "Danh bạ chưa có địa chỉ e-mail của VNCERT/CC; hãy bổ sung trong danh bạ quốc gia.",
                                 "The contact directory has no e-mail address for VNCERT/CC; add it to the national contacts.")
        }
        let mail = OutboxMail(unitID: incident.$unit.id, incidentID: incident.id, purpose: .national,
                              dedupeKey: "national:\(UUID().uuidString.lowercased())", recipient: national.email,
                              recipientName: national.name, replyTo: principal.email, subject: notice.subject, body: notice.body,
                              createdBy: principal.personID, at: now)
        try await IncidentService.act(nil, on: incident, by: principal, db: db, audit: "incident.notify_national",
                                      line: (.notification, "\(input.kind.vietnamese) → \(national.email): \(notice.subject)"), now: now) { tx in
            try await MailOutbox.enqueue([mail], on: tx)
        }
        return mail
    }

    /// The mails queued about an incident, newest first.
    static func mails(of incident: Incident, on db: any Database) async throws -> [IncidentMailDTO] {
        try await OutboxMail.query(on: db).filter(\.$incidentID == incident.id!).sort(\.$createdAt, .descending)
            .sort(\.$recipient).all().map(IncidentMailDTO.init)
    }
}
