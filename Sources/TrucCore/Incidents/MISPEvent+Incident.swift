import Foundation

extension MISPEvent {
    /// The MISP event of an incident:
    /// - `uuid` the incident's; `info` "SC-2026-0001: title"; `date` the day of detection at `utcOffsetSeconds`
    ///   (Vietnam's +07:00 by default); `timestamp` `now`, the export time, so that a MISP instance that already has
    ///   the event takes this copy as the newer one; `published` false;
    /// - `analysis` from the status (`analysis(forStatus:)`), `threat_level_id` from the severity
    ///   (`threatLevelID(forSeverity:)`), `distribution` from the TLP and confidentiality
    ///   (`distribution(for:confidential:)`);
    /// - `Orgc` named `orgName`; a `tlp:` tag with the TLP 2.0 name;
    /// - one attribute per distinct observable (see `MISPAttribute.init(observable:eventUUID:timestamp:)`), stamped
    ///   `now` and distributed like the event.
    public static func make(from incident: IncidentExport, orgName: String, now: Date,
                            utcOffsetSeconds: Int = 7 * 3600) -> MISPEvent {
        let timestamp = String(now.unixSeconds)
        return MISPEvent(
            uuid: incident.id.lowercasedString,
            info: "\(incident.reference): \(incident.title)",
            date: incident.detectedAt.calendarDay(offsetSeconds: utcOffsetSeconds),
            timestamp: timestamp,
            published: false,
            analysis: analysis(forStatus: incident.status),
            threatLevelID: threatLevelID(forSeverity: incident.severity),
            distribution: distribution(for: incident.tlp, confidential: incident.confidential),
            orgName: orgName,
            tags: [incident.tlp.mispTag],
            attributes: incident.uniqueObservables.map {
                MISPAttribute(observable: $0, eventUUID: incident.id, timestamp: timestamp)
            })
    }

    /// Statuses read as MISP's "0" (initial): the incident is reported but nobody has worked on it yet.
    public static let initialStatuses: Set<String> = ["new", "draft", "reported", "received", "submitted", "open"]
    /// Statuses read as MISP's "2" (completed).
    public static let completedStatuses: Set<String> = ["closed", "resolved", "done", "completed", "final", "finalized",
                                                        "rejected", "duplicate"]

    /// MISP's analysis level of a status, compared in lower case: "0" for `initialStatuses`, "2" for
    /// `completedStatuses`, "1" (ongoing) for any other (triage, investigating, contained, recovering, …).
    public static func analysis(forStatus status: String) -> String {
        let key = status.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if initialStatuses.contains(key) { return "0" }
        if completedStatuses.contains(key) { return "2" }
        return "1"
    }

    /// MISP's threat level of a severity, compared in lower case: critical and high → "1" (high), medium →
    /// "2", low → "3", none or anything else → "4" (undefined). The Vietnamese words ("nghiêm trọng", "cao",
    /// "trung bình", "thấp") are understood too.
    public static func threatLevelID(forSeverity severity: String?) -> String {
        switch severity?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
        case "critical", "high", "nghiêm trọng", "cao": "1"
        case "medium", "moderate", "trung bình": "2"
        case "low", "thấp": "3"
        default: "4"
        }
    }

    /// MISP's distribution for a TLP level: RED, AMBER+STRICT and AMBER → "0" (the receiving organisation only),
    /// GREEN → "1" (this community), CLEAR → "3" (all communities); a confidential incident is always "0".
    public static func distribution(for tlp: TLP, confidential: Bool) -> String {
        if confidential { return "0" }
        switch tlp {
        case .red, .amberStrict, .amber: return "0"
        case .green: return "1"
        case .clear: return "3"
        }
    }
}
