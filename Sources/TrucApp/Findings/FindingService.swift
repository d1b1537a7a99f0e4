import Fluent
import Foundation
import TrucCore
import Vapor

/// Findings: the filtered list, the workflow, and reopening expired risk acceptances.
enum FindingService {
    struct Filter: Sendable {
        var unitID: UUID?
        var systemID: UUID?
        var assetID: UUID?
        var cveID: String?
        var severities: [CVSSSeverity] = []
        var statuses: [FindingStatus] = []
        var kev: Bool?
        var overdue: Bool?
        var certain: Bool?
        var sort: FindingSort = .deadline
    }

    static let filters: [APIOperation.Param] = [
        .init(name: "unitID", description: "Only this unit (and the units below it)"),
        .init(name: "systemID", description: "Only assets of this information system"),
        .init(name: "assetID", description: "Only this asset"),
        .init(name: "cve", description: "Only this CVE"),
        .init(name: "severity", description: "Comma-separated: critical,high,medium,low,none"),
        .init(name: "status", description: "Comma-separated statuses (open,in_progress,fixed,mitigated,false_positive,risk_accepted); default open,in_progress; 'all' for every status"),
        .init(name: "kev", description: "true: only CVEs in CISA KEV", type: "boolean"),
        .init(name: "overdue", description: "true: only active findings past their deadline", type: "boolean"),
        .init(name: "certain", description: "true: only certain matches; false: only possible ones to verify", type: "boolean"),
    ]

    /// The filters of the request. `strictSort`: an unknown `sort` is a 400 (the API); else it is ignored and the
    /// default order used (the web list).
    static func filter(_ req: Request, strictSort: Bool = true) throws -> Filter {
        var filter = Filter()
        filter.unitID = try uuid(req.query[String.self, at: "unitID"], "unitID")
        filter.systemID = try uuid(req.query[String.self, at: "systemID"], "systemID")
        filter.assetID = try uuid(req.query[String.self, at: "assetID"], "assetID")
        if let cve = req.query[String.self, at: "cve"].nonEmpty { filter.cveID = cve.uppercased() }
        for text in (req.query[String.self, at: "severity"] ?? "").split(separator: ",") {
            guard let severity = CVSSSeverity(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw Abort(.badRequest, reason: "severity: '\(text)' is not one of \(CVSSSeverity.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.severities.append(severity)
        }
        let statusText = req.query[String.self, at: "status"].nonEmpty ?? "open,in_progress"
        if statusText != "all" {
            for text in statusText.split(separator: ",") {
                guard let status = FindingStatus(rawValue: text.trimmingCharacters(in: .whitespaces)) else {
                    throw Abort(.badRequest, reason: "status: '\(text)' is not one of \(FindingStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                filter.statuses.append(status)
            }
        }
        filter.kev = try bool(req.query[String.self, at: "kev"], "kev")
        filter.overdue = try bool(req.query[String.self, at: "overdue"], "overdue")
        filter.certain = try bool(req.query[String.self, at: "certain"], "certain")
        let sortText = req.query[String.self, at: "sort"]
        filter.sort = strictSort ? try FindingSort.parse(sortText) : ((try? FindingSort.parse(sortText)) ?? .deadline)
        return filter
    }

    static func uuid(_ text: String?, _ field: String) throws -> UUID? {
        guard let text = text.nonEmpty else { return nil }
        guard let id = UUID(uuidString: text) else { throw Abort(.badRequest, reason: "\(field) must be a UUID") }
        return id
    }

    static func bool(_ text: String?, _ field: String) throws -> Bool? {
        guard let text = text.nonEmpty?.lowercased() else { return nil }
        switch text {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw Abort(.badRequest, reason: "\(field) must be true or false")
        }
    }

    /// Findings the principal may see, filtered; sorted as `filter.sort` says (by default: deadline, soonest first,
    /// then score).
    static func query(_ filter: Filter, for principal: Principal, tree: UnitTree? = nil, on db: any Database,
                      now: Date = Date()) async throws -> QueryBuilder<Finding> {
        let query = Finding.query(on: db)
        var allowed = principal.policy.units(with: .read)
        if let unitID = filter.unitID {
            guard principal.policy.allows(.read, on: unitID) else { throw Abort(.notFound, reason: "No such unit.") }
            let loaded: UnitTree
            if let tree { loaded = tree } else { loaded = try await UnitTreeLoader.load(on: db) }
            let tree = loaded
            let below = tree.subtree(of: unitID)
            allowed = allowed.map { $0.intersection(below) } ?? below
        }
        if let allowed { query.filter(\.$unit.$id ~~ Array(allowed)) }
        if let systemID = filter.systemID { query.filter(\.$system.$id == systemID) }
        if let assetID = filter.assetID { query.filter(\.$asset.$id == assetID) }
        if let cve = filter.cveID { query.filter(\.$vulnerability.$id == cve) }
        if !filter.severities.isEmpty { query.filter(\.$severity ~~ filter.severities) }
        if !filter.statuses.isEmpty { query.filter(\.$status ~~ filter.statuses) }
        if let kev = filter.kev { query.filter(\.$kev == kev) }
        if let certain = filter.certain { query.filter(\.$certain == certain) }
        if let overdue = filter.overdue {
            if overdue {
                query.filter(\.$status ~~ FindingStatus.active).filter(\.$dueAt < now)
            } else {
                query.group(.or) { $0.filter(\.$dueAt >= now).filter(\.$dueAt == nil).filter(\.$status !~ FindingStatus.active) }
            }
        }
        return filter.sort.apply(to: query)
    }

    static func find(_ req: Request) async throws -> Finding {
        guard let id = req.parameters.get("findingID", as: UUID.self) else { throw Abort(.badRequest, reason: "findingID must be a UUID") }
        guard let finding = try await Finding.query(on: req.db).filter(\.$id == id).with(\.$asset).first() else {
            throw Abort(.notFound, reason: "No such finding.")
        }
        try req.authorize(.read, on: finding.$unit.id)
        return finding
    }

    /// Moves a finding through the workflow. Risk acceptance needs `acceptRisk`; the rest `handleFindings`.
    static func transition(_ finding: Finding, _ input: FindingStatusInput, principal: Principal, on db: any Database,
                           now: Date = Date()) async throws -> Finding {
        let permission: Permission = input.status == .riskAccepted ? .acceptRisk : .handleFindings
        guard principal.policy.allows(permission, on: finding.$unit.id) else {
            throw Abort(.forbidden, reason: input.status == .riskAccepted
                ? "Only the unit's administrator or the coordinator may accept a risk."
                : "You may not change this unit's findings.")
        }
        try input.enforceLimits()
        let transition = FindingTransition(to: input.status, note: input.note.nonEmpty, acceptedUntil: input.acceptedUntil)
        do {
            try transition.validate(from: finding.status, now: now)
        } catch {
            throw Abort(.unprocessableEntity, reason: "\(error.english) / \(error.vietnamese)")
        }
        let before = finding.dto(now: now)
        finding.status = input.status
        finding.statusNote = input.note.nonEmpty
        finding.statusChangedAt = now
        finding.statusChangedBy = "\(principal.fullName) <\(principal.email)>"
        finding.acceptedUntil = input.status == .riskAccepted ? input.acceptedUntil : nil
        finding.resolvedAt = input.status.isActive ? nil : now
        try await db.transaction { db in
            try await finding.save(on: db)
            try await Audit.record("finding.status", entity: "finding", id: finding.id?.uuidString, unitID: finding.$unit.id,
                                   before: before, after: finding.dto(now: now), by: principal, on: db)
        }
        return finding
    }

    /// Risk acceptances whose date has passed go back to open (safe to run from several instances at once: each
    /// finding is reopened by the first UPDATE that still sees it accepted).
    @discardableResult
    static func reopenExpiredAcceptances(on db: any Database, now: Date = Date()) async throws -> Int {
        let expired = try await Finding.query(on: db).filter(\.$status == .riskAccepted).filter(\.$acceptedUntil <= now).all()
        var reopened = 0
        for finding in expired {
            let status = FindingStatus.afterExpiry(finding.status, acceptedUntil: finding.acceptedUntil, now: now)
            guard status != finding.status else { continue }
            let before = finding.dto(now: now)
            try await db.transaction { db in
                try await Finding.query(on: db).filter(\.$id == finding.id!).filter(\.$status == .riskAccepted)
                    .set(\.$status, to: status).set(\.$resolvedAt, to: nil).set(\.$statusChangedAt, to: now)
                    .set(\.$statusChangedBy, to: "system")
                    .set(\.$statusNote, to: "Hết hạn chấp nhận rủi ro: mở lại / Risk acceptance expired: reopened").update()
                finding.status = status
                try await Audit.record("finding.reopen", entity: "finding", id: finding.id?.uuidString, unitID: finding.$unit.id,
                                       before: before, after: finding.dto(now: now), by: nil, on: db)
            }
            reopened += 1
        }
        return reopened
    }

    /// Active / overdue / KEV counts and active findings per severity, for the findings the principal may see.
    static func summary(for principal: Principal, filter: Filter, on db: any Database, now: Date = Date()) async throws -> FindingSummaryDTO {
        var active = filter
        active.statuses = FindingStatus.active
        active.overdue = nil
        active.kev = nil
        let findings = try await query(active, for: principal, on: db, now: now).all()
        var bySeverity: [String: Int] = [:]
        for finding in findings { bySeverity[(finding.severity ?? CVSSSeverity.none).rawValue, default: 0] += 1 }
        return FindingSummaryDTO(active: findings.count,
                                 overdue: findings.filter { SLAPolicy.isOverdue(deadline: $0.dueAt, status: $0.status, now: now) }.count,
                                 kev: findings.filter(\.kev).count, bySeverity: bySeverity)
    }
}
