import Fluent
import Foundation
import TrucCore

/// An asset affected by a CVE, and where its remediation stands.
final class Finding: Model, @unchecked Sendable {
    static let schema = "findings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: OrgUnit
    @Parent(key: "asset_id") var asset: Asset
    @OptionalParent(key: "system_id") var system: InformationSystem?
    @Parent(key: "cve_id") var vulnerability: Vulnerability
    @Field(key: "status") var status: FindingStatus
    /// True when the configuration certainly matches; false when it may (e.g. the asset's version is unknown).
    @Field(key: "certain") var certain: Bool
    /// False once the asset no longer matches the CVE (upgraded, CPE changed, CVE configuration changed).
    @Field(key: "still_matches") var stillMatches: Bool
    /// True while a scanner's last report on the asset has the finding (see `FindingDetection`): matching alone
    /// does not close it then.
    @Field(key: "scan_present") var scanPresent: Bool
    @OptionalField(key: "severity") var severity: CVSSSeverity?
    @OptionalField(key: "cvss_score") var cvssScore: Double?
    @Field(key: "kev") var kev: Bool
    @OptionalField(key: "kev_due_date") var kevDueDate: String?
    /// The CVE's EPSS score (0…1) copied from `epss_scores`, for the priority sort and the SLA priority rule.
    @OptionalField(key: "epss_score") var epssScore: Double?
    @Field(key: "matched_cpe") var matchedCPE: String
    @Field(key: "criterion") var criterion: String
    @Field(key: "first_seen") var firstSeen: Date
    @Field(key: "last_seen") var lastSeen: Date
    @OptionalField(key: "due_at") var dueAt: Date?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @OptionalField(key: "accepted_until") var acceptedUntil: Date?
    @OptionalField(key: "status_note") var statusNote: String?
    @OptionalField(key: "status_changed_at") var statusChangedAt: Date?
    @OptionalField(key: "status_changed_by") var statusChangedBy: String?

    init() {}
}
