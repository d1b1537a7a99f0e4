import Testing
import TrucCore

@Suite struct CVSSv2Tests {
    /// The three worked examples of "A Complete Guide to the CVSS Version 2.0", section 3.3.
    @Test(arguments: [
        // CVE-2002-0392 (Apache chunked encoding)
        ("AV:N/AC:L/Au:N/C:N/I:N/A:C", "E:F/RL:OF/RC:C", "CDP:H/TD:H/CR:M/IR:M/AR:H", 7.8, 6.4, 9.2),
        // CVE-2003-0818 (Microsoft ASN.1)
        ("AV:N/AC:L/Au:N/C:C/I:C/A:C", "E:F/RL:OF/RC:C", "CDP:H/TD:H/CR:M/IR:M/AR:L", 10.0, 8.3, 9.0),
        // CVE-2003-0062 (NOD32 buffer overflow)
        ("AV:L/AC:H/Au:N/C:C/I:C/A:C", "E:POC/RL:OF/RC:C", "CDP:H/TD:H/CR:M/IR:M/AR:M", 6.2, 4.9, 7.5),
    ])
    func guideExamples(base: String, temporal: String, environmental: String,
                       baseScore: Double, temporalScore: Double, environmentalScore: Double) throws {
        let baseOnly = try CVSSv2(parsing: base)
        #expect(baseOnly.baseScore == baseScore)
        #expect(baseOnly.temporalScore == nil)
        #expect(baseOnly.environmentalScore == nil)

        let full = try CVSSv2(parsing: "(\(base)/\(temporal)/\(environmental))")
        #expect(full.baseScore == baseScore)
        #expect(full.temporalScore == temporalScore)
        #expect(full.environmentalScore == environmentalScore)
    }

    @Test func subscoresAndSeverity() throws {
        let vector = try CVSSv2(parsing: "AV:N/AC:L/Au:N/C:P/I:P/A:P")
        #expect(vector.baseScore == 7.5)
        #expect(abs(vector.impactSubscore - 6.442_976_718_75) < 1e-9)
        #expect(abs(vector.exploitabilitySubscore - 9.996_8) < 1e-9)
        #expect(vector.severity == .high)
        #expect(vector.version == "2.0")
        #expect(vector["Au"] == "N")

        let none = try CVSSv2(parsing: "AV:N/AC:L/Au:N/C:N/I:N/A:N")
        #expect(none.baseScore == 0)
        #expect(none.severity == .low) // v2 has no "None" band
        #expect(try CVSSv2(parsing: "AV:L/AC:H/Au:M/C:P/I:N/A:N").severity == .low)
        #expect(try CVSSv2(parsing: "AV:N/AC:M/Au:N/C:P/I:P/A:N").severity == .medium)
    }

    @Test func acceptedForms() throws {
        let plain = try CVSSv2(parsing: "AV:N/AC:L/Au:N/C:P/I:P/A:P")
        #expect(try CVSSv2(parsing: "(AV:N/AC:L/Au:N/C:P/I:P/A:P)") == plain)
        #expect(try CVSSv2(parsing: "  CVSS2#AV:N/AC:L/Au:N/C:P/I:P/A:P\n") == plain)
        // Any order; the vector string comes back in the guide's order, without "ND" metrics.
        let shuffled = try CVSSv2(parsing: "A:P/C:P/Au:N/AV:N/I:P/AC:L/E:ND/RL:OF")
        #expect(shuffled.vectorString == "AV:N/AC:L/Au:N/C:P/I:P/A:P/RL:OF")
        #expect(shuffled.description == shuffled.vectorString)
        #expect(shuffled.temporalScore == 6.5) // 7.5 × 0.87 = 6.525 → 6.5
    }

    /// With a low security requirement the adjusted base equation goes below zero; the guide carries it on.
    @Test func environmentalScoreWithNegativeAdjustedBase() throws {
        let vector = try CVSSv2(parsing: "AV:L/AC:H/Au:M/C:N/I:N/A:P/E:ND/RL:W/RC:UR/CDP:L/CR:M/IR:H/AR:L")
        #expect(vector.baseScore == 0.8)
        #expect(vector.temporalScore == 0.7)
        #expect(vector.environmentalScore == 0.8)
    }

    @Test(arguments: [
        ("", CVSSError.empty),
        ("AV:N/AC:L/C:P/I:P/A:P", .missingMetric("Au")),
        ("AV:N/AC:L/Au:N/C:P/I:P/A:P/AV:L", .duplicateMetric("AV")),
        ("AV:N/AC:L/Au:N/C:P/I:P/A:P/XX:Y", .unknownMetric("XX", version: "2.0")),
        ("AV:N/AC:L/Au:N/C:P/I:P/A:H", .invalidValue(metric: "A", value: "H")),
        ("AV:N/AC:L/Au:N/C:P/I:P/A:P/", .malformedComponent("")),
        ("AV:N/AC:L/Au/C:P/I:P/A:P", .malformedComponent("Au")),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .wrongPrefix("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")),
    ])
    func rejects(input: String, expected: CVSSError) {
        #expect(throws: expected) { try CVSSv2(parsing: input) }
    }
}
