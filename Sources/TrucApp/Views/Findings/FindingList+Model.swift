import Fluent
import Foundation
import TrucCore

/// The findings on assets the person may read: summary cards, a chart by severity, filters, the paged table.
enum FindingList {}

extension FindingList {
    struct Model {
        let findings: [Finding]
        /// The EPSS scores of the findings' CVEs, by CVE id.
        var epss: [String: EPSSDTO] = [:]
        let metadata: PageMetadata
        let summary: FindingSummaryDTO
        /// Units for the filter: "code — name".
        let units: [(id: UUID, label: String)]
        let systems: [(id: UUID, name: String)]
        let selection: Selection
        let now: Date
    }

    /// The filter values as the request gave them (to keep them selected).
    struct Selection {
        var unitID: UUID?
        var systemID: UUID?
        var severity: String?
        var status: String = ""
        var kev: String = ""
        var overdue: String = ""
        /// `FindingSort` raw value.
        var sort: String = FindingSort.deadline.rawValue
    }
}
