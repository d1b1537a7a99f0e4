import Testing
import TrucCore

@Suite struct CVSSv4Tests {
    /// Vectors whose scores were published by FIRST's calculator, NVD or the CNA that scored them.
    @Test(arguments: [
        // The FIRST calculator's default vector, no impact at all, everything high.
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3, 9.3),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0, 0.0),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0, 10.0),
        // NVD, CVE-2024-7029 (ICS-CERT), every optional metric written as X.
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MPR:X"
            + "/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X", 8.7, 8.7),
        // NVD, CVE-2024-12928 (VulDB) and CVE-2025-6829, CVE-2025-6166, CVE-2024-7657.
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N/E:X", 5.3, 5.3),
        ("CVSS:4.0/AV:A/AC:L/AT:N/PR:L/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N/E:X", 5.1, 5.1),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N", 5.3, 5.3),
        // Palo Alto Networks advisories (CVE-2026-0310, CVE-2026-0308): CVSS-B and CVSS-BT scores as published.
        ("CVSS:4.0/AV:N/AC:H/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:L/SI:L/SA:N/E:U/AU:N/R:U/V:D/RE:M/U:Red", 9.2, 7.2),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N/E:U/AU:N/R:U/V:D/RE:M/U:Amber", 8.7, 6.6),
        ("CVSS:4.0/AV:A/AC:H/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:L/SI:L/SA:N/E:U/AU:N/R:U/V:D/RE:M/U:Amber", 7.5, 4.8),
        ("CVSS:4.0/AV:A/AC:H/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:L/SI:L/SA:N/E:U/AU:N/R:U/V:D/RE:M/U:Amber", 7.7, 5.2),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:P/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/E:U/AU:N/R:U/V:D/RE:M/U:Amber", 4.8, 1.1),
        ("CVSS:4.0/AV:A/AC:L/AT:N/PR:H/UI:P/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/E:U/AU:N/R:U/V:D/RE:M/U:Amber", 2.4, 0.4),
        // CVE-2020-36855: CVSS-B 4.8; with E:P the CVSS-BT score is lower.
        ("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N/E:P", 4.8, 1.9),
    ])
    func publishedScores(vector: String, baseScore: Double, score: Double) throws {
        let parsed = try CVSSv4(parsing: vector)
        #expect(parsed.baseScore == baseScore)
        #expect(parsed.score == score)
        #expect(parsed.severity == CVSSSeverity(score: baseScore))
    }

    /// Worked by hand from the lookup table and section 8: MacroVector 100200 scores 8.7; EQ1's distance from
    /// the highest vector AV:A/PR:N/UI:N is 0.1 (AV) + 0.1 (PR) = 0.2 of a depth of 0.4, times the 1.7 gap to
    /// 200200 (7.0) gives 0.85; EQ2, EQ3+EQ6 and EQ5 are at distance 0 and EQ4 has no lower MacroVector,
    /// so the mean over four EQs is 0.2125 and the score 8.4875 → 8.5.
    @Test func interpolationWorkedByHand() throws {
        let vector = try CVSSv4(parsing: "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")
        #expect(vector.macroVector == "100200")
        #expect(vector.baseScore == 8.5)
        #expect(vector.severity == .high)
    }

    @Test func threatAndEnvironmentalMetrics() throws {
        let base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
        let b = try CVSSv4(parsing: base)
        #expect(b.nomenclature == "CVSS-B")
        #expect(b.macroVector == "000200")

        let bt = try CVSSv4(parsing: base + "/E:U")
        #expect(bt.nomenclature == "CVSS-BT")
        #expect(bt.macroVector == "000220")
        #expect(bt.baseScore == 9.3)
        #expect(bt.score == 8.1)

        let be = try CVSSv4(parsing: base + "/CR:L/IR:L/AR:L")
        #expect(be.nomenclature == "CVSS-BE")
        #expect(be.score == 8.9)

        let bte = try CVSSv4(parsing: base + "/E:P/MAV:A")
        #expect(bte.nomenclature == "CVSS-BTE")
        #expect(bte.baseScore == 9.3)

        // Safety (MSI:S) on the subsequent system makes even a vector without base impact score.
        let safety = try CVSSv4(parsing: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/MSI:S")
        #expect(safety.baseScore == 0.0)
        #expect(safety.severity == .none)
        #expect(safety.score == 8.9)
        let raised = try CVSSv4(parsing:
            "CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:N/MSI:S/MSA:S")
        #expect(raised.macroVector == "000000")
        #expect(raised.score == 10.0)
        #expect(raised.baseScore == 8.6)
    }

    @Test func supplementalMetricsDoNotChangeTheScore() throws {
        let vector = try CVSSv4(parsing:
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:A/V:C/RE:H/U:Red")
        #expect(vector.score == 9.3)
        #expect(vector.nomenclature == "CVSS-B")
        #expect(vector["U"] == "Red")
    }

    @Test func vectorStringIsInSpecificationOrderWithoutX() throws {
        let vector = try CVSSv4(parsing:
            "CVSS:4.0/U:Amber/SA:N/SI:N/SC:N/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/AV:N/E:X/MAV:L/CR:M")
        #expect(vector.vectorString == "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:M/MAV:L/U:Amber")
        #expect(vector.version == "4.0")
    }

    @Test(arguments: [
        ("", CVSSError.empty),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", .missingMetric("SA")),
        ("CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", .missingMetric("AT")),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/E:P", .duplicateMetric("E")),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:U", .invalidValue(metric: "S", value: "U")),
        ("CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", .invalidValue(metric: "AV", value: "X")),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", .invalidValue(metric: "SI", value: "S")),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/RL:O", .unknownMetric("RL", version: "4.0")),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/", .malformedComponent("")),
        ("CVSS:4.1/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", .unsupportedVersion("CVSS:4.1")),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .wrongPrefix("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")),
    ])
    func rejects(input: String, expected: CVSSError) {
        #expect(throws: expected) { try CVSSv4(parsing: input) }
    }
}
