import Testing
import TrucCore

@Suite struct CVSSSeverityTests {
    @Test(arguments: [
        (0.0, CVSSSeverity.none), (0.1, .low), (2.0, .low), (3.9, .low), (4.0, .medium), (6.9, .medium),
        (7.0, .high), (8.9, .high), (9.0, .critical), (10.0, .critical),
    ])
    func v3AndV4Bands(score: Double, expected: CVSSSeverity) {
        #expect(CVSSSeverity(score: score) == expected)
    }

    @Test(arguments: [
        (0.0, CVSSSeverity.low), (3.9, .low), (4.0, .medium), (6.9, .medium), (7.0, .high), (10.0, .high),
    ])
    func v2Bands(score: Double, expected: CVSSSeverity) {
        #expect(CVSSSeverity(v2Score: score) == expected)
    }

    @Test func labels() {
        #expect(CVSSSeverity.allCases.map(\.vietnamese) == ["Không", "Thấp", "Trung bình", "Cao", "Nghiêm trọng"])
        #expect(CVSSSeverity.allCases.map(\.english) == ["None", "Low", "Medium", "High", "Critical"])
    }

    @Test func orderedFromNoneToCritical() {
        #expect(CVSSSeverity.allCases.sorted() == [.none, .low, .medium, .high, .critical])
        #expect(CVSSSeverity.high > .medium)
        #expect(CVSSSeverity.allCases.map(\.rank) == [0, 1, 2, 3, 4])
        #expect(CVSSSeverity(rawValue: "critical") == .critical)
    }
}
