import Fluent
import Foundation
import TrucCore

/// A unit's scan history: every report and SBOM imported, newest first, with the upload form.
enum ScanHistory {}

extension ScanHistory {
    struct Model {
        let unit: OrgUnit
        let scans: [ScanImport]
        let metadata: PageMetadata
        let canImport: Bool
        let maxMegabytes: Int
    }
}
