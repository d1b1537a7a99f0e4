import Foundation
import Testing
@testable import TrucCore

/// The fast XML reader of large scanner reports: it reads what Foundation's parser reads, the same way, and refuses
/// (so that Foundation's parser gives the message) everything outside its subset.
@Suite struct XMLByteScannerTests {
    /// Records the events, keeping the text of every element.
    final class Recorder: XMLByteHandler {
        var events: [String] = []
        func start(_ name: String, _ attributes: [String: String]) throws(XMLByteScanner.Refusal) -> Bool {
            events.append("<\(name)" + attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined() + ">")
            return true
        }
        func text(_ text: String) { events.append(text) }
        func end(_ name: String) throws(XMLByteScanner.Refusal) { events.append("</\(name)>") }
    }

    static func events(_ xml: String) throws -> [String] {
        let recorder = Recorder()
        try XMLByteScanner.scan(Data(xml.utf8), into: recorder)
        return recorder.events
    }

    static func refuses(_ xml: String) -> Bool {
        (try? XMLByteScanner.scan(Data(xml.utf8), into: Recorder())) == nil
    }

    @Test func readsElementsAttributesTextEntitiesAndCDATA() throws {
        let xml = """
            \u{FEFF}<?xml version="1.0" encoding="UTF-8"?>
            <!-- a comment --><?pi data?>
            <a x="1 &amp; 2" y='it&apos;s'><b/>t&lt;&#x1F600;&#65;<![CDATA[<raw & kept>]]>\r\nend<c z="l1\r\nl2\tx"></c ></a>

            """
        #expect(try Self.events(xml) == [
            "<a x=1 & 2 y=it's>", "<b>", "</b>", "t<😀A", "<raw & kept>", "\nend", "<c z=l1 l2 x>", "</c>", "</a>",
        ])
        // Vietnamese text and names pass through.
        #expect(try Self.events("<tên thuộc_tính=\"Sở\">Cổng</tên>") == ["<tên thuộc_tính=Sở>", "Cổng", "</tên>"])
    }

    @Test(arguments: [
        "", "   ", "<a>", "<a></b>", "<a><b></a></b>", "<a></a><b></b>", "text<a/>", "<a/>text", "<a x=1/>", "<a x=\"1\" x=\"2\"/>",
        "<a x=\"1\"y=\"2\"/>", "<a x=\"<\"/>", "<a>&unknown;</a>", "<a>&amp</a>", "<a>& b</a>", "<a>&#0;</a>", "<a>&#xD800;</a>",
        "<a>&#x110000;</a>", "<a>\u{01}</a>", "<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>", "<!DOCTYPE a><a/>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", "<a><!-- open</a>", "<a><![CDATA[open</a>", "<![CDATA[x]]><a/>",
        "<1a/>", "<a>\u{FFFE}</a>".replacingOccurrences(of: "\u{FFFE}", with: "&#xFFFE;"), "<a x=\"1",
    ])
    func refusesWhatIsOutsideTheSubset(xml: String) {
        #expect(Self.refuses(xml), "\(xml)")
    }

    @Test func refusesBytesThatAreNotUTF8() {
        let bytes: [UInt8] = Array("<a>".utf8) + [0xC3, 0x28] + Array("</a>".utf8)
        let recorder = Recorder()
        #expect((try? XMLByteScanner.scan(Data(bytes), into: recorder)) == nil)
    }

    // MARK: - Nessus: the fast reader and Foundation's parser agree

    static let samples = ["nessus/nessus_with_cvssv3.nessus", "nessus/nessus_many_vuln.xml"]

    @Test(.enabled(if: ScanReportTests.hasSharedData), arguments: samples)
    func bothReadersGiveTheSameReportOfTheSharedSamples(file: String) throws {
        let data = try ScanReportTests.data(file)
        let fast = try #require(ScanReport.parseNessusFast(data))
        let slow = try ScanReport.parseNessusWithFoundation(data)
        #expect(fast == slow)
        #expect(!fast.results.isEmpty)
    }

    @Test func bothReadersGiveTheSameReportOfAnAwkwardFile() throws {
        let xml = """
            <?xml version="1.0" ?>
            <NessusClientData_v2><Policy><policyName>x &amp; y</policyName></Policy>
            <Report name="t"><ReportHost name="web.example.vn"><HostProperties>
            <tag name="host-ip">10.0.0.9</tag><tag name="cpe-0"><![CDATA[cpe:/a:apache:http_server:2.4.49 -> Apache HTTP Server]]></tag>
            <tag name="operating-system">Linux &#x26; friends</tag></HostProperties>
            <ReportItem port="443" svc_name="www" protocol="tcp" severity="4" pluginID="1" pluginName="Apache &lt;2.4.51 &quot;RCE&quot;">
            <cve>CVE-2021-41773</cve><cve>
             CVE-2021-42013 </cve><cvss3_base_score>9.8</cvss3_base_score><solution>Nâng cấp\r\nlên 2.4.51</solution>
            <plugin_output><![CDATA[GET /cgi-bin/.%2e/ → 200]]> và &lt;tiếp&gt;</plugin_output><description>skipped &amp; long</description>
            </ReportItem><ReportItem port="0" protocol="tcp" severity="0" pluginID="2" pluginName="Info"/>
            </ReportHost></Report></NessusClientData_v2>
            """
        let data = Data(xml.utf8)
        let fast = try #require(ScanReport.parseNessusFast(data))
        let slow = try ScanReport.parseNessusWithFoundation(data)
        #expect(fast.hosts == slow.hosts)
        #expect(fast.results == slow.results)
        let result = try #require(fast.results.first)
        #expect(result.name == "Apache <2.4.51 \"RCE\"")
        #expect(result.cves == ["CVE-2021-41773", "CVE-2021-42013"])
        #expect(result.solution == "Nâng cấp\nlên 2.4.51")
        #expect(result.evidence == "GET /cgi-bin/.%2e/ → 200 và <tiếp>")
        #expect(fast.hosts.first?.operatingSystem == "Linux & friends")
        #expect(fast.hosts.first?.software.map(\.ref) == ["cpe:/a:apache:http_server:2.4.49"])
    }

    @Test func whatTheFastReaderRefusesGetsFoundationsMessage() throws {
        // An entity declaration: refused, with the line, as before.
        let entity = Data("<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x \"y\">]>\n<NessusClientData_v2/>".utf8)
        #expect(ScanReport.parseNessusFast(entity) == nil)
        #expect(throws: ScanError.self) { try ScanReport.parseNessus(entity) }
        // A bad severity: the reader's own error, with its line.
        let severity = Data("<NessusClientData_v2><Report><ReportHost name=\"10.0.0.1\">\n<ReportItem severity=\"9\" pluginID=\"1\"/></ReportHost></Report></NessusClientData_v2>".utf8)
        #expect(ScanReport.parseNessusFast(severity) == nil)
        #expect(throws: ScanError.xml(.invalidAttribute(line: 2, element: "ReportItem", attribute: "severity", value: "9"))) {
            try ScanReport.parseNessus(severity)
        }
        // Cut short: truncated, as before.
        let cut = Data("<NessusClientData_v2><Report><ReportHost name=\"10.0.0.1\"><ReportItem severity=\"1\" pluginID=\"1\">".utf8)
        #expect(throws: ScanError.xml(.truncated(root: "NessusClientData_v2"))) { try ScanReport.parseNessus(cut) }
    }
}
