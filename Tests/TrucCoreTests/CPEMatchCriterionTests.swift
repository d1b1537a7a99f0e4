import Testing
import TrucCore

@Suite struct CPEMatchCriterionTests {
    func asset(_ text: String) throws -> CPEName { try CPEName(parsing: text) }

    @Test func exactCriteriaVersion() throws {
        let criterion = try CPEMatchCriterion(criteria: #"cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*"#)
        #expect(criterion.vulnerable)
        #expect(criterion.range == nil)
        #expect(try criterion.evaluate(asset(#"cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*"#)) == .match)
        #expect(try criterion.evaluate(CPEName(part: .operatingSystem, vendor: "Cisco", product: "IOS", version: "15.2(4)M1"))
            == .match)
        // Compared as versions: separators and case do not matter.
        #expect(try criterion.evaluate(asset("cpe:2.3:o:cisco:ios:15.2.4.M1:*:*:*:*:*:*:*")) == .match)
        #expect(try criterion.evaluate(asset(#"cpe:2.3:o:cisco:ios:15.2\(4\)m2:*:*:*:*:*:*:*"#)) == .noMatch)
        #expect(try criterion.evaluate(asset(#"cpe:2.3:o:cisco:ios_xe:15.2\(4\)m1:*:*:*:*:*:*:*"#)) == .noMatch)
        // The asset's version is unknown: it may be affected.
        #expect(try criterion.evaluate(asset("cpe:2.3:o:cisco:ios:*:*:*:*:*:*:*:*")) == .unknown)
        #expect(try criterion.evaluate(asset("cpe:2.3:o:cisco:ios:-:*:*:*:*:*:*:*")) == .unknown)
    }

    @Test func rangeCriteria() throws {
        let criterion = try CPEMatchCriterion(criteria: "cpe:2.3:a:apache:struts:*:*:*:*:*:*:*:*",
                                              versionStartIncluding: "2.5.0", versionEndExcluding: "2.5.10.1")
        #expect(criterion.range == VersionRange(startIncluding: "2.5.0", endExcluding: "2.5.10.1"))
        #expect(try criterion.evaluate(asset("cpe:2.3:a:apache:struts:2.5.10:*:*:*:*:*:*:*")) == .match)
        #expect(try criterion.evaluate(asset("cpe:2.3:a:apache:struts:2.5.10.1:*:*:*:*:*:*:*")) == .noMatch)
        #expect(try criterion.evaluate(asset("cpe:2.3:a:apache:struts:*:*:*:*:*:*:*:*")) == .unknown)
        #expect(try criterion.evaluate(asset("cpe:2.3:a:apache:struts:2.5.*:*:*:*:*:*:*:*")) == .unknown)
        #expect(try criterion.evaluate(asset("cpe:2.3:a:apache:struts:latest:*:*:*:*:*:*:*")) == .unknown)
        #expect(try criterion.evaluate(asset("cpe:2.3:a:apache:tomcat:2.5.10:*:*:*:*:*:*:*")) == .noMatch)
    }

    @Test func anyVersionCriteria() throws {
        let criterion = try CPEMatchCriterion(criteria: "cpe:2.3:a:netapp:oncommand_balance:*:*:*:*:*:*:*:*")
        #expect(try criterion.evaluate(asset("cpe:2.3:a:netapp:oncommand_balance:1.0:*:*:*:*:*:*:*")) == .match)
        #expect(try criterion.evaluate(asset("cpe:2.3:a:netapp:oncommand_balance:*:*:*:*:*:*:*:*")) == .match)
        #expect(try criterion.evaluate(asset("cpe:2.3:a:netapp:oncommand_balance:-:*:*:*:*:*:*:*")) == .match)
    }

    @Test func naCriteriaVersion() throws {
        // NVD writes "-" for firmware whose affected versions it does not list.
        let criterion = try CPEMatchCriterion(criteria: "cpe:2.3:o:tp-link:wr940n_firmware:-:*:*:*:*:*:*:*")
        #expect(try criterion.evaluate(asset("cpe:2.3:o:tp-link:wr940n_firmware:-:*:*:*:*:*:*:*")) == .match)
        #expect(try criterion.evaluate(asset("cpe:2.3:o:tp-link:wr940n_firmware:*:*:*:*:*:*:*:*")) == .unknown)
        #expect(try criterion.evaluate(asset("cpe:2.3:o:tp-link:wr940n_firmware:3.16.9:*:*:*:*:*:*:*")) == .unknown)
        #expect(try criterion.evaluate(asset("cpe:2.3:o:tp-link:wr940n_firmware:none:*:*:*:*:*:*:*")) == .noMatch)
    }

    @Test func lessSpecificAssetAttributesAreUnknown() throws {
        let fips = try CPEMatchCriterion(
            criteria: "cpe:2.3:a:citrix:netscaler_application_delivery_controller:*:*:*:*:fips:*:*:*",
            versionStartIncluding: "13.1", versionEndExcluding: "13.1-37.164")
        let adc = "cpe:2.3:a:citrix:netscaler_application_delivery_controller"
        #expect(try fips.evaluate(asset("\(adc):13.1-37.100:*:*:*:fips:*:*:*")) == .match)
        #expect(try fips.evaluate(asset("\(adc):13.1-37.100:*:*:*:-:*:*:*")) == .noMatch)
        // The asset does not say which edition it is.
        #expect(try fips.evaluate(asset("\(adc):13.1-37.100:*:*:*:*:*:*:*")) == .unknown)
        // …but a version outside the range settles it.
        #expect(try fips.evaluate(asset("\(adc):13.1-49.15:*:*:*:*:*:*:*")) == .noMatch)
    }

    @Test func wildcardCriteriaVersion() throws {
        let criterion = try CPEMatchCriterion(criteria: "cpe:2.3:a:microsoft:internet_explorer:8.*:*:*:*:*:*:*:*")
        #expect(try criterion.evaluate(asset("cpe:2.3:a:microsoft:internet_explorer:8.0.6001:*:*:*:*:*:*:*")) == .match)
        #expect(try criterion.evaluate(asset("cpe:2.3:a:microsoft:internet_explorer:9.0:*:*:*:*:*:*:*")) == .noMatch)
        #expect(try criterion.evaluate(asset("cpe:2.3:a:microsoft:internet_explorer:*:*:*:*:*:*:*:*")) == .unknown)
    }

    @Test func preparedTargetsGiveTheSameAnswers() throws {
        let criterion = try CPEMatchCriterion(criteria: "cpe:2.3:o:fortinet:fortios:*:*:*:*:*:*:*:*",
                                              versionStartIncluding: "7.2.0", versionEndExcluding: "7.2.7", id: "x")
        #expect(criterion.id == "x")
        for text in ["7.2.0", "7.2.6", "7.2.7", "7.0.13", "*", "-"] {
            let name = try asset("cpe:2.3:o:fortinet:fortios:\(text):*:*:*:*:*:*:*")
            #expect(criterion.evaluate(CPETarget(name)) == criterion.evaluate(name))
        }
        #expect(CPETarget(try asset("cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*")).version == VendorVersion("7.2.6"))
        #expect(CPETarget(try asset("cpe:2.3:o:fortinet:fortios:*:*:*:*:*:*:*:*")).version == nil)
    }

    @Test func invalidCriteriaThrow() {
        #expect(throws: CPEError.self) { try CPEMatchCriterion(criteria: "cpe:2.3:a:broken") }
    }
}
