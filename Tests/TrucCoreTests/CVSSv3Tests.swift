import Testing
import TrucCore

@Suite struct CVSSv3Tests {
    /// Base scores of the FIRST "CVSS v3.1 Examples" document (and the same vectors under 3.0, whose base
    /// scores agree for every one of the 2,592 base vectors).
    @Test(arguments: [
        ("AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1), // CVE-2013-1937 phpMyAdmin reflected XSS
        ("AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4), // CVE-2013-0375 MySQL stored SQL injection
        ("AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1), // CVE-2014-3566 SSLv3 POODLE
        ("AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9), // CVE-2012-1516 VMware guest to host escape
        ("AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2), // CVE-2009-0783 Apache Tomcat XML parser
        ("AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8), // CVE-2012-0384 Cisco IOS command injection
        ("AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8), // CVE-2015-1098 iWork denial of service
        ("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5), // CVE-2014-0160 OpenSSL Heartbleed
        ("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8), // CVE-2014-6271 GNU Bash Shellshock
        ("AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8), // CVE-2008-1447 DNS Kaminsky bug
        ("AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8), // CVE-2014-2005 Sophos login screen bypass
        ("AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8), // CVE-2010-0467 Joomla directory traversal
        ("AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
        ("AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0),
    ])
    func specificationExamples(metrics: String, score: Double) throws {
        for version in ["3.0", "3.1"] {
            let vector = try CVSSv3(parsing: "CVSS:\(version)/\(metrics)")
            #expect(vector.version == version)
            #expect(vector.baseScore == score, "CVSS:\(version)/\(metrics)")
            #expect(vector.severity == CVSSSeverity(score: score))
        }
    }

    @Test func subscores() throws {
        let vector = try CVSSv3(parsing: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
        #expect(CVSSv3.roundUp31(vector.impact) == 5.9) // NVD's impactScore
        #expect(CVSSv3.roundUp31(vector.exploitability) == 3.9) // NVD's exploitabilityScore
        #expect(abs(vector.impactSubScore - 0.914_816) < 1e-12)
        #expect(vector.severity == .critical)
        #expect(try CVSSv3(parsing: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N").severity == .none)
    }

    /// CVSS v3.1 Appendix A: Roundup works on the input rounded to five decimals, so floating-point noise
    /// does not push a score up by 0.1; v3.0's plain round-up does not have that protection.
    @Test func roundUp() {
        #expect(CVSSv3.roundUp31(4.02) == 4.1)
        #expect(CVSSv3.roundUp31(4.0) == 4.0)
        #expect(CVSSv3.roundUp31(4.000_000_000_000_001) == 4.0)
        #expect(CVSSv3.roundUp31(4.000_01) == 4.1)
        #expect(CVSSv3.roundUp30(4.02) == 4.1)
        #expect(CVSSv3.roundUp30(4.0) == 4.0)
        #expect(CVSSv3.roundUp30(4.000_000_000_000_001) == 4.1)
    }

    @Test func temporalScoreDiffersBetween30And31OnlyByRounding() throws {
        // 5.0 × 0.92 is 4.6000000000000005 in binary floating point.
        let v30 = try CVSSv3(parsing: "CVSS:3.0/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:N/A:L/RC:U")
        let v31 = try CVSSv3(parsing: "CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:N/A:L/RC:U")
        #expect(v30.baseScore == 5.0 && v31.baseScore == 5.0)
        #expect(v31.temporalScore == 4.6)
        #expect(v30.temporalScore == 4.7)
    }

    @Test func temporalAndEnvironmentalScores() throws {
        let vector = try CVSSv3(parsing:
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H/IR:H/AR:L/MAV:A/MS:C")
        #expect(vector.baseScore == 9.8)
        #expect(vector.temporalScore == 8.8)
        #expect(vector.environmentalScore == 8.7)

        let baseOnly = try CVSSv3(parsing: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/MAV:X")
        #expect(baseOnly.temporalScore == nil)
        #expect(baseOnly.environmentalScore == nil)
        #expect(baseOnly.vectorString == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
    }

    @Test func metricsInAnyOrder() throws {
        let vector = try CVSSv3(parsing: " CVSS:3.0/AV:P/C:L/I:L/S:U/AC:L/A:L/UI:N/PR:N/RL:O/RC:C/E:U ")
        #expect(vector.vectorString == "CVSS:3.0/AV:P/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L/E:U/RL:O/RC:C")
        #expect(vector["RL"] == "O")
        #expect(vector.description == vector.vectorString)
    }

    @Test(arguments: [
        ("   ", CVSSError.empty),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H", .missingMetric("S")),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L", .duplicateMetric("AV")),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/Au:N", .unknownMetric("Au", version: "3.1")),
        ("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAT:N", .unknownMetric("MAT", version: "3.0")),
        ("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .invalidValue(metric: "AV", value: "X")),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Z", .invalidValue(metric: "E", value: "Z")),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", .malformedComponent("")),
        ("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .malformedComponent("")),
        ("CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .unsupportedVersion("CVSS:3.2")),
        ("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", .wrongPrefix("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")),
    ])
    func rejects(input: String, expected: CVSSError) {
        #expect(throws: expected) { try CVSSv3(parsing: input) }
    }
}
