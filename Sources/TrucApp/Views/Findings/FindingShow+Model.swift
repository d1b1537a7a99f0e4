import Fluent
import Foundation
import TrucCore

/// One finding: the CVE on the asset, its deadline and match, and the form that moves it through its workflow.
enum FindingShow {}

extension FindingShow {
    struct Model {
        /// With its asset loaded.
        let finding: Finding
        let summary: String?
        let system: (name: String, securityLevel: Int)?
        /// The statuses the person may move the finding to (empty: no form).
        let nextStatuses: [FindingStatus]
        let now: Date
        /// The CVE's EPSS score, if FIRST scored it.
        var epss: EPSSDTO? = nil
        /// The scanners' results behind the finding, present ones first (at most 50).
        var detections: [FindingDetection] = []
    }
}
