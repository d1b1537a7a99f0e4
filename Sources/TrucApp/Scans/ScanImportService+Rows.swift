import Fluent
import Foundation
import SQLKit
import TrucCore

/// The rows a scan import reads and writes in bulk, as plain values: a report can bring hundreds of thousands of
/// findings, and Fluent models (one object per field) would dominate its time and memory.
extension ScanImportService {
    /// A finding as stored, with what the import decides on.
    struct StoredFinding {
        var id: UUID
        var assetID: UUID
        var subject: String
        var status: FindingStatus
        var stillMatches: Bool
        var systemID: UUID?
        var firstSeen: Date
        var facts: FindingFacts
    }

    /// A detection as stored.
    struct StoredDetection {
        var id: UUID
        var findingID: UUID
        var key: String
        var scanner: ScanFormat?
        var present: Bool
        var name: String
        var severity: String
        var cvss: Double?
        var cves: String
        var port: Int?
        var proto: String?
        var evidence: String?
        var solution: String?

        func differs(from result: ScanResult) -> Bool {
            name != result.name || severity != result.severity.rawValue || cvss != result.cvss
                || cves != result.cves.joined(separator: ",") || port != result.port || proto != result.proto
                || evidence != result.evidence || solution != result.solution
        }
    }

    struct NewFinding {
        var id: UUID
        var assetID: UUID
        var systemID: UUID?
        var subject: String
        var facts: FindingFacts
        var status: FindingStatus = .open
        var note: String?
    }

    struct NewDetection {
        var findingID: UUID
        var key: String
        var result: ScanResult
    }

    /// A status the import gives a finding (reopened, closed, marked by VEX), applied through the model and audited.
    struct StatusMove {
        var to: FindingStatus
        var note: String
        /// Whether a scanner still reports it afterwards.
        var present: Bool
        var vex: Bool
    }

    static func storedFindings(assets: Set<UUID>, on db: any Database) async throws -> [PairKey: StoredFinding] {
        let sql = VulnerabilityStore.sql(db)
        var result: [PairKey: StoredFinding] = [:]
        for chunk in Array(assets).chunked(500) {
            let rows = try await sql.select()
                .columns("id", "asset_id", "cve_id", "status", "still_matches", "system_id", "first_seen", "severity", "cvss_score",
                         "kev", "kev_due_date", "epss_score", "due_at")
                .from(Finding.schema).where("asset_id", .in, SQLBind.group(Array(chunk))).all()
            for row in rows {
                let status = try row.decode(column: "status", as: String.self)
                let finding = StoredFinding(
                    id: try row.decode(column: "id", as: UUID.self), assetID: try row.decode(column: "asset_id", as: UUID.self),
                    subject: try row.decode(column: "cve_id", as: String.self), status: FindingStatus(rawValue: status) ?? .open,
                    stillMatches: try row.decode(column: "still_matches", as: Bool.self),
                    systemID: try row.decode(column: "system_id", as: UUID?.self),
                    firstSeen: try row.decode(column: "first_seen", as: Date.self),
                    facts: try FindingFacts(row: row))
                result[PairKey(assetID: finding.assetID, subject: finding.subject)] = finding
            }
        }
        return result
    }

    static func storedDetections(findings: [UUID], on db: any Database) async throws -> [UUID: [StoredDetection]] {
        let sql = VulnerabilityStore.sql(db)
        var result: [UUID: [StoredDetection]] = [:]
        for chunk in findings.chunked(500) {
            let rows = try await sql.select()
                .columns("id", "finding_id", "detection_key", "scanner", "present", "name", "severity", "cvss", "cves", "port",
                         "protocol", "evidence", "solution")
                .from(FindingDetection.schema).where("finding_id", .in, SQLBind.group(Array(chunk))).all()
            for row in rows {
                let detection = StoredDetection(
                    id: try row.decode(column: "id", as: UUID.self), findingID: try row.decode(column: "finding_id", as: UUID.self),
                    key: try row.decode(column: "detection_key", as: String.self),
                    scanner: ScanFormat(rawValue: try row.decode(column: "scanner", as: String.self)),
                    present: try row.decode(column: "present", as: Bool.self), name: try row.decode(column: "name", as: String.self),
                    severity: try row.decode(column: "severity", as: String.self), cvss: try row.decode(column: "cvss", as: Double?.self),
                    cves: try row.decode(column: "cves", as: String.self), port: try row.decode(column: "port", as: Int?.self),
                    proto: try row.decode(column: "protocol", as: String?.self), evidence: try row.decode(column: "evidence", as: String?.self),
                    solution: try row.decode(column: "solution", as: String?.self))
                result[detection.findingID, default: []].append(detection)
            }
        }
        return result
    }

    /// New findings in multi-row INSERTs.
    static func insertFindings(_ findings: [NewFinding], unitID: UUID, now: Date, on db: any Database) async throws {
        let sql = VulnerabilityStore.sql(db)
        for chunk in findings.chunked(400) {
            let rows: [[any SQLExpression]] = chunk.map { f in
                let closed = !f.status.isActive
                return [SQLBind(f.id), SQLBind(unitID), SQLBind(f.assetID), SQLBind(f.systemID), SQLBind(f.subject),
                        SQLBind(f.status.rawValue), SQLBind(true), SQLBind(false), SQLBind(true),
                        SQLBind(f.facts.severity?.rawValue), SQLBind(f.facts.score), SQLBind(f.facts.kev), SQLBind(f.facts.kevDueDate),
                        SQLBind(f.facts.epss), SQLBind(""), SQLBind(""), SQLBind(now), SQLBind(now), SQLBind(f.facts.dueAt),
                        SQLBind(closed ? now : nil), SQLBind(Date?.none), SQLBind(f.note), SQLBind(closed ? now : nil),
                        SQLBind(closed ? "scan" : nil)]
            }
            try await sql.insert(into: Finding.schema)
                .columns("id", "unit_id", "asset_id", "system_id", "cve_id", "status", "certain", "still_matches", "scan_present",
                         "severity", "cvss_score", "kev", "kev_due_date", "epss_score", "matched_cpe", "criterion", "first_seen",
                         "last_seen", "due_at", "resolved_at", "accepted_until", "status_note", "status_changed_at",
                         "status_changed_by")
                .rows(rows)
                .run()
        }
    }

    /// New detections in multi-row INSERTs.
    static func insertDetections(_ detections: [NewDetection], scanID: UUID, now: Date, on db: any Database) async throws {
        let sql = VulnerabilityStore.sql(db)
        for chunk in detections.chunked(400) {
            let rows: [[any SQLExpression]] = chunk.map { d in
                let r = d.result
                return [SQLBind(UUID()), SQLBind(d.findingID), SQLBind(scanID), SQLBind(UUID?.none), SQLBind(d.key),
                        SQLBind(d.key.prefix(while: { $0 != "|" }).description), SQLBind(r.ruleID), SQLBind(r.name),
                        SQLBind(r.severity.rawValue), SQLBind(r.cvss), SQLBind(r.cves.joined(separator: ",")), SQLBind(r.port),
                        SQLBind(r.proto), SQLBind(r.evidence), SQLBind(r.solution), SQLBind(true), SQLBind(now), SQLBind(now)]
            }
            try await sql.insert(into: FindingDetection.schema)
                .columns("id", "finding_id", "scan_id", "closed_by_scan_id", "detection_key", "scanner", "rule_id", "name",
                         "severity", "cvss", "cves", "port", "protocol", "evidence", "solution", "present", "first_seen", "last_seen")
                .rows(rows)
                .run()
        }
    }

    /// The fields a status change leaves on a finding; findings left alike are written by one UPDATE.
    struct MovedFields: Hashable {
        var status: FindingStatus
        var resolvedAt: Date?
        var statusChangedAt: Date?
        var statusChangedBy: String?
        var statusNote: String?
        var scanPresent: Bool
        var lastSeen: Date

        init(_ finding: Finding) {
            status = finding.status
            resolvedAt = finding.resolvedAt
            statusChangedAt = finding.statusChangedAt
            statusChangedBy = finding.statusChangedBy
            statusNote = finding.statusNote
            scanPresent = finding.scanPresent
            lastSeen = finding.lastSeen
        }
    }

    /// Status changes made by the import (a re-scan can close tens of thousands), each audited with the finding
    /// before and after: decided on the models, then written as one UPDATE per group of findings left alike and the
    /// audit entries in multi-row INSERTs.
    static func applyMoves(_ moves: [UUID: StatusMove], now: Date, by principal: Principal?, on db: any Database) async throws {
        for chunk in Array(moves.keys).chunked(500) {
            var groups: [MovedFields: [UUID]] = [:]
            var entries: [AuditEntry] = []
            for finding in try await Finding.query(on: db).filter(\.$id ~~ Array(chunk)).all() {
                guard let id = finding.id, let move = moves[id] else { continue }
                let before = finding.dto(now: now)
                _ = MatchingService.move(finding, to: move.to, now: now, note: move.note)
                finding.statusChangedBy = "scan"
                finding.scanPresent = move.present
                if move.present { finding.lastSeen = now }
                groups[MovedFields(finding), default: []].append(id)
                entries.append(Audit.entry(move.vex ? "finding.vex" : "finding.status", entity: "finding", id: id.uuidString,
                                           unitID: finding.$unit.id, before: before, after: finding.dto(now: now),
                                           by: principal, at: now))
            }
            for (fields, ids) in groups {
                try await Finding.query(on: db).set(\.$status, to: fields.status).set(\.$resolvedAt, to: fields.resolvedAt)
                    .set(\.$statusChangedAt, to: fields.statusChangedAt).set(\.$statusChangedBy, to: fields.statusChangedBy)
                    .set(\.$statusNote, to: fields.statusNote).set(\.$scanPresent, to: fields.scanPresent)
                    .set(\.$lastSeen, to: fields.lastSeen).filter(\.$id ~~ ids).update()
            }
            for batch in entries.chunked(100) { try await Array(batch).create(on: db) }
        }
    }
}
