import Testing
import TrucCore

@Suite struct VersionRangeTests {
    func v(_ text: String) -> VendorVersion { VendorVersion(text) }

    @Test func nvdBounds() {
        // Apache Struts, CVE-2017-5638: 2.5.0 <= v < 2.5.10.1
        let struts = VersionRange(startIncluding: "2.5.0", endExcluding: "2.5.10.1")
        #expect(struts.contains(v("2.5.0")))
        #expect(struts.contains(v("2.5")))
        #expect(struts.contains(v("2.5.10")))
        #expect(!struts.contains(v("2.5.10.1")))
        #expect(!struts.contains(v("2.4.9")))
        #expect(struts.description == ">= 2.5.0, < 2.5.10.1")

        // Cisco IOS, CVE-2017-6736: 15.0 <= v <= 15.6
        let ios = VersionRange(startIncluding: "15.0", endIncluding: "15.6")
        #expect(ios.contains(v("15.2(4)M1")))
        #expect(ios.contains(v("15.0")))
        #expect(ios.contains(v("15.6")))
        #expect(!ios.contains(v("15.6(3)M")), "read literally, 15.6(3)M is after 15.6")
        #expect(!ios.contains(v("12.4")))

        let excluding = VersionRange(startExcluding: "9.1.3")
        #expect(!excluding.contains(v("9.1.3")))
        #expect(excluding.contains(v("9.1.3a")))
        #expect(excluding.description == "> 9.1.3")

        let upTo = VersionRange(endIncluding: "1.1.524.0")
        #expect(upTo.contains(v("1.1.524")))
        #expect(upTo.contains(v("0.1")))
        #expect(!upTo.contains(v("1.1.553.0")))
        #expect(upTo.description == "<= 1.1.524.0")
    }

    @Test func exactAndAll() {
        let exact = VersionRange.exactly(v("2.4.49"))
        #expect(exact.contains(v("2.4.49")))
        #expect(exact.contains(v("2.4.49.0")))
        #expect(!exact.contains(v("2.4.50")))
        #expect(exact.description == "= 2.4.49")
        #expect(VersionRange.all.isUnbounded)
        #expect(VersionRange.all.description == "*")
        #expect(VersionRange(startIncluding: "", endExcluding: "  ") == .all)
        #expect(VersionRange.all.evaluate(v("latest")) == .match)
        #expect(VersionRange.all.evaluate(CPEAttribute.any) == .match)
    }

    @Test func unknownVersionsGiveUnknown() {
        let range = VersionRange(startIncluding: "1.0", endExcluding: "2.0")
        #expect(range.evaluate(v("1.5")) == .match)
        #expect(range.evaluate(v("2.0")) == .noMatch)
        #expect(range.evaluate(v("latest")) == .unknown)
        #expect(range.evaluate(v("")) == .unknown)
        #expect(!range.contains(v("latest")))
        // As a CPE version attribute: ANY, NA and wildcards say nothing about the version.
        #expect(range.evaluate(CPEAttribute.any) == .unknown)
        #expect(range.evaluate(CPEAttribute.na) == .unknown)
        #expect(range.evaluate(CPEAttribute.value(#"1\.*"#)) == .unknown)
        #expect(range.evaluate(CPEAttribute.value(#"1\.5"#)) == .match)
        #expect(range.evaluate(CPEAttribute.value(#"2\.5"#)) == .noMatch)
        // A bound that is not a version cannot decide either.
        #expect(VersionRange(endExcluding: "-").evaluate(v("1.0")) == .unknown)
    }

    @Test func includingWinsOverExcludingForTheSameEnd() {
        let range = VersionRange(startIncluding: "1.0", startExcluding: "1.0")
        #expect(range.start == .including(v("1.0")))
        #expect(range.contains(v("1.0")))
    }

    @Test func verdictLogic() {
        let all = MatchVerdict.allCases
        for a in all {
            #expect(a.and(.match) == a)
            #expect(a.or(.noMatch) == a)
            #expect(a.negated.negated == a)
            for b in all {
                #expect(a.and(b) == b.and(a))
                #expect(a.or(b) == b.or(a))
                #expect(a.and(b).negated == a.negated.or(b.negated)) // De Morgan holds in Kleene logic
            }
        }
        #expect(MatchVerdict.unknown.and(.noMatch) == .noMatch)
        #expect(MatchVerdict.unknown.or(.match) == .match)
        #expect(MatchVerdict.unknown.negated == .unknown)
        #expect(MatchVerdict(true) == .match && MatchVerdict(false) == .noMatch)
    }
}
