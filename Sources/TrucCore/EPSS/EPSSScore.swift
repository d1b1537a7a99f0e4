import Foundation

/// One row of FIRST's EPSS file: the probability (0…1) that a CVE is exploited in the next 30 days, and where
/// that score stands among all scored CVEs (percentile, 0…1).
public struct EPSSScore: Sendable, Hashable {
    /// The CVE id, upper case ("CVE-2024-3400").
    public var cveID: String
    /// The EPSS probability, 0…1.
    public var score: Double
    /// The share of scored CVEs with a lower or equal score, 0…1.
    public var percentile: Double

    public init(cveID: String, score: Double, percentile: Double) {
        self.cveID = cveID
        self.score = score
        self.percentile = percentile
    }
}
