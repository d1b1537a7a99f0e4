import Fluent
import Foundation
import Vapor

/// A CVE's EPSS score as the API shows it (`epss` of findings and CVEs; absent when FIRST did not score the CVE).
struct EPSSDTO: Content, Equatable {
    /// The probability of exploitation in the next 30 days, 0…1.
    var score: Double
    /// The share of scored CVEs with a lower or equal score, 0…1.
    var percentile: Double
    /// The day of the scores, "yyyy-MM-dd".
    var date: String
}

extension EPSSRecord {
    func dto() -> EPSSDTO {
        EPSSDTO(score: score, percentile: percentile, date: scoreDate)
    }

    /// The stored scores of these CVEs, by CVE id.
    static func lookup(_ ids: some Sequence<String>, on db: any Database) async throws -> [String: EPSSDTO] {
        var result: [String: EPSSDTO] = [:]
        for chunk in Array(Set(ids)).chunked(500) {
            for record in try await EPSSRecord.query(on: db).filter(\.$id ~~ Array(chunk)).all() {
                if let id = record.id { result[id] = record.dto() }
            }
        }
        return result
    }
}
