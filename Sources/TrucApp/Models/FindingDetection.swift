import Fluent
import Foundation
import TrucCore

/// A scanner's result behind a finding: which rule fired, where, what it saw and what it advises. A finding found by
/// CPE matching and by a scanner has both (its matched CPE, and one detection per scanner rule and port).
final class FindingDetection: Model, @unchecked Sendable {
    static let schema = "finding_detections"

    @ID(key: .id) var id: UUID?
    @Parent(key: "finding_id") var finding: Finding
    /// The last import that reported it.
    @OptionalParent(key: "scan_id") var scan: ScanImport?
    /// The import that no longer reported it (the host was covered, the result was gone).
    @OptionalParent(key: "closed_by_scan_id") var closedByScan: ScanImport?
    /// `format|rule|proto/port`: one detection per rule and port of a finding.
    @Field(key: "detection_key") var detectionKey: String
    @Field(key: "scanner") var scanner: ScanFormat
    @Field(key: "rule_id") var ruleID: String
    @Field(key: "name") var name: String
    @Field(key: "severity") var severity: ScanSeverity
    @OptionalField(key: "cvss") var cvss: Double?
    /// Comma-separated CVE ids the result named.
    @Field(key: "cves") var cves: String
    @OptionalField(key: "port") var port: Int?
    @OptionalField(key: "protocol") var proto: String?
    @OptionalField(key: "evidence") var evidence: String?
    @OptionalField(key: "solution") var solution: String?
    /// Whether the last report covering the host still had the result.
    @Field(key: "present") var present: Bool
    @Field(key: "first_seen") var firstSeen: Date
    @Field(key: "last_seen") var lastSeen: Date

    init() {}
}
