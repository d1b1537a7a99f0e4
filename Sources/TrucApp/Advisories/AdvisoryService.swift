import Fluent
import Foundation
import TrucCore
import Vapor

/// Advisories (cảnh báo): drafting, publishing to exactly the units whose assets match, and each unit's state.
enum AdvisoryService {
    static let cvePattern = try! NSRegularExpression(pattern: "^CVE-[0-9]{4}-[0-9]{4,}$")

    struct Checked {
        var title: String
        var cves: [String]
        var patterns: [CPEName]
    }

    static func check(_ input: AdvisoryInput) throws -> Checked {
        let title = input.title.trimmingCharacters(in: .whitespacesAndNewlines)
        try input.enforceLimits()
        guard !title.isEmpty else { throw Abort(.unprocessableEntity, reason: "title is required (at most 300 characters)") }
        guard !input.requiredAction.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Abort(.unprocessableEntity, reason: "requiredAction is required (at most 5000 characters)")
        }
        var cves: [String] = []
        for text in input.cves ?? [] {
            let cve = text.trimmingCharacters(in: .whitespaces).uppercased()
            guard !cve.isEmpty else { continue }
            guard cvePattern.firstMatch(in: cve, range: NSRange(cve.startIndex..., in: cve)) != nil else {
                throw Abort(.unprocessableEntity, reason: "cves: '\(text)' is not a CVE id (CVE-YYYY-NNNN)")
            }
            if !cves.contains(cve) { cves.append(cve) }
        }
        var patterns: [CPEName] = []
        for text in input.cpePatterns ?? [] where !text.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                let name = try CPEName(parsing: text.trimmingCharacters(in: .whitespaces))
                if !patterns.contains(name) { patterns.append(name) }
            } catch {
                throw Abort(.unprocessableEntity, reason: "cpePatterns: '\(text)' is not a valid CPE name: \(error.english)")
            }
        }
        guard !cves.isEmpty || !patterns.isEmpty else {
            throw Abort(.unprocessableEntity, reason: "Name at least one CVE or one CPE pattern: they decide which units are concerned.")
        }
        return Checked(title: title, cves: cves, patterns: patterns)
    }

    static func nextReference(on db: any Database, now: Date, zone: TimeZone) async throws -> String {
        let year = LocalDay(now, in: zone).year
        let prefix = "CB-\(year)-"
        let count = try await Advisory.query(on: db).filter(\.$reference, .custom("LIKE"), "\(prefix)%").count()
        return prefix + String(format: "%04d", count + 1)
    }

    static func create(_ input: AdvisoryInput, by principal: Principal, on db: any Database, zone: TimeZone) async throws -> Advisory {
        let checked = try check(input)
        let advisory = Advisory()
        advisory.id = UUID()
        advisory.reference = try await nextReference(on: db, now: Date(), zone: zone)
        fill(advisory, input, checked)
        advisory.createdBy = principal.personID
        try await db.transaction { db in
            try await advisory.create(on: db)
            try await Audit.record("advisory.create", entity: "advisory", id: advisory.id?.uuidString, unitID: nil,
                                   after: advisory.dto(), by: principal, on: db)
        }
        if input.publish == true { try await publish(advisory, by: principal, on: db) }
        return advisory
    }

    static func fill(_ advisory: Advisory, _ input: AdvisoryInput, _ checked: Checked) {
        advisory.title = checked.title
        advisory.body = input.body
        advisory.cves = checked.cves
        advisory.cpePatterns = checked.patterns.map(\.formattedString)
        advisory.requiredAction = input.requiredAction.trimmingCharacters(in: .whitespacesAndNewlines)
        advisory.deadline = input.deadline
        advisory.tlp = input.tlp
    }

    static func update(_ advisory: Advisory, with input: AdvisoryInput, by principal: Principal, on db: any Database) async throws -> Advisory {
        guard advisory.publishedAt == nil else {
            throw Abort(.conflict, reason: "A published advisory cannot be edited; publish a new one that supersedes it.")
        }
        let checked = try check(input)
        let before = advisory.dto()
        fill(advisory, input, checked)
        try await db.transaction { db in
            try await advisory.save(on: db)
            try await Audit.record("advisory.update", entity: "advisory", id: advisory.id?.uuidString, unitID: nil,
                                   before: before, after: advisory.dto(), by: principal, on: db)
        }
        if input.publish == true { try await publish(advisory, by: principal, on: db) }
        return advisory
    }

    /// Units with matching assets: unit → asset names (sorted).
    static func affectedUnits(cves: [String], patterns: [String], on db: any Database) async throws -> [UUID: [String]] {
        var assetIDs: Set<UUID> = []
        let names = patterns.compactMap { try? CPEName(parsing: $0) }
        if !names.isEmpty {
            let keys = Set(names.compactMap(ProductKey.init))
            let candidates: [Asset]
            if keys.count < names.count {
                candidates = try await Asset.query(on: db).all()
            } else {
                let ids = try await MatchingService.assets(naming: keys, on: db)
                var loaded: [Asset] = []
                for chunk in Array(ids).chunked(500) { loaded += try await Asset.query(on: db).filter(\.$id ~~ Array(chunk)).all() }
                candidates = loaded
            }
            let criteria = names.map { CPEMatchCriterion(criteria: $0) }
            for asset in candidates {
                let targets = asset.cpes.map(CPETarget.init)
                if criteria.contains(where: { criterion in targets.contains { criterion.evaluate($0) == .match } }) {
                    assetIDs.insert(asset.id!)
                }
            }
        }
        for chunk in cves.chunked(500) {
            assetIDs.formUnion(try await Finding.query(on: db).filter(\.$vulnerability.$id ~~ Array(chunk))
                .filter(\.$status ~~ FindingStatus.active).filter(\.$stillMatches == true).all(\.$asset.$id))
        }
        var result: [UUID: [String]] = [:]
        for chunk in Array(assetIDs).chunked(500) {
            for asset in try await Asset.query(on: db).filter(\.$id ~~ Array(chunk)).all() {
                result[asset.$unit.id, default: []].append(asset.name)
            }
        }
        return result.mapValues { $0.sorted() }
    }

    /// Publishes (or recomputes a published advisory): units newly concerned are notified; units already on the
    /// board keep their state and get the new asset count.
    static func publish(_ advisory: Advisory, by principal: Principal, on db: any Database, now: Date = Date()) async throws {
        let affected = try await affectedUnits(cves: advisory.cves, patterns: advisory.cpePatterns, on: db)
        let existing = try await AdvisoryUnit.query(on: db).filter(\.$advisory.$id == advisory.requireID()).all()
        let byUnit = Dictionary(uniqueKeysWithValues: existing.map { ($0.$unit.id, $0) })
        try await db.transaction { db in
            var notified = 0
            let first = advisory.publishedAt == nil
            if first {
                advisory.publishedAt = now
                try await advisory.save(on: db)
            }
            for (unitID, names) in affected {
                if let row = byUnit[unitID] {
                    row.matchedAssets = names.count
                    row.assetNamesText = names.prefix(50).joined(separator: "\n")
                    try await row.save(on: db)
                } else {
                    let row = AdvisoryUnit()
                    row.$advisory.id = try advisory.requireID()
                    row.$unit.id = unitID
                    row.matchedAssets = names.count
                    row.assetNamesText = names.prefix(50).joined(separator: "\n")
                    row.state = .notified
                    row.notifiedAt = now
                    try await row.create(on: db)
                    notified += 1
                }
            }
            for (unitID, row) in byUnit where affected[unitID] == nil && row.matchedAssets != 0 {
                row.matchedAssets = 0
                row.assetNamesText = ""
                try await row.save(on: db)
            }
            try await Audit.record(first ? "advisory.publish" : "advisory.recompute", entity: "advisory", id: advisory.id?.uuidString,
                                   unitID: nil, after: PublishAudit(units: affected.count, newlyNotified: notified), by: principal, on: db)
        }
    }

    struct PublishAudit: Encodable {
        var units: Int
        var newlyNotified: Int
    }

    /// Whether the principal may see the advisory: coordinators always; others a published one that is TLP:CLEAR or
    /// GREEN, or that concerns one of their units.
    static func mayRead(_ advisory: Advisory, unitIDs: [UUID], principal: Principal) -> Bool {
        if principal.isCoordinator { return true }
        guard advisory.publishedAt != nil else { return false }
        if advisory.tlp <= .green { return true }
        return unitIDs.contains { principal.policy.allows(.read, on: $0) }
    }

    static func find(_ req: Request) async throws -> (Advisory, [AdvisoryUnit]) {
        guard let id = req.parameters.get("advisoryID", as: UUID.self) else { throw Abort(.badRequest, reason: "advisoryID must be a UUID") }
        let principal = try req.requirePrincipal()
        guard let advisory = try await Advisory.find(id, on: req.db) else { throw Abort(.notFound, reason: "No such advisory.") }
        let rows = try await AdvisoryUnit.query(on: req.db).filter(\.$advisory.$id == id).with(\.$unit).all()
        guard mayRead(advisory, unitIDs: rows.map { $0.$unit.id }, principal: principal) else {
            throw Abort(.notFound, reason: "No such advisory.")
        }
        return (advisory, rows)
    }

    /// The board rows the principal may see (coordinators: all; others: their units), by unit code.
    static func board(_ advisory: Advisory, rows: [AdvisoryUnit], principal: Principal, now: Date = Date()) -> [AdvisoryUnitDTO] {
        rows.filter { principal.isCoordinator || principal.policy.allows(.read, on: $0.$unit.id) }
            .sorted { ($0.$unit.value?.code ?? "") < ($1.$unit.value?.code ?? "") }
            .map { $0.dto(unit: $0.$unit.value, deadline: advisory.deadline, now: now) }
    }

    /// A unit moves its own line: acknowledge, remediating, remediated, not affected.
    static func setState(_ advisory: Advisory, unitID: UUID, _ input: AdvisoryStateInput, by principal: Principal,
                         on db: any Database, now: Date = Date()) async throws -> AdvisoryUnit {
        guard let row = try await AdvisoryUnit.query(on: db).filter(\.$advisory.$id == advisory.requireID())
            .filter(\.$unit.$id == unitID).with(\.$unit).first() else {
            throw Abort(.notFound, reason: "This advisory does not concern that unit.")
        }
        guard principal.policy.allows(.report, on: unitID) else {
            throw Abort(.forbidden, reason: "You may not answer advisories for this unit.")
        }
        guard row.state.canMove(to: input.state) else {
            throw Abort(.unprocessableEntity, reason: "Cannot go from \(row.state.rawValue) to \(input.state.rawValue) (\(row.state.vietnamese) → \(input.state.vietnamese)).")
        }
        if input.state == .notAffected, input.note.nonEmpty == nil {
            throw Abort(.unprocessableEntity, reason: "Say why the unit is not affected (note).")
        }
        try input.enforceLimits()
        let before = row.dto(unit: row.$unit.value, deadline: advisory.deadline, now: now)
        if row.acknowledgedAt == nil {
            row.acknowledgedAt = now
            row.acknowledgedBy = "\(principal.fullName) <\(principal.email)>"
        }
        row.state = input.state
        row.remediatedAt = input.state == .remediated ? now : nil
        if let note = input.note.nonEmpty { row.note = note }
        try await db.transaction { db in
            try await row.save(on: db)
            try await Audit.record("advisory.state", entity: "advisory", id: advisory.id?.uuidString, unitID: unitID,
                                   before: before, after: row.dto(unit: row.$unit.value, deadline: advisory.deadline, now: now),
                                   by: principal, on: db)
        }
        return row
    }
}
