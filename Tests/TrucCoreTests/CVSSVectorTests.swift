import Testing
import TrucCore

@Suite struct CVSSVectorTests {
    @Test(arguments: [
        ("AV:N/AC:L/Au:N/C:P/I:P/A:P", "2.0", 7.5, CVSSSeverity.high),
        ("(AV:L/AC:H/Au:N/C:C/I:C/A:C)", "2.0", 6.2, .medium),
        ("CVSS2#AV:N/AC:M/Au:N/C:N/I:P/A:N", "2.0", 4.3, .medium),
        ("CVSS:2.0/AV:N/AC:M/Au:N/C:N/I:P/A:N", "2.0", 4.3, .medium),
        ("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "3.0", 6.1, .medium),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "3.1", 9.8, .critical),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", "3.1", 0.0, .none),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "4.0", 9.3, .critical),
        ("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", "4.0", 1.0, .low),
    ])
    func detectsTheVersion(input: String, version: String, baseScore: Double, severity: CVSSSeverity) throws {
        let vector = try CVSSVector(parsing: input)
        #expect(vector.version == version)
        #expect(vector.baseScore == baseScore)
        #expect(vector.severity == severity)
        #expect(vector.score == baseScore)
        switch vector {
        case .v2: #expect(version == "2.0")
        case .v3(let v3): #expect(v3.version == version)
        case .v4: #expect(version == "4.0")
        }
    }

    @Test func scoreIsTheMostSpecificOne() throws {
        let v2 = try CVSSVector(parsing: "AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H")
        #expect(v2.baseScore == 7.8)
        #expect(v2.score == 9.2)
        let v3 = try CVSSVector(parsing: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C")
        #expect(v3.baseScore == 9.8)
        #expect(v3.score == 8.8)
        let v4 = try CVSSVector(parsing: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U")
        #expect(v4.baseScore == 9.3)
        #expect(v4.score == 8.1)
        #expect(v4.vectorString == "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U")
        #expect(v4.description == v4.vectorString)
    }

    @Test(arguments: [
        ("", CVSSError.empty),
        (" \t\n", .empty),
        ("CVSS:5.0/AV:N", .unsupportedVersion("CVSS:5.0")),
        ("CVSS:2.1/AV:N/AC:L/Au:N/C:P/I:P/A:P", .unsupportedVersion("CVSS:2.1")),
        ("cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .wrongPrefix("cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")),
        ("9.8", .wrongPrefix("9.8")),
        ("CVSS:3.1/AV:N/AC:L", .missingMetric("PR")),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/C:L", .duplicateMetric("C")),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/Foo:1", .unknownMetric("Foo", version: "4.0")),
        ("AV:N/AC:L/Au:N/C:P/I:P/A:Q", .invalidValue(metric: "A", value: "Q")),
    ])
    func rejects(input: String, expected: CVSSError) {
        #expect(throws: expected) { try CVSSVector(parsing: input) }
    }

    @Test func errorMessages() {
        #expect(CVSSError.unknownMetric("Foo", version: "4.0").description == "Unknown CVSS 4.0 metric \"Foo\".")
        #expect(CVSSError.duplicateMetric("AV").description == "Metric AV appears more than once.")
        #expect(CVSSError.missingMetric("S").description == "Mandatory metric S is missing.")
        #expect(CVSSError.invalidValue(metric: "AV", value: "Q").description
            == "\"Q\" is not a valid value for metric AV.")
        #expect(CVSSError.wrongPrefix("foo").description.contains("expected the prefix CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/"))
        #expect(CVSSError.missingMetric("S").vietnamese == "Thiếu chỉ số bắt buộc S.")
        #expect(CVSSError.duplicateMetric("AV").vietnamese == "Chỉ số AV xuất hiện nhiều lần.")
        let all: [CVSSError] = [
            .empty, .wrongPrefix("x"), .unsupportedVersion("CVSS:9.9"), .malformedComponent("x"),
            .unknownMetric("x", version: "3.1"), .duplicateMetric("x"), .missingMetric("x"),
            .invalidValue(metric: "x", value: "y"),
        ]
        #expect(Set(all.map(\.english)).count == all.count)
        #expect(Set(all.map(\.vietnamese)).count == all.count)
        #expect(all.allSatisfy { $0.description == $0.english })
    }
}
