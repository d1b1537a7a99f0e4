import Fluent
import Foundation
import TrucCore

/// One unit an advisory concerns: how many of its assets match, and its acknowledgement and remediation state.
final class AdvisoryUnit: Model, @unchecked Sendable {
    static let schema = "advisory_units"

    @ID(key: .id) var id: UUID?
    @Parent(key: "advisory_id") var advisory: Advisory
    @Parent(key: "unit_id") var unit: OrgUnit
    @Field(key: "matched_assets") var matchedAssets: Int
    /// Newline-separated names of (up to 50 of) the matching assets.
    @Field(key: "asset_names") var assetNamesText: String
    @Field(key: "state") var state: AdvisoryUnitState
    @OptionalField(key: "notified_at") var notifiedAt: Date?
    @OptionalField(key: "acknowledged_at") var acknowledgedAt: Date?
    @OptionalField(key: "acknowledged_by") var acknowledgedBy: String?
    @OptionalField(key: "remediated_at") var remediatedAt: Date?
    @OptionalField(key: "note") var note: String?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var assetNames: [String] { assetNamesText.split(separator: "\n").map(String.init) }
}
