import Foundation
import TrucCore

/// What one CSAF document says about one CVE: kept per document in `Vulnerability.csafJSON` so that re-importing
/// a document replaces its own contribution and leaves the NVD data and other documents alone.
struct CSAFContribution: Codable, Sendable, Equatable {
    var trackingID: String
    var title: String
    var publisher: String
    var configurations: [CPEConfiguration]
    /// "category: details (url)" lines.
    var remediations: [String]
    /// Affected product names without a CPE (cannot be matched automatically).
    var unmatchableProducts: [String]
    /// The document's URL when it came from a CSAF provider; nil for a file imported by hand.
    var sourceURL: String? = nil
    /// The OpenPGP signature state when it came from a provider that publishes keys (`verified`, `unchecked`); nil
    /// otherwise. Optional so that contributions stored before the provider sync decode unchanged.
    var signature: CSAFOrigin.Signature? = nil

    static func decode(_ json: String) -> [String: CSAFContribution] {
        (try? JSONDecoder().decode([String: CSAFContribution].self, from: Data(json.utf8))) ?? [:]
    }

    static func encode(_ value: [String: CSAFContribution]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
