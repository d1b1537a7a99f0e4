import Foundation
import Testing
import TrucCore

/// Random vectors of every version scored by an independent implementation
/// (see the "source" field of Fixtures/cvss-reference-scores.json), and properties of the v4.0 lookup table.
@Suite struct CVSSReferenceScoresTests {
    static func fixture() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/cvss-reference-scores.json")
        let data = try Data(contentsOf: url)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func entries(_ key: String) throws -> [[String: Any]] {
        try #require(try fixture()[key] as? [[String: Any]])
    }

    @Test func v4ScoresAndMacroVectors() throws {
        let entries = try Self.entries("v4")
        #expect(entries.count == 1200)
        var withThreatOrEnvironment = 0
        for entry in entries {
            let vector = try CVSSv4(parsing: try #require(entry["vector"] as? String))
            let score = try #require(entry["score"] as? Double)
            #expect(vector.score == score, "\(vector)")
            #expect(vector.macroVector == entry["macroVector"] as? String, "\(vector)")
            if let base = entry["baseScore"] as? Double {
                withThreatOrEnvironment += 1
                #expect(vector.baseScore == base, "\(vector)")
            }
        }
        #expect(withThreatOrEnvironment == 600)
    }

    @Test func v31TemporalAndEnvironmentalScores() throws {
        for entry in try Self.entries("v31") {
            let vector = try CVSSv3(parsing: try #require(entry["vector"] as? String))
            #expect(vector.baseScore == entry["baseScore"] as? Double, "\(vector)")
            // The reference computes temporal and environmental scores even when no such metric is defined.
            #expect((vector.temporalScore ?? vector.baseScore) == entry["temporalScore"] as? Double, "\(vector)")
            if let environmental = vector.environmentalScore {
                #expect(environmental == entry["environmentalScore"] as? Double, "\(vector)")
            }
        }
    }

    @Test func v2Scores() throws {
        for entry in try Self.entries("v2") {
            let vector = try CVSSv2(parsing: try #require(entry["vector"] as? String))
            #expect(vector.baseScore == entry["baseScore"] as? Double, "\(vector)")
            #expect(vector.temporalScore == entry["temporalScore"] as? Double, "\(vector)")
            #expect(vector.environmentalScore == entry["environmentalScore"] as? Double, "\(vector)")
        }
    }

    /// The table has a score for each of the 270 possible MacroVectors (EQ3/EQ6 = 2/0 cannot occur),
    /// and a next lower MacroVector never scores higher.
    @Test func macroVectorTableIsCompleteAndMonotone() {
        let table = CVSSv4.macroVectorScores
        #expect(table.count == 270)
        var expectedKeys: Set<String> = []
        for eq1 in 0...2 { for eq2 in 0...1 { for eq3 in 0...2 { for eq4 in 0...2 { for eq5 in 0...2 {
            for eq6 in 0...1 where !(eq3 == 2 && eq6 == 0) {
                expectedKeys.insert("\(eq1)\(eq2)\(eq3)\(eq4)\(eq5)\(eq6)")
            }
        } } } } }
        #expect(Set(table.keys) == expectedKeys)
        for (key, score) in table {
            #expect((0.1...10).contains(score))
            let digits = key.map { Int(String($0))! }
            for position in 0..<6 {
                var lower = digits
                lower[position] += 1
                if let lowerScore = table[lower.map(String.init).joined()] {
                    #expect(lowerScore <= score, "\(key) → \(lower)")
                }
            }
        }
    }
}
