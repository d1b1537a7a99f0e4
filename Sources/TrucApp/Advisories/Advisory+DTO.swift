import Fluent
import Foundation
import TrucCore
import Vapor

/// An advisory as the API shows it; `units` is filled on the detail reply (the board).
struct AdvisoryDTO: Content, Equatable {
    var id: UUID
    var reference: String
    var title: String
    var body: String
    var cves: [String]
    var cpePatterns: [String]
    var requiredAction: String
    var deadline: Date?
    var tlp: TLP
    var publishedAt: Date?
    var createdAt: Date?
    var unitCount: Int?
    var openCount: Int?
    var units: [AdvisoryUnitDTO]?
}

/// One unit's line on an advisory board.
struct AdvisoryUnitDTO: Content, Equatable {
    var unitID: UUID
    var unitCode: String?
    var unitName: String?
    var matchedAssets: Int
    var assetNames: [String]
    var state: AdvisoryUnitState
    var notifiedAt: Date?
    var acknowledgedAt: Date?
    var acknowledgedBy: String?
    var remediatedAt: Date?
    var note: String?
    var overdue: Bool
}

/// Body of POST /advisories and PUT /advisories/{advisoryID} (drafts only).
struct AdvisoryInput: Content, LimitedInput {
    var title: String
    var body: String
    var cves: [String]?
    var cpePatterns: [String]?
    var requiredAction: String
    var deadline: Date?
    var tlp: TLP
    /// true: publish now (compute the affected units and notify them).
    var publish: Bool?

    /// The longest required action: 5,000 characters.
    static let requiredActionLimit = 5_000

    func checkLimits(_ check: inout TextLimitCheck) {
        Self.checkLimits(&check, title: title, body: body, requiredAction: requiredAction)
        check.texts("cves", cves, TextLimit.code)
        check.texts("cpePatterns", cpePatterns, TextLimit.line)
    }

    /// The limits of an advisory's texts, for the API and the web form.
    static func checkLimits(_ check: inout TextLimitCheck, title: String?, body: String?, requiredAction: String?) {
        check.text("title", title, TextLimit.title)
        check.text("body", body, TextLimit.text)
        check.text("requiredAction", requiredAction, requiredActionLimit)
    }
}

/// Body of POST /advisories/{advisoryID}/units/{unitID}/state.
struct AdvisoryStateInput: Content, LimitedInput {
    var state: AdvisoryUnitState
    var note: String?

    /// The longest note of a unit's answer or a finding's status change: 2,000 characters.
    static let noteLimit = 2_000

    func checkLimits(_ check: inout TextLimitCheck) { check.text("note", note, Self.noteLimit) }
}

extension Advisory {
    func dto(units: [AdvisoryUnitDTO]? = nil, unitCount: Int? = nil, openCount: Int? = nil) -> AdvisoryDTO {
        AdvisoryDTO(id: id!, reference: reference, title: title, body: body, cves: cves, cpePatterns: cpePatterns,
                    requiredAction: requiredAction, deadline: deadline, tlp: tlp, publishedAt: publishedAt, createdAt: createdAt,
                    unitCount: unitCount ?? units?.count, openCount: openCount ?? units?.filter { $0.state.isOpen }.count, units: units)
    }
}

extension AdvisoryUnit {
    func dto(unit: OrgUnit?, deadline: Date?, now: Date = Date()) -> AdvisoryUnitDTO {
        AdvisoryUnitDTO(unitID: $unit.id, unitCode: unit?.code, unitName: unit?.name, matchedAssets: matchedAssets,
                        assetNames: assetNames, state: state, notifiedAt: notifiedAt, acknowledgedAt: acknowledgedAt,
                        acknowledgedBy: acknowledgedBy, remediatedAt: remediatedAt, note: note,
                        overdue: state.isOpen && (deadline.map { $0 < now } ?? false))
    }
}
