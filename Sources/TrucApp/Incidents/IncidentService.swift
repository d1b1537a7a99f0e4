import Fluent
import Foundation
import SQLKit
import TrucCore
import Vapor

/// Incidents: reporting (Mẫu 03), triage, assignment, status, updates, tasks, observables, evidence, final report.
/// Every change is written to the incident's timeline and to the audit log.
enum IncidentService {
    /// The most people named on one incident.
    static let maxNamedPeople = TextLimit.listEntries

    static func invalid(_ error: FieldValidationError) -> BilingualError {
        BilingualError.invalid(error)
    }

    static func workflow(_ error: IncidentWorkflowError) -> BilingualError {
        switch error {
        case .forbidden, .actionForbidden: BilingualError(.forbidden, error.vietnamese, error.english)
        default: BilingualError(.conflict, error.vietnamese, error.english)
        }
    }

    /// The incident of `:incidentID` if the caller may see it (404 otherwise).
    static func find(_ req: Request) async throws -> (Incident, Principal) {
        let principal = try req.requirePrincipal()
        guard let id = req.parameters.get("incidentID", as: UUID.self), let incident = try await Incident.find(id, on: req.db),
              IncidentAccess.mayRead(incident, principal)
        else { throw BilingualError.notFound("Không có sự cố này.", "No such incident.") }
        return (incident, principal)
    }

    // MARK: - Reporting

    /// Records a report. When the unit asks for emergency support, the response team and the coordinators are
    /// e-mailed in the same transaction (`IncidentNotifications`); `publicURL` makes the link in that mail.
    static func create(unitID: UUID, input: IncidentInput, by principal: Principal, on db: any Database,
                       zone: TimeZone, publicURL: String, now: Date = Date()) async throws -> Incident {
        let report: InitialIncidentReport
        do { report = try input.report.validated(now: now) } catch { throw invalid(error) }
        let title = input.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 300 else {
            throw BilingualError.invalid("Tiêu đề sự cố bắt buộc, tối đa 300 ký tự.", "title is required (at most 300 characters).")
        }
        if let systemID = input.systemID {
            guard let system = try await InformationSystem.find(systemID, on: db), system.$unit.id == unitID else {
                throw BilingualError.invalid("Hệ thống thông tin không thuộc đơn vị này.", "systemID: no such information system in this unit.")
            }
        }
        let incident = Incident()
        incident.$unit.id = unitID
        incident.$system.id = input.systemID
        incident.title = title
        incident.report = report
        incident.status = .reported
        incident.tlp = input.tlp ?? (report.keepConfidential ? .amber : .green)
        incident.detectedAt = report.detectedAt
        incident.reportedAt = report.reportedAt
        incident.supportRequested = report.supportRequested
        incident.confidential = report.keepConfidential
        incident.namedPeople = try await namedPeople(input.namedPeople ?? [], on: db).map { $0.id! }
        let unitName = try await OrgUnit.find(unitID, on: db)?.name ?? report.reporterOrganization
        incident.createdBy = principal.personID
        // References are numbered per year; a concurrent report taking the same number is retried.
        for attempt in 0..<5 {
            incident.id = UUID()
            let last = try await Incident.query(on: db).sort(\.$reference, .descending).first()
                .flatMap { IncidentReference($0.reference) }
            guard let reference = IncidentReference.next(after: last, at: now, in: zone) else {
                throw Abort(.internalServerError, reason: "no incident reference left this year")
            }
            incident.reference = reference.description
            do {
                try await db.transaction { tx in
                    try await incident.create(on: tx)
                    try await event(incident, .reported, "\(incident.reference): \(title)", by: principal, at: now, on: tx)
                    for observable in ObservableExtractor.extract(from: [report.summary, report.services ?? ""].joined(separator: "\n")) {
                        try await addObservable(observable, to: incident, source: "extracted", on: tx)
                    }
                    if report.supportRequested {
                        let count = try await IncidentNotifications.queueSupportRequest(incident, unitName: unitName, publicURL: publicURL,
                                                                                         zone: zone, now: now, on: tx)
                        try await event(incident, .notification,
                                        "Đề nghị hỗ trợ khẩn cấp đã gửi tới \(count) người của Đội ƯCSC và điều phối / "
                                            + "Emergency support request sent to \(count) people of the response team and coordination",
                                        by: nil, at: now, on: tx)
                    }
                    try await Audit.record("incident.create", entity: "incident", id: incident.id?.uuidString, unitID: unitID,
                                           after: summary(incident), by: principal, on: tx)
                }
                return incident
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 4 {
                continue
            }
        }
        throw Abort(.conflict, reason: "could not number the incident, try again")
    }

    static func event(_ incident: Incident, _ kind: IncidentEvent.Kind, _ text: String, by principal: Principal?,
                      at: Date = Date(), on db: any Database) async throws {
        try await IncidentEvent(incidentID: incident.id!, at: at, actorID: principal?.personID,
                                actorName: principal.map { "\($0.fullName) <\($0.email)>" } ?? "system",
                                kind: kind, text: String(text.prefix(20_000))).create(on: db)
    }

    static func addObservable(_ observable: Observable, to incident: Incident, source: String, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.insert(into: IncidentObservable.schema)
            .columns("id", "incident_id", "kind", "value", "tlp", "source", "created_at")
            .values(SQLBind(UUID()), SQLBind(incident.id!), SQLBind(observable.kind.rawValue), SQLBind(observable.value),
                    SQLBind(incident.tlp.rawValue), SQLBind(source), SQLBind(Date()))
            .ignoringConflicts(with: ["incident_id", "kind", "value"])
            .run()
    }

    /// The task of `:taskID` and its incident, if the caller may see the incident (404 otherwise).
    static func findTask(_ req: Request) async throws -> (IncidentTaskRecord, Incident, Principal) {
        let principal = try req.requirePrincipal()
        guard let id = req.parameters.get("taskID", as: UUID.self), let task = try await IncidentTaskRecord.find(id, on: req.db),
              let incident = try await Incident.find(task.$incident.id, on: req.db), IncidentAccess.mayRead(incident, principal)
        else { throw BilingualError.notFound("Không có công việc này.", "No such task.") }
        return (task, incident, principal)
    }

    // MARK: - Workflow

    /// Runs `change` with the check of `action` for the caller, then records the timeline line and the audit entry.
    static func act(_ action: IncidentAction?, on incident: Incident, by principal: Principal, db: any Database,
                    audit: String, line: (IncidentEvent.Kind, String), now: Date = Date(),
                    change: @escaping @Sendable (any Database) async throws -> Void) async throws {
        if let action {
            do { try IncidentTransition.check(action, status: incident.status, actor: IncidentAccess.actor(incident, principal)) }
            catch { throw workflow(error) }
        }
        let before = summary(incident)
        try await db.transaction { tx in
            try await change(tx)
            try await event(incident, line.0, line.1, by: principal, at: now, on: tx)
            try await Audit.record(audit, entity: "incident", id: incident.id?.uuidString, unitID: incident.$unit.id,
                                   before: before, after: summary(incident), by: principal, on: tx)
        }
    }

    static func triage(_ incident: Incident, _ input: IncidentTriageInput, by principal: Principal, on db: any Database) async throws {
        let becomesTriaged = incident.status == .reported
        if becomesTriaged {
            do {
                try IncidentTransition.check(from: .reported, to: .triaged, actor: IncidentAccess.actor(incident, principal), isClassified: true)
            } catch { throw workflow(error) }
        }
        try await act(.classify, on: incident, by: principal, db: db, audit: "incident.triage",
                      line: (.triage, "\(input.severity.vietnamese) · \(input.category.vietnamese)")) { tx in
            incident.severity = input.severity
            incident.category = input.category
            if becomesTriaged { incident.status = .triaged }
            try await incident.save(on: tx)
        }
    }

    static func setStatus(_ incident: Incident, _ input: IncidentStatusInput, by principal: Principal, on db: any Database) async throws {
        do {
            try IncidentTransition.check(from: incident.status, to: input.status, actor: IncidentAccess.actor(incident, principal),
                                         hasFinalReport: incident.finalReport != nil, isClassified: incident.severity != nil && incident.category != nil)
        } catch { throw workflow(error) }
        try input.enforceLimits()
        let from = incident.status
        let note = input.note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        try await act(nil, on: incident, by: principal, db: db, audit: "incident.status",
                      line: (.status, "\(from.vietnamese) → \(input.status.vietnamese)" + (note.isEmpty ? "" : ": \(note)"))) { tx in
            incident.status = input.status
            try await incident.save(on: tx)
        }
    }

    static func assign(_ incident: Incident, to personID: UUID?, by principal: Principal, on db: any Database) async throws {
        var name = "—"
        if let personID {
            guard let person = try await Person.find(personID, on: db), person.isActive else {
                throw BilingualError.invalid("Không có người này.", "personID: no such person.")
            }
            name = "\(person.fullName) <\(person.email)>"
        }
        try await act(.assign, on: incident, by: principal, db: db, audit: "incident.assign", line: (.assignment, name)) { tx in
            incident.$assignee.id = personID
            try await incident.save(on: tx)
        }
    }

    static func addUpdate(_ incident: Incident, _ input: IncidentUpdateInput, by principal: Principal, on db: any Database) async throws {
        try input.enforceLimits()
        let text = input.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 20_000 else {
            throw BilingualError.invalid("Nội dung cập nhật bắt buộc (tối đa 20000 ký tự).", "text is required (at most 20000 characters).")
        }
        let kind: IncidentEvent.Kind = input.kind == "comment" ? .comment : .update
        try await act(.addUpdate, on: incident, by: principal, db: db, audit: "incident.update", line: (kind, text)) { tx in
            for observable in ObservableExtractor.extract(from: text) {
                try await addObservable(observable, to: incident, source: "extracted", on: tx)
            }
        }
    }

    static func addTask(_ incident: Incident, _ input: IncidentTaskInput, by principal: Principal, on db: any Database,
                        now: Date = Date()) async throws -> IncidentTaskRecord {
        let task: IncidentTask
        do {
            task = try IncidentTask(title: input.title, note: input.note, assignee: input.assigneeID?.uuidString, dueAt: input.dueAt)
                .validated(now: now)
        } catch { throw invalid(error) }
        if let assigneeID = input.assigneeID, try await Person.find(assigneeID, on: db) == nil {
            throw BilingualError.invalid("Không có người được giao.", "assigneeID: no such person.")
        }
        let record = IncidentTaskRecord()
        record.id = UUID()
        record.$incident.id = incident.id!
        record.title = task.title
        record.note = task.note
        record.$assignee.id = input.assigneeID
        record.dueAt = task.dueAt
        record.status = .open
        try await act(.manageTasks, on: incident, by: principal, db: db, audit: "incident.task",
                      line: (.task, "+ \(task.title)")) { tx in try await record.create(on: tx) }
        return record
    }

    static func setTaskStatus(_ record: IncidentTaskRecord, _ status: IncidentTask.Status, incident: Incident,
                              by principal: Principal, on db: any Database) async throws {
        guard record.status.canChange(to: status) else {
            throw BilingualError(.conflict, "Không thể chuyển công việc sang trạng thái này.", "The task cannot move to that status.")
        }
        try await act(.manageTasks, on: incident, by: principal, db: db, audit: "incident.task",
                      line: (.task, "\(record.title): \(status.rawValue)")) { tx in
            record.status = status
            try await record.save(on: tx)
        }
    }

    static func addObservables(_ incident: Incident, _ input: IncidentObservableInput, by principal: Principal, on db: any Database) async throws -> Int {
        try input.enforceLimits()
        var found: [Observable] = []
        if let text = input.text, !text.isEmpty { found = ObservableExtractor.extract(from: text) }
        if let kind = input.kind, let value = input.value {
            do { found.append(try Observable(kind: kind, value: value)) }
            catch { throw BilingualError.invalid(error.vietnamese, error.english) }
        }
        let observables = found
        guard !observables.isEmpty else {
            throw BilingualError.invalid("Không tìm thấy dấu hiệu (IP, tên miền, URL, e-mail, mã băm, CVE) nào.", "No observable (IP, domain, URL, e-mail, hash, CVE) found.")
        }
        try await act(.addUpdate, on: incident, by: principal, db: db, audit: "incident.observables",
                      line: (.observable, observables.map { "\($0.kind.rawValue): \($0.defanged)" }.joined(separator: ", "))) { tx in
            for observable in observables { try await addObservable(observable, to: incident, source: "manual", on: tx) }
        }
        return observables.count
    }

    static func writeFinalReport(_ incident: Incident, _ input: FinalIncidentReport, by principal: Principal, on db: any Database,
                                 now: Date = Date()) async throws {
        let report: FinalIncidentReport
        do { report = try input.validated(detectedAt: incident.detectedAt, now: now) } catch { throw invalid(error) }
        try await act(.writeFinalReport, on: incident, by: principal, db: db, audit: "incident.final_report",
                      line: (.finalReport, report.whatHappened)) { tx in
            incident.finalReport = report
            incident.finalReportedAt = now
            try await incident.save(on: tx)
        }
    }

    static func addEvidence(_ incident: Incident, file: File?, note: String?, maxBytes: Int, by principal: Principal,
                            on db: any Database) async throws -> EvidenceFile {
        guard let upload = try UploadedEvidence.check(file, maxBytes: maxBytes) else {
            throw BilingualError.invalid("Chưa chọn tệp.", "Choose a file.")
        }
        let evidence = EvidenceFile(id: UUID(), unitID: incident.$unit.id, filename: upload.filename, declaredType: upload.declaredType,
                                    content: upload.content, sha256: upload.sha256, uploaderID: principal.personID)
        try await act(.addEvidence, on: incident, by: principal, db: db, audit: "incident.evidence",
                      line: (.evidence, "\(upload.filename) (\(upload.content.count) B, SHA-256 \(upload.sha256))")) { tx in
            try await evidence.create(on: tx)
            let link = IncidentEvidence()
            link.$incident.id = incident.id!
            link.$evidence.id = evidence.id!
            link.note = note
            try await link.create(on: tx)
        }
        return evidence
    }

    /// The active people of `ids` (each once, in order); 422 naming any unknown or inactive id.
    static func namedPeople(_ ids: [UUID], on db: any Database) async throws -> [Person] {
        var seen = Set<UUID>()
        let unique = ids.filter { seen.insert($0).inserted }
        guard unique.count <= maxNamedPeople else {
            throw BilingualError(.unprocessableEntity, "Tối đa \(maxNamedPeople) người được nêu tên.",
                                 "namedPeople: at most \(maxNamedPeople) people.", fields: ["namedPeople"])
        }
        guard !unique.isEmpty else { return [] }
        let found = try await Person.query(on: db).filter(\.$id ~~ unique).all().filter(\.isActive)
        let byID = Dictionary(uniqueKeysWithValues: found.map { ($0.id!, $0) })
        let missing = unique.filter { byID[$0] == nil }
        guard missing.isEmpty else {
            let list = missing.map(\.uuidString).joined(separator: ", ")
            throw BilingualError.invalid("Không có người này: \(list).", "namedPeople: no such active person: \(list).")
        }
        return unique.compactMap { byID[$0] }
    }

    /// Changes the TLP and the named people. Observables that carried the incident's TLP follow it. Making an
    /// incident TLP:RED names the caller too when they would otherwise lose sight of it.
    static func updateSharing(_ incident: Incident, _ input: IncidentSharingInput, by principal: Principal,
                              on db: any Database) async throws {
        var people = try await namedPeople(input.namedPeople, on: db)
        if input.tlp == .red, ![incident.createdBy, incident.$assignee.id].contains(principal.personID),
           !people.contains(where: { $0.id == principal.personID }),
           let me = try await Person.find(principal.personID, on: db) {
            people.append(me)
        }
        let names = people.map(\.fullName).joined(separator: ", ")
        let oldTLP = incident.tlp
        let line = "TLP:\(oldTLP.rawValue) → TLP:\(input.tlp.rawValue)" + (names.isEmpty ? "" : " · \(names)")
        let ids = people.map { $0.id! }
        try await act(.manageSharing, on: incident, by: principal, db: db, audit: "incident.sharing", line: (.access, line)) { tx in
            incident.tlp = input.tlp
            incident.namedPeople = ids
            try await incident.save(on: tx)
            if oldTLP != input.tlp {
                try await IncidentObservable.query(on: tx).filter(\.$incident.$id == incident.id!).filter(\.$tlp == oldTLP)
                    .set(\.$tlp, to: input.tlp).update()
            }
        }
    }

    /// Marks one observable with its own TLP. One marked stricter than its incident stays out of the incident's
    /// STIX and MISP exports; a looser one is still exported under the incident's marking.
    static func setObservableTLP(_ observable: IncidentObservable, _ tlp: TLP, incident: Incident, by principal: Principal,
                                 on db: any Database) async throws {
        let line = "\(observable.kind.rawValue) \(observable.observable?.defanged ?? observable.value): TLP:\(observable.tlp.rawValue) → TLP:\(tlp.rawValue)"
        try await act(.manageSharing, on: incident, by: principal, db: db, audit: "incident.observable_tlp", line: (.access, line)) { tx in
            observable.tlp = tlp
            try await observable.save(on: tx)
        }
    }

    // MARK: - Reading

    static func summary(_ incident: Incident, unitName: String? = nil) -> IncidentSummaryDTO {
        let deadline = ReportingClock.deadline(detectedAt: incident.detectedAt)
        return IncidentSummaryDTO(id: incident.id!, reference: incident.reference, title: incident.title, unitID: incident.$unit.id,
                                  unitName: unitName, status: incident.status, severity: incident.severity, category: incident.category,
                                  tlp: incident.tlp, detectedAt: incident.detectedAt, reportedAt: incident.reportedAt,
                                  supportRequested: incident.supportRequested, reportDeadline: deadline,
                                  reportedLate: incident.reportedAt > deadline, assigneeID: incident.$assignee.id)
    }

    /// Incidents the caller may see, newest first (a province has hundreds, not millions: filtered in memory for TLP:RED).
    static func visible(to principal: Principal, status: IncidentStatus? = nil, on db: any Database) async throws -> [Incident] {
        let query = Incident.query(on: db).sort(\.$reportedAt, .descending).sort(\.$id).with(\.$unit)
        if let status { query.filter(\.$status == status) }
        if !IncidentAccess.isResponseTeam(principal) {
            let units = Array(principal.policy.units(with: .read) ?? [])
            query.group(.or) { group in
                group.filter(\.$unit.$id ~~ units).filter(\.$createdBy == principal.personID).filter(\.$assignee.$id == principal.personID)
            }
        }
        return try await query.all().filter { IncidentAccess.mayRead($0, principal) }
    }

    /// The references of those of `ids` the caller may read (for correlations: only the incidents sharing an
    /// observable are loaded, not every incident the caller may see).
    static func readableReferences(_ ids: Set<UUID>, for principal: Principal, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let incidents = try await Incident.query(on: db).filter(\.$id ~~ Array(ids)).all().filter { IncidentAccess.mayRead($0, principal) }
        return Dictionary(uniqueKeysWithValues: incidents.map { ($0.id!, $0.reference) })
    }

    static func detail(_ incident: Incident, for principal: Principal, on db: any Database, now: Date = Date()) async throws -> IncidentDTO {
        let id = incident.id!
        let events = try await IncidentEvent.query(on: db).filter(\.$incident.$id == id).sort(\.$at).sort(\.$id).all()
        let tasks = try await IncidentTaskRecord.query(on: db).filter(\.$incident.$id == id).sort(\.$createdAt).all()
        let observables = try await IncidentObservable.query(on: db).filter(\.$incident.$id == id).sort(\.$kind).sort(\.$value).all()
        let links = try await IncidentEvidence.query(on: db).filter(\.$incident.$id == id).with(\.$evidence).all()
        var others: [String: [String]] = [:]
        if !observables.isEmpty {
            let same = try await IncidentObservable.query(on: db).filter(\.$value ~~ observables.map(\.value))
                .filter(\.$incident.$id != id).all()
            let readable = try await readableReferences(Set(same.map { $0.$incident.id }), for: principal, on: db)
            for row in same { if let ref = readable[row.$incident.id] { others["\(row.kind.rawValue)|\(row.value)", default: []].append(ref) } }
        }
        let organization = incident.report?.reporterOrganization ?? ""
        let named = try await Person.query(on: db).filter(\.$id ~~ incident.namedPeople).sort(\.$fullName).all()
        let mails = try await IncidentNotifications.mails(of: incident, on: db)
        let status = ReportingClock.status(detectedAt: incident.detectedAt, reportedAt: incident.reportedAt, now: now)
        return IncidentDTO(
            incident: summary(incident, unitName: incident.$unit.value?.name),
            report: incident.report, finalReport: incident.finalReport, clock: status.vietnamese,
            timeline: events.map { IncidentEventDTO(at: $0.at, actorName: $0.actorName, kind: $0.kind.rawValue, text: $0.text) },
            tasks: tasks.map { IncidentTaskDTO(id: $0.id!, title: $0.title, note: $0.note, assigneeID: $0.$assignee.id, dueAt: $0.dueAt, status: $0.status) },
            observables: observables.map { o in
                IncidentObservableDTO(id: o.id!, kind: o.kind, value: o.value, defanged: o.observable?.defanged ?? o.value, tlp: o.tlp,
                                      otherIncidents: others["\(o.kind.rawValue)|\(o.value)"].map { Array(Set($0)).sorted() })
            },
            evidence: links.map { IncidentEvidenceDTO(id: $0.evidence.id!, filename: $0.evidence.filename, size: $0.evidence.size,
                                                      sha256: $0.evidence.sha256, uploadedAt: $0.createdAt) },
            nationalSubject: incident.finalReport != nil
                ? TBSCSubject.finalReport(reference: incident.reference, organization: organization, summary: incident.title)
                : TBSCSubject.initialReport(reference: incident.reference, organization: organization, summary: incident.title),
            namedPeople: named.map { IncidentPersonDTO(id: $0.id!, fullName: $0.fullName, email: $0.email) },
            mails: mails,
            allowedStatuses: IncidentTransition.allowedTargets(from: incident.status, actor: IncidentAccess.actor(incident, principal),
                                                               hasFinalReport: incident.finalReport != nil,
                                                               isClassified: incident.severity != nil && incident.category != nil))
    }

    /// Incidents (visible to the caller) and advisories where an observable appears.
    static func sightings(of observable: Observable, for principal: Principal, on db: any Database) async throws -> ObservableSightingsDTO {
        let rows = try await IncidentObservable.query(on: db).filter(\.$kind == observable.kind).filter(\.$value == observable.value).all()
        let incidents = try await Incident.query(on: db).filter(\.$id ~~ Array(Set(rows.map { $0.$incident.id })))
            .sort(\.$reportedAt, .descending).with(\.$unit).all().filter { IncidentAccess.mayRead($0, principal) }
        let advisories = try await AdvisoryQueries.visible(for: principal, on: db)
        let mentioned = advisories.filter { advisory in
            observable.kind == .cve ? advisory.cves.contains(observable.value)
                : ObservableExtractor.extract(from: advisory.title + "\n" + advisory.body).contains(observable)
        }
        return ObservableSightingsDTO(kind: observable.kind, value: observable.value,
                                      incidents: incidents.map { summary($0, unitName: $0.unit.name) },
                                      advisories: mentioned.map { "\($0.reference): \($0.title)" })
    }

    // MARK: - Sharing

    /// The observables of the incidents the caller may see, detected in the last `days` days, marked at most
    /// `maxTLP`, merged per observable (`SharedObservable.merge`).
    static func sharedObservables(for principal: Principal, maxTLP: TLP, days: Int, now: Date = Date(),
                                  on db: any Database) async throws -> [SharedObservable] {
        let since = now.addingTimeInterval(-Double(days) * 86_400)
        let incidents = try await visible(to: principal, on: db).filter { $0.detectedAt >= since }
        let byID = Dictionary(uniqueKeysWithValues: incidents.map { ($0.id!, $0) })
        var sightings: [SharedObservable.Sighting] = []
        for chunk in Array(byID.keys).chunked(500) {
            for row in try await IncidentObservable.query(on: db).filter(\.$incident.$id ~~ chunk).all() {
                guard let incident = byID[row.$incident.id], let observable = row.observable else { continue }
                sightings.append(.init(observable: observable, tlp: row.tlp, seenAt: incident.detectedAt, incidentReference: incident.reference))
            }
        }
        return SharedObservable.merge(sightings, maxTLP: maxTLP)
    }

    /// The producer of exports: the province (the root unit), or the app's name.
    static func producer(on db: any Database) async throws -> (id: UUID, name: String) {
        let province = try await OrgUnit.query(on: db).filter(\.$parent.$id == nil).sort(\.$code).first()
        return (province?.id ?? UUID(), province?.name ?? "Trực ATTT")
    }

    static func export(_ incident: Incident, on db: any Database) async throws -> IncidentExport {
        // Observables marked stricter than the incident are not shared with it.
        let observables = try await IncidentObservable.query(on: db).filter(\.$incident.$id == incident.id!).all()
            .filter { $0.tlp <= incident.tlp }.compactMap(\.observable)
        let unit = try await OrgUnit.find(incident.$unit.id, on: db)
        let report = incident.report
        return IncidentExport(id: incident.id!, reference: incident.reference, title: incident.title, description: report?.summary ?? "",
                              createdAt: incident.createdAt ?? incident.reportedAt, modifiedAt: incident.updatedAt ?? incident.reportedAt,
                              detectedAt: incident.detectedAt, reportedAt: incident.reportedAt, status: incident.status.rawValue,
                              severity: incident.severity?.rawValue, category: incident.category?.rawValue, tlp: incident.tlp,
                              reporter: IncidentExportReporter(unitID: incident.$unit.id, name: unit?.name ?? report?.reporterOrganization ?? "",
                                                               contactName: report?.reporterName, contactEmail: report?.reporterEmail,
                                                               contactPhone: report?.reporterPhone),
                              observables: observables, confidential: incident.confidential)
    }
}
