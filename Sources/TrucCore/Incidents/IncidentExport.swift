import Foundation

/// What the STIX 2.1 and MISP exports need to know about an incident: a plain value, filled by the application
/// from its records, so that the exports are pure functions of it (and of the export time).
public struct IncidentExport: Sendable, Hashable {
    /// The incident's identifier; also the UUID of the STIX `incident` and of the MISP event.
    public var id: UUID
    /// The human reference, "SC-2026-0001".
    public var reference: String
    /// A one-line title.
    public var title: String
    /// What happened, in the reporter's words.
    public var description: String
    /// When the incident was recorded.
    public var createdAt: Date
    /// When its record last changed.
    public var modifiedAt: Date
    /// When the incident was detected.
    public var detectedAt: Date
    /// When it was reported to the province, if it was.
    public var reportedAt: Date?
    /// The workflow status, as the application names it ("new", "triage", "investigating", "closed", …).
    public var status: String
    /// "critical", "high", "medium", "low", or nil when not assessed.
    public var severity: String?
    /// The kind of incident, as the application names it ("malware", "phishing", "defacement", …).
    public var category: String?
    /// Who may receive the export.
    public var tlp: TLP
    /// The unit that reported the incident.
    public var reporter: IncidentExportReporter
    /// The observables (indicators) of the incident, CVE identifiers included.
    public var observables: [Observable]
    /// Whether the incident is confidential: its reporter's contact details are then left out of the exports and
    /// the MISP event is restricted to the producing organisation whatever the TLP.
    public var confidential: Bool

    public init(id: UUID, reference: String, title: String, description: String, createdAt: Date, modifiedAt: Date,
                detectedAt: Date, reportedAt: Date? = nil, status: String, severity: String? = nil,
                category: String? = nil, tlp: TLP, reporter: IncidentExportReporter, observables: [Observable],
                confidential: Bool = false) {
        self.id = id
        self.reference = reference
        self.title = title
        self.description = description
        self.createdAt = createdAt
        self.modifiedAt = modifiedAt
        self.detectedAt = detectedAt
        self.reportedAt = reportedAt
        self.status = status
        self.severity = severity
        self.category = category
        self.tlp = tlp
        self.reporter = reporter
        self.observables = observables
        self.confidential = confidential
    }

    /// The observables without repetitions, in their first order.
    public var uniqueObservables: [Observable] {
        var seen = Set<Observable>()
        return observables.filter { seen.insert($0).inserted }
    }

    /// The CVE identifiers among the observables, without repetitions, in their first order.
    public var cveIDs: [String] {
        uniqueObservables.filter { $0.kind == .cve }.map(\.value)
    }
}
