import Foundation

/// The unit that reported an incident, and whom to contact there, as exported to STIX and MISP.
public struct IncidentExportReporter: Sendable, Hashable {
    /// The unit's identifier in Trực ATTT; also the UUID of its STIX `identity`.
    public var unitID: UUID
    /// The unit's name ("Sở Tài chính tỉnh …").
    public var name: String
    /// The person to contact about the incident.
    public var contactName: String?
    /// Their e-mail address.
    public var contactEmail: String?
    /// Their telephone number.
    public var contactPhone: String?

    public init(unitID: UUID, name: String, contactName: String? = nil, contactEmail: String? = nil,
                contactPhone: String? = nil) {
        self.unitID = unitID
        self.name = name
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.contactPhone = contactPhone
    }

    /// The contact details on one line, "Nguyễn Văn A; a@so.gov.vn; 0123 456 789", blank parts left out;
    /// nil when there are none.
    public var contactLine: String? {
        let parts = [contactName, contactEmail, contactPhone]
            .compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
