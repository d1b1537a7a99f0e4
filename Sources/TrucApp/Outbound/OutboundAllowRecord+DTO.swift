import TrucCore
import Foundation
import Vapor

/// One allow-list entry as the API shows it.
struct OutboundAllowEntryDTO: Content, Equatable {
    var id: UUID
    /// nil: applies to the whole province.
    var unitID: UUID?
    /// "range" or "name".
    var kind: String
    /// "10.1.0.0/16", "intranet.so-a.gov.vn", "*.so-a.gov.vn".
    var value: String
    var note: String
    var createdAt: Date?
}

/// Body of POST /api/v1/outbound-allow-list.
struct OutboundAllowInput: Content, LimitedInput {
    /// A range (CIDR or one address) or a host name ("*." for every name below one).
    var value: String
    /// Only this unit's monitors and webhooks; omitted for the whole province.
    var unitID: UUID?
    /// Why (required: the audit log should say it).
    var note: String
}

extension OutboundAllowRecord {
    func dto() -> OutboundAllowEntryDTO {
        OutboundAllowEntryDTO(id: id ?? UUID(), unitID: unitID, kind: kind, value: value, note: note, createdAt: createdAt)
    }
}

extension OutboundAllowInput {
    func checkLimits(_ check: inout TextLimitCheck) {
        check.text("value", value, TextLimit.host)
        check.text("note", note, OutboundAllowList.maxNoteLength)
    }
}
