import Fluent
import Foundation
import SQLKit
import TrucCore

/// The CVE facts a finding carries (severity, score, KEV, EPSS) and the deadline they give it: the one place where
/// the SLA rule meets a finding, for CPE matching (through the model) and for scan imports (as plain rows).
struct FindingFacts: Equatable {
    var severity: CVSSSeverity?
    var score: Double?
    var kev: Bool
    var kevDueDate: String?
    var epss: Double?
    var dueAt: Date?

    init(severity: CVSSSeverity?, score: Double?, kev: Bool, kevDueDate: String?, epss: Double?, dueAt: Date?) {
        self.severity = severity
        self.score = score
        self.kev = kev
        self.kevDueDate = kevDueDate
        self.epss = epss
        self.dueAt = dueAt
    }

    /// The facts of a `findings` row read with the columns `severity`, `cvss_score`, `kev`, `kev_due_date`,
    /// `epss_score` and `due_at`.
    init(row: any SQLRow) throws {
        self.init(severity: try row.decode(column: "severity", as: String?.self).flatMap(CVSSSeverity.init(rawValue:)),
                  score: try row.decode(column: "cvss_score", as: Double?.self),
                  kev: try row.decode(column: "kev", as: Bool.self),
                  kevDueDate: try row.decode(column: "kev_due_date", as: String?.self),
                  epss: try row.decode(column: "epss_score", as: Double?.self),
                  dueAt: try row.decode(column: "due_at", as: Date?.self))
    }

    /// The facts of `fact` with the deadline of a finding first seen at `firstSeen` on a system of `level`.
    init(_ fact: VulnerabilityFacts, firstSeen: Date, level: Int?, policy: SLAPolicy, zone: TimeZone) {
        self.init(severity: fact.severity, score: fact.score, kev: fact.kev, kevDueDate: fact.kevDueDate, epss: fact.epss,
                  dueAt: policy.deadline(firstSeen: firstSeen, severity: fact.severity, level: level, kev: fact.kev, epss: fact.epss,
                                         kevDueDate: fact.kev ? SLASettings.kevDeadline(fact.kevDueDate, zone: zone) : nil))
    }

    /// Sets the fields that differ on the model (so that `hasChanges` tells whether anything moved).
    func copy(onto finding: Finding) {
        if finding.severity != severity { finding.severity = severity }
        if finding.cvssScore != score { finding.cvssScore = score }
        if finding.kev != kev { finding.kev = kev }
        if finding.kevDueDate != kevDueDate { finding.kevDueDate = kevDueDate }
        if finding.epssScore != epss { finding.epssScore = epss }
        if finding.dueAt != dueAt { finding.dueAt = dueAt }
    }

    /// Writes the facts onto the stored finding `id` with one UPDATE.
    func store(on id: UUID, _ db: any Database) async throws {
        try await Finding.query(on: db).set(\.$severity, to: severity).set(\.$cvssScore, to: score).set(\.$kev, to: kev)
            .set(\.$kevDueDate, to: kevDueDate).set(\.$epssScore, to: epss).set(\.$dueAt, to: dueAt)
            .filter(\.$id == id).update()
    }
}
