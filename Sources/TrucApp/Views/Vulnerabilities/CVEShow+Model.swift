import Fluent
import Foundation
import TrucCore

/// One CVE: scores, KEV, the affected assets in the person's units, affected products, CSAF notes, references.
enum CVEShow {}

extension CVEShow {
    struct Model {
        let id: String
        let vulnerability: CVEDTO
        /// With their assets loaded.
        let findings: [Finding]
        let now: Date
        /// The signature state of the stored CSAF documents, by `CVEShow.Model.documentKey`.
        var csafSignatures: [String: CSAFOrigin.Signature] = [:]

        static func documentKey(trackingID: String, publisher: String) -> String { trackingID + "\u{0}" + publisher }
    }
}
