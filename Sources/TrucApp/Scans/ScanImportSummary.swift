import Foundation
import TrucCore
import Vapor

/// What one scan import did, for the API, the page's flash message and `truc import-scan`.
struct ScanImportSummary: Content, Equatable {
    var scanID: UUID
    var format: ScanFormat
    var tool: String?
    var fileName: String
    var sha256: String
    var hosts: Int
    var results: Int
    /// Results that are findings (informational ones are not).
    var findingResults: Int
    var cves: Int
    var findingsNew: Int
    var findingsUnchanged: Int
    var findingsClosed: Int
    var findingsReopened: Int
    /// Findings marked false positive by a VEX statement.
    var vexMarked: Int
    var assetsCreated: Int
    var assetsUpdated: Int
    var problems: [String]
    /// CPE matching of the assets the import created or changed.
    var matching: MatchSummary

    var line: String {
        "\(format.rawValue): \(hosts) host(s), \(results) result(s) (\(findingResults) finding result(s), \(cves) CVE(s)); "
            + "findings: \(findingsNew) new, \(findingsUnchanged) unchanged, \(findingsClosed) closed, \(findingsReopened) reopened, "
            + "\(vexMarked) marked by VEX; assets: \(assetsCreated) created, \(assetsUpdated) updated"
    }
}
