import Fluent
import Foundation
import TrucCore
import Vapor

/// A finding as the API shows it.
struct FindingDTO: Content, Equatable {
    var id: UUID
    var unitID: UUID
    var assetID: UUID
    var assetName: String?
    var systemID: UUID?
    var cveID: String
    var status: FindingStatus
    /// False when the match is possible only (e.g. the asset's version is unknown): verify it.
    var certain: Bool
    var stillMatches: Bool
    var severity: CVSSSeverity?
    var cvssScore: Double?
    var kev: Bool
    var kevDueDate: String?
    /// The CVE's EPSS score, percentile and score date (absent when FIRST did not score it).
    var epss: EPSSDTO?
    var matchedCPE: String
    var criterion: String
    var firstSeen: Date
    var dueAt: Date?
    var overdue: Bool
    var resolvedAt: Date?
    var acceptedUntil: Date?
    var statusNote: String?
    var statusChangedAt: Date?
    var statusChangedBy: String?
}

extension Finding {
    /// `epss`: the CVE's stored EPSS score (`EPSSRecord.lookup`), when the caller loaded it.
    func dto(now: Date = Date(), epss: EPSSDTO? = nil) -> FindingDTO {
        FindingDTO(id: id!, unitID: $unit.id, assetID: $asset.id, assetName: $asset.value?.name, systemID: $system.id,
                   cveID: $vulnerability.id, status: status, certain: certain, stillMatches: stillMatches, severity: severity,
                   cvssScore: cvssScore, kev: kev, kevDueDate: kevDueDate, epss: epss, matchedCPE: matchedCPE, criterion: criterion,
                   firstSeen: firstSeen, dueAt: dueAt, overdue: SLAPolicy.isOverdue(deadline: dueAt, status: status, now: now),
                   resolvedAt: resolvedAt, acceptedUntil: acceptedUntil, statusNote: statusNote, statusChangedAt: statusChangedAt,
                   statusChangedBy: statusChangedBy)
    }
}

/// Body of POST /findings/{findingID}/status.
struct FindingStatusInput: Content, LimitedInput {
    var status: FindingStatus
    var note: String?
    /// Required for risk_accepted: when the acceptance expires and the finding reopens.
    var acceptedUntil: Date?

    func checkLimits(_ check: inout TextLimitCheck) { check.text("note", note, AdvisoryStateInput.noteLimit) }
}

/// Counts for the findings summary (per severity, KEV, overdue).
struct FindingSummaryDTO: Content, Equatable {
    var active: Int
    var overdue: Int
    var kev: Int
    var bySeverity: [String: Int]
}
