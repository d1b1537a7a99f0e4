import Testing
import TrucCore

@Suite struct CPEMatcherTests {
    typealias Relation = CPEMatcher.Relation

    func name(_ text: String) throws -> CPEName { try CPEName(parsing: text) }

    /// NISTIR 7696 Table 6-2: every combination of ANY, NA, a value i/k and a value m with wildcards.
    @Test(arguments: [
        (CPEAttribute.any, CPEAttribute.any, Relation.equal), // 1
        (.any, .na, .superset), // 2
        (.any, .value("i"), .superset), // 3
        (.any, .value("m*"), .undefined), // 4
        (.na, .any, .subset), // 5
        (.na, .na, .equal), // 6
        (.na, .value("i"), .disjoint), // 7
        (.na, .value("m*"), .undefined), // 8
        (.value("i"), .any, .subset), // 9
        (.value("i"), .na, .disjoint), // 10
        (.value("i"), .value("k"), .disjoint), // 11
        (.value("i"), .value("m*"), .undefined), // 12
        (.value("i"), .value("i"), .equal), // 13
        (.value("m*"), .any, .subset), // 14
        (.value("m*"), .na, .disjoint), // 15
        (.value("m*"), .value("m2"), .superset), // 16
        (.value("m*"), .value("k2"), .disjoint), // 17
        (.value("m*"), .value("m*"), .undefined), // 18
    ])
    func attributeRelationTable(source: CPEAttribute, target: CPEAttribute, expected: Relation) {
        #expect(CPEMatcher.compare(source, target) == expected)
    }

    @Test(arguments: [
        ("*soft", "microsoft", Relation.superset),
        ("*soft", "microsofty", .disjoint),
        ("micro*", "microsoft", .superset),
        ("micro*", "micro", .superset),
        ("*cro*", "microsoft", .superset),
        ("*", "anything", .superset), // a value of just "*" only arises from a 2.2 URI %02
        ("sp?", "sp1", .superset),
        ("sp?", "sp12", .disjoint),
        ("sp?", "sp", .superset), // as NISTIR 7696's algorithm: n "?" match up to n characters
        ("sp??", "sp12", .superset),
        ("??ndows", "windows", .superset),
        ("??ndows", "xwindows", .disjoint),
        ("?indows", "windows", .superset),
        (#"8\.*"#, #"8\.0\.6001"#, .superset),
        (#"8\.*"#, "80", .disjoint),
        (#"?\.0"#, #"8\.0"#, .superset), // a quoted character counts as one
        (#"?\.0"#, #"18\.0"#, .disjoint),
        (#"*\(4\)m1"#, #"15\.2\(4\)m1"#, .superset),
        (#"15\.2\(4\)*"#, #"15\.2\(4\)m1"#, .superset),
        (#"15\.2\(4\)*"#, #"15\.2\(5\)m1"#, .disjoint),
        (#"\*foo*"#, #"\*foobar"#, .superset), // leading quoted star is the character
        (#"\*foo*"#, "xfoobar", .disjoint),
        (#"*\\"#, #"a\\"#, .superset),
        ("*a", #"\\a"#, .superset),
    ])
    func wildcardValues(source: String, target: String, expected: Relation) {
        #expect(CPEMatcher.compare(.value(source), .value(target)) == expected)
    }

    /// The examples of NISTIR 7696 §7 (Internet Explorer 8.0.6001 beta vs 8.* sp?).
    @Test func specificationExamples() throws {
        let a = CPEName(part: .value("a"), vendor: .value("microsoft"), product: .value("internet_explorer"),
                        version: .value(#"8\.0\.6001"#), update: .value("beta"), edition: .any)
        let b = CPEName(part: .value("a"), vendor: .value("microsoft"), product: .value("internet_explorer"),
                        version: .value(#"8\.*"#), update: .value("sp?"), edition: .na, language: .any)
        #expect(CPEMatcher.compare(a, b) == [
            .equal, .equal, .equal, .undefined, .undefined, .superset, .equal, .equal, .equal, .equal, .equal,
        ])
        #expect(CPEMatcher.relation(a, b) == .undefined)
        #expect(CPEMatcher.compare(b, a) == [
            .equal, .equal, .equal, .superset, .disjoint, .subset, .equal, .equal, .equal, .equal, .equal,
        ])
        #expect(CPEMatcher.relation(b, a) == .disjoint)
        #expect(CPEMatcher.isDisjoint(b, a))
        #expect(!b.matches(a))
        // With update sp1 the wildcard name covers it.
        var sp1 = a
        sp1.update = .value("sp1")
        sp1.edition = .na
        #expect(CPEMatcher.relation(b, sp1) == .superset)
        #expect(b.matches(sp1))
    }

    @Test func realCriteria() throws {
        let ios = try name(#"cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*"#)
        #expect(ios.matches(ios))
        #expect(CPEMatcher.relation(ios, ios) == .equal)
        #expect(CPEMatcher.isEqual(ios, ios))
        #expect(try ios.matches(CPEName(part: .operatingSystem, vendor: "Cisco", product: "IOS", version: "15.2(4)M1")))
        #expect(try !ios.matches(name(#"cpe:2.3:o:cisco:ios:15.2\(4\)m2:*:*:*:*:*:*:*"#)))
        #expect(try !ios.matches(name(#"cpe:2.3:o:cisco:ios_xe:15.2\(4\)m1:*:*:*:*:*:*:*"#)))

        // Criteria version * covers every version, NA and ANY included.
        let anyIOS = try name("cpe:2.3:o:cisco:ios:*:*:*:*:*:*:*:*")
        #expect(try anyIOS.matches(name(#"cpe:2.3:o:cisco:ios:12.2\(55\)se:*:*:*:*:*:*:*"#)))
        #expect(try anyIOS.matches(name("cpe:2.3:o:cisco:ios:-:*:*:*:*:*:*:*")))
        #expect(try anyIOS.matches(name("cpe:2.3:o:cisco:ios:*:*:*:*:*:*:*:*")))
        #expect(CPEMatcher.relation(anyIOS, ios) == .superset)
        #expect(CPEMatcher.relation(ios, anyIOS) == .subset)

        // NA vs a value is disjoint, both ways.
        let firmware = try name("cpe:2.3:o:tp-link:wr940n_firmware:-:*:*:*:*:*:*:*")
        let versioned = try name("cpe:2.3:o:tp-link:wr940n_firmware:3.16.9:*:*:*:*:*:*:*")
        #expect(!firmware.matches(versioned))
        #expect(!versioned.matches(firmware))
        #expect(CPEMatcher.relation(firmware, versioned) == .disjoint)

        // A target with wildcards is undefined, hence not matched.
        #expect(try !anyIOS.matches(name("cpe:2.3:o:cisco:ios:15.*:*:*:*:*:*:*:*")))

        // sw_edition distinguishes Citrix ADC FIPS from the standard edition.
        let fips = try name("cpe:2.3:a:citrix:netscaler_application_delivery_controller:*:*:*:*:fips:*:*:*")
        #expect(try fips.matches(name("cpe:2.3:a:citrix:netscaler_application_delivery_controller:13.1:*:*:*:fips:*:*:*")))
        #expect(try !fips.matches(name("cpe:2.3:a:citrix:netscaler_application_delivery_controller:13.1:*:*:*:-:*:*:*")))
    }

    @Test func relationSummaries() throws {
        let a = try name("cpe:2.3:a:acme:tool:1.0:*:*:*:*:*:*:*")
        let mixed = try name("cpe:2.3:a:acme:*:1.0:beta:*:*:*:*:*:*") // product superset, update subset
        #expect(CPEMatcher.relation(mixed, a) == .undefined)
        #expect(!CPEMatcher.isSuperset(mixed, a))
        #expect(!CPEMatcher.isSubset(mixed, a))
        #expect(!CPEMatcher.isDisjoint(mixed, a))
        #expect(!CPEMatcher.isEqual(mixed, a))
    }
}
