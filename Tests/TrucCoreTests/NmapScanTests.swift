import Foundation
import Testing
import TrucCore

/// The shared inventory data beside the repository (`../shared/data/nmap`, `../shared/data/cpe`; see their
/// PROVENANCE.md). Tests that read it are skipped when it is absent.
enum SharedInventoryData {
    static let directory: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent() // TrucCoreTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // repository
        .deletingLastPathComponent() // its parent, which holds shared/
        .appendingPathComponent("shared/data")

    static func nmap(_ name: String) -> URL { directory.appendingPathComponent("nmap/\(name)") }
    static let cpeDictionary = directory.appendingPathComponent("cpe/official-cpe-dictionary_v2.3.xml.gz")

    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }
    static var hasNmapScans: Bool { exists(nmap("libnmap-full_sudo6.xml")) }

    static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name)")
    }

    /// The file decompressed with the system's `gzip -dc`.
    static func gunzip(_ url: URL) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = try pipe.fileHandleForReading.readToEnd() ?? Data()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip -dc \(url.path) failed")
        return data
    }
}

@Suite struct NmapScanTests {
    func scan(_ name: String) throws -> NmapScan {
        try NmapScan(data: try Data(contentsOf: SharedInventoryData.nmap(name)))
    }

    func cpe(_ text: String) throws -> CPEName { try CPEName(parsing: text) }

    // MARK: - The four shared scans

    @Test(.enabled(if: SharedInventoryData.hasNmapScans, "../shared/data/nmap is not present"),
          arguments: [
              // file, hosts, up, ports listed, open ports, software assets (open ports with a product)
              ("libnmap-1_os_banner_scripts.xml", 1, 1, 8, 8, 5),
              ("libnmap-dionaea_scan.xml", 1, 1, 16, 16, 7),
              ("libnmap-full_sudo6.xml", 256, 4, 12, 12, 7),
              ("nmap-ndiff-random-1.xml", 55, 55, 254, 89, 38),
          ])
    func everySharedScanParses(file: String, hosts: Int, up: Int, ports: Int, open: Int, software: Int) throws {
        let scan = try scan(file)
        #expect(scan.scanner == "nmap")
        #expect(scan.hosts.count == hosts)
        #expect(scan.hosts.filter(\.isUp).count == up)
        #expect(scan.hosts.reduce(0) { $0 + $1.ports.count } == ports)
        #expect(scan.hosts.filter(\.isUp).reduce(0) { $0 + $1.ports.filter(\.isOpen).count } == open)
        let (drafts, problems) = scan.assetDrafts()
        #expect(problems.isEmpty)
        #expect(drafts.count == up + software)
        #expect(drafts.filter { $0.kind == .software }.count == software)
        #expect(Set(drafts.compactMap(\.sourceKey)).count == drafts.count, "source keys are unique")
    }

    @Test(.enabled(if: SharedInventoryData.hasNmapScans, "../shared/data/nmap is not present"))
    func bannerScanLocalhost() throws {
        let scan = try scan("libnmap-1_os_banner_scripts.xml")
        #expect(scan.args == "nmap -sV -O -oX /tmp/out.xml --script http-headers,http-methods --script-trace 127.0.0.1")
        #expect(scan.startTime == Date(timeIntervalSince1970: 1_368_156_682))
        let host = try #require(scan.hosts.first)
        #expect(host.ipv4 == "127.0.0.1")
        #expect(host.hostnames == ["localhost"])
        #expect(host.ports.map(\.number) == [22, 25, 80, 111, 631, 3306, 8009, 8080])
        #expect(host.ports[0].service == NmapScan.Service(name: "ssh", product: "OpenSSH", version: "5.3",
                                                          extraInfo: "protocol 2.0"))
        #expect(host.ports[2].service?.product == "Apache httpd")
        #expect(host.ports[2].service?.extraInfo == "(CentOS) PHP/5.3.3")
        // Nmap 5.51 lists the OS classes beside the (absent) matches.
        #expect(host.osMatches.isEmpty)
        #expect(host.osClasses.count == 9)
        #expect(host.osClasses[1] == NmapScan.OSClass(type: "general purpose", vendor: "Linux", family: "Linux",
                                                      generation: "2.6.X", accuracy: 96))
        // Without CPEs in the scan, the software assets carry none.
        let drafts = scan.assetDrafts().drafts
        let ssh = try #require(drafts.first { $0.sourceKey == "nmap:127.0.0.1:tcp/22" })
        #expect(ssh.name == "OpenSSH 5.3 (127.0.0.1 tcp/22)")
        #expect(ssh.cpes.isEmpty)
        #expect(drafts.first { $0.sourceKey == "nmap:127.0.0.1:tcp/25" }?.name == "Postfix smtpd (127.0.0.1 tcp/25)")
    }

    @Test(.enabled(if: SharedInventoryData.hasNmapScans, "../shared/data/nmap is not present"))
    func dionaeaServerWithOSAndServiceCPEs() throws {
        let scan = try scan("libnmap-dionaea_scan.xml")
        #expect(scan.hosts.count == 1, "the <hosthint> before the host is not a host")
        let host = try #require(scan.hosts.first)
        #expect(host.ipv4 == "172.28.1.3")
        #expect(host.mac == "02:42:AC:1C:01:03")
        #expect(host.macVendor == nil)
        #expect(host.hostnames == ["dionaea", "dionaea.libnmap-testing_testing_net"])
        let mysql = try #require(host.ports.first { $0.number == 3306 })
        #expect(mysql.service?.cpes == ["cpe:/a:mysql:mysql:5.7.16"])
        #expect(host.osMatches == [NmapScan.OSMatch(name: "Linux 4.15 - 5.6", accuracy: 100, classes: [
            NmapScan.OSClass(type: "general purpose", vendor: "Linux", family: "Linux", generation: "4.X",
                             accuracy: 100, cpes: ["cpe:/o:linux:linux_kernel:4"]),
            NmapScan.OSClass(type: "general purpose", vendor: "Linux", family: "Linux", generation: "5.X",
                             accuracy: 100, cpes: ["cpe:/o:linux:linux_kernel:5"]),
        ])])

        let (drafts, problems) = scan.assetDrafts()
        #expect(problems.isEmpty)
        let server = try #require(drafts.first)
        #expect(server.kind == .server)
        #expect(server.name == "dionaea")
        #expect(server.hostname == "dionaea")
        #expect(server.ipAddress == "172.28.1.3")
        #expect(server.sourceKey == "nmap:172.28.1.3")
        #expect(server.vendor == "Linux")
        #expect(server.product == "Linux")
        #expect(server.version == "4.X")
        // The versions stay as Nmap wrote them: "4.X" is not turned into a version.
        #expect(server.cpes.map(\.formattedString) == ["cpe:2.3:o:linux:linux_kernel:4:*:*:*:*:*:*:*",
                                                        "cpe:2.3:o:linux:linux_kernel:5:*:*:*:*:*:*:*"])

        let software = drafts.filter { $0.kind == .software }
        #expect(software.map(\.sourceKey) == [21, 80, 445, 1433, 3306, 11211, 27017].map { "nmap:172.28.1.3:tcp/\($0)" })
        let byPort = Dictionary(uniqueKeysWithValues: software.map { ($0.sourceKey!, $0) })
        #expect(byPort["nmap:172.28.1.3:tcp/3306"]?.name == "MySQL 5.7.16 (172.28.1.3 tcp/3306)")
        #expect(byPort["nmap:172.28.1.3:tcp/3306"]?.cpes == [try cpe("cpe:2.3:a:mysql:mysql:5.7.16:*:*:*:*:*:*:*")])
        #expect(byPort["nmap:172.28.1.3:tcp/3306"]?.vendor == "mysql")
        #expect(byPort["nmap:172.28.1.3:tcp/11211"]?.cpes.map(\.formattedString)
            == ["cpe:2.3:a:memcached:memcached:1.4.25:*:*:*:*:*:*:*"])
        // nginx without a version: the CPE keeps version ANY.
        #expect(byPort["nmap:172.28.1.3:tcp/80"]?.name == "nginx (172.28.1.3 tcp/80)")
        #expect(byPort["nmap:172.28.1.3:tcp/80"]?.cpes.map(\.formattedString)
            == ["cpe:2.3:a:igor_sysoev:nginx:*:*:*:*:*:*:*:*"])
        // "8.00.528.00; SP1+" is kept as text but is no CPE version.
        #expect(byPort["nmap:172.28.1.3:tcp/1433"]?.version == "8.00.528.00; SP1+")
        #expect(software.allSatisfy { $0.cpes.allSatisfy { $0.cpePart == .application } })
    }

    @Test(.enabled(if: SharedInventoryData.hasNmapScans, "../shared/data/nmap is not present"))
    func fullSubnetScan() throws {
        let scan = try scan("libnmap-full_sudo6.xml")
        #expect(scan.args == "nmap -A -vv -oX full_sudo6.xml 192.168.1.0/24")
        #expect(scan.hosts.filter(\.isUp).map(\.ipv4) == ["192.168.1.1", "192.168.1.2", "192.168.1.5", "192.168.1.3"])
        let windows = try #require(scan.hosts.first { $0.ipv4 == "192.168.1.5" })
        #expect(windows.macVendor == "Intel Corporate")
        #expect(windows.osMatches.count == 5)
        #expect(windows.osMatches[3].classes.map(\.cpes) == [
            ["cpe:/o:microsoft:windows_vista::-", "cpe:/o:microsoft:windows_vista::sp1"],
            ["cpe:/o:microsoft:windows_server_2008::sp1"],
            ["cpe:/o:microsoft:windows_7"],
        ])
        #expect(windows.ports.map { $0.service?.cpes } == [["cpe:/o:microsoft:windows"], ["cpe:/o:microsoft:windows"]])

        let drafts = scan.assetDrafts().drafts
        // The first of the five equally accurate matches: Windows Server 2008 Beta 3.
        let server = try #require(drafts.first { $0.sourceKey == "nmap:192.168.1.5" })
        #expect(server.kind == .server)
        #expect(server.name == "192.168.1.5")
        #expect(server.vendor == "Microsoft")
        #expect(server.product == "Windows")
        #expect(server.version == "2008")
        #expect(server.cpes == [try cpe("cpe:2.3:o:microsoft:windows_server_2008:*:beta3:*:*:*:*:*:*")])
        #expect(server.notes?.contains("Microsoft Windows Server 2008 Beta 3") == true)
        // The services' OS names describe the host, not the HTTP server.
        let httpapi = try #require(drafts.first { $0.sourceKey == "nmap:192.168.1.5:tcp/2869" })
        #expect(httpapi.name == "Microsoft HTTPAPI httpd 2.0 (192.168.1.5 tcp/2869)")
        #expect(httpapi.cpes.isEmpty)
        #expect(httpapi.notes == "Dịch vụ http; SSDP/UPnP; hệ điều hành Windows.")

        let mac = try #require(drafts.first { $0.sourceKey == "nmap:192.168.1.3" })
        #expect(mac.cpes.map(\.formattedString) == ["cpe:2.3:o:apple:mac_os_x:10.8:*:*:*:*:*:*:*",
                                                     "cpe:2.3:o:apple:iphone_os:5:*:*:*:*:*:*:*"])
        let kerberos = try #require(drafts.first { $0.sourceKey == "nmap:192.168.1.3:tcp/88" })
        #expect(kerberos.kind == .software)
        #expect(kerberos.cpes.map(\.formattedString) == ["cpe:2.3:a:heimdal:kerberos:*:*:*:*:*:*:*:*"])
        // A host with no OS guess and only a tcpwrapped port.
        let apple = try #require(drafts.first { $0.sourceKey == "nmap:192.168.1.2" })
        #expect(apple.kind == .server)
        #expect(apple.cpes.isEmpty)
        #expect(apple.notes == "MAC C0:63:94:05:01:03 (Apple).")
    }

    @Test(.enabled(if: SharedInventoryData.hasNmapScans, "../shared/data/nmap is not present"))
    func oldScanKindsFromOSClassesBesideTheMatches() throws {
        let scan = try scan("nmap-ndiff-random-1.xml")
        let first = try #require(scan.hosts.first)
        #expect(first.ipv4 == "10.119.131.50")
        #expect(first.hostnames == ["humrpocy-19.example.com"])
        #expect(first.osMatches.map(\.accuracy) == [87, 87, 86, 86, 85])
        #expect(first.osMatches.allSatisfy { $0.classes.isEmpty })
        #expect(first.bestOSClass == NmapScan.OSClass(type: "switch", vendor: "HP", family: "embedded", accuracy: 87))

        let drafts = scan.assetDrafts().drafts
        let hosts = drafts.filter { $0.kind != .software }
        #expect(hosts.count == 55)
        let kinds = Dictionary(grouping: hosts, by: \.kind).mapValues(\.count)
        #expect(kinds == [.switch: 9, .server: 33, .router: 10, .firewall: 3])
        let hp = try #require(hosts.first)
        #expect(hp.kind == .switch)
        #expect(hp.name == "humrpocy-19.example.com")
        #expect(hp.vendor == "HP")
        #expect(hp.product == nil, "Nmap's family \"embedded\" is no product")
        #expect(hp.notes == "Nmap đoán hệ điều hành: HP 4000M ProCurve switch (J4121A) (độ chính xác 87%).")

        let second = try #require(scan.hosts.dropFirst().first)
        #expect(second.ports.count == 32)
        let proftpd = try #require(second.ports.first { $0.number == 21 })
        #expect(proftpd.state == "open")
        #expect(proftpd.service?.version == "1.2.8 - 1.2.9")
        #expect(try #require(second.ports.first { $0.number == 20 }).state == "closed")
    }

    // MARK: - The router fixture (cut from full_sudo6.xml)

    @Test func routerHostFromFixture() throws {
        let scan = try NmapScan(data: try Data(contentsOf: SharedInventoryData.fixture("nmap-router-host.xml")))
        let host = try #require(scan.hosts.first)
        #expect(scan.hosts.count == 1)
        #expect(host.status == "up")
        #expect(host.ipv4 == "192.168.1.1")
        #expect(host.mac == "6C:2E:85:19:AF:00")
        #expect(host.macVendor == "Sagemcom")
        #expect(host.hostnames.isEmpty)
        #expect(host.ports.map { "\($0.proto)/\($0.number)" } == ["tcp/23", "tcp/80", "tcp/443", "tcp/992", "tcp/8080", "tcp/8443"])
        #expect(host.ports[0].service == NmapScan.Service(name: "telnet", product: "Sagem router telnetd",
                                                          deviceType: "router"))

        let (drafts, problems) = scan.assetDrafts()
        #expect(problems.isEmpty)
        #expect(drafts.map(\.sourceKey) == ["nmap:192.168.1.1", "nmap:192.168.1.1:tcp/23", "nmap:192.168.1.1:tcp/992"])
        let router = drafts[0]
        #expect(router.kind == .router, "osclass type WAP")
        #expect(router.name == "192.168.1.1")
        #expect(router.hostname == nil)
        #expect(router.vendor == "Linux")
        #expect(router.version == "2.6.X")
        #expect(router.cpes == [try cpe("cpe:2.3:o:linux:linux_kernel:2.6.13:*:*:*:*:*:*:*")])
        #expect(router.notes == "Nmap đoán hệ điều hành: Linux 2.6.13 (embedded) (độ chính xác 100%). "
            + "MAC 6C:2E:85:19:AF:00 (Sagemcom).")
        #expect(drafts[1].name == "Sagem router telnetd (192.168.1.1 tcp/23)")
        #expect(drafts[1].kind == .software)
    }

    // MARK: - Synthetic scans (small documents written for these tests)

    static let synthetic = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE nmaprun>
    <nmaprun scanner="nmap" args="nmap -sV -O 2001:db8::/120" start="1700000000" version="7.94">
    <hosthint><status state="up"/><address addr="10.0.0.99" addrtype="ipv4"/></hosthint>
    <host><status state="up"/>
    <address addr="2001:DB8::1" addrtype="ipv6"/>
    <hostnames><hostname name="fw1.tinh.gov.vn" type="user"/><hostname name="fw1.tinh.gov.vn" type="PTR"/></hostnames>
    <ports>
    <port protocol="tcp" portid="22"><state state="open"/><service name="ssh" product="OpenSSH" version="7.4p1"><cpe>cpe:/a:openbsd:openssh</cpe></service></port>
    <port protocol="tcp" portid="443"><state state="open"/><service name="https" product="FortiGate httpd" version="5.X" devicetype="firewall"><cpe>cpe:/a:fortinet:fortigate</cpe><cpe>cpe:/h:fortinet:fortigate_100d</cpe></service></port>
    <port protocol="tcp" portid="8080"><state state="open"/><service name="http" product="Jetty" version="2.0.x"><cpe>cpe:/a:eclipse:jetty</cpe><cpe>cpe:/a:bad vendor:x</cpe></service></port>
    <port protocol="udp" portid="161"><state state="open|filtered"/><service name="snmp" product="net-snmp"/></port>
    </ports>
    <os><osmatch name="Fortinet FortiOS 5.0" accuracy="95">
    <osclass type="firewall" vendor="Fortinet" osfamily="FortiOS" osgen="5.X" accuracy="95"><cpe>cpe:/o:fortinet:fortios:5</cpe></osclass>
    </osmatch>
    <osmatch name="Linux 3.10" accuracy="90"><osclass type="general purpose" vendor="Linux" osfamily="Linux" osgen="3.X" accuracy="90"><cpe>cpe:/o:linux:linux_kernel:3.10</cpe></osclass></osmatch></os>
    </host>
    <host><status state="down"/><address addr="2001:db8::2" addrtype="ipv6"/></host>
    <host><status state="up"/><address addr="10.0.0.7" addrtype="ipv4"/>
    <ports><port protocol="tcp" portid="80"><state state="open"/><service name="http" product="Cisco IOS http config" devicetype="switch"/></port></ports>
    <os><osmatch name="Cisco IOS 15" accuracy="98"><osclass type="general purpose" vendor="Cisco" osfamily="IOS" osgen="15.X" accuracy="98"><cpe>cpe:/o:cisco:ios:15</cpe></osclass></osmatch></os>
    </host>
    </nmaprun>
    """

    @Test func syntheticScanWithIPv6FirewallAndVersionFilling() throws {
        let scan = try NmapScan(data: Data(Self.synthetic.utf8))
        #expect(scan.startTime == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(scan.hosts.map(\.status) == ["up", "down", "up"])
        #expect(scan.hosts[0].hostnames == ["fw1.tinh.gov.vn"])

        let (drafts, problems) = scan.assetDrafts()
        #expect(problems == ["Máy 2001:db8::1 cổng tcp/8080: bỏ qua tên CPE \"cpe:/a:bad vendor:x\" không hợp lệ: "
            + "vendor \"bad vendor\": ký tự \" \" không được phép ở đây (cho phép chữ, số, _ - .; dấu khác phải viết "
            + "kèm gạch chéo ngược, ví dụ \\( )."])
        #expect(drafts.map(\.sourceKey) == ["nmap:2001:db8::1", "nmap:2001:db8::1:tcp/22", "nmap:2001:db8::1:tcp/443",
                                            "nmap:2001:db8::1:tcp/8080", "nmap:10.0.0.7", "nmap:10.0.0.7:tcp/80"])
        let firewall = drafts[0]
        #expect(firewall.kind == .firewall)
        #expect(firewall.name == "fw1.tinh.gov.vn")
        #expect(firewall.ipAddress == "2001:db8::1", "IPv6 lower-cased")
        #expect(firewall.vendor == "Fortinet")
        #expect(firewall.product == "FortiOS")
        #expect(firewall.version == "5.X")
        #expect(firewall.cpes == [try cpe("cpe:2.3:o:fortinet:fortios:5:*:*:*:*:*:*:*")])
        // A plain version fills a CPE without one; ranges such as 5.X and 2.0.x do not.
        #expect(drafts[1].cpes == [try cpe("cpe:2.3:a:openbsd:openssh:7.4p1:*:*:*:*:*:*:*")])
        #expect(drafts[1].name == "OpenSSH 7.4p1 (2001:db8::1 tcp/22)")
        #expect(drafts[2].cpes == [try cpe("cpe:2.3:a:fortinet:fortigate:*:*:*:*:*:*:*:*"),
                                   try cpe("cpe:2.3:h:fortinet:fortigate_100d:*:*:*:*:*:*:*:*")])
        #expect(drafts[3].cpes == [try cpe("cpe:2.3:a:eclipse:jetty:*:*:*:*:*:*:*:*")])
        // The OS class says "general purpose"; the open service's device type says switch.
        #expect(drafts[4].kind == .switch)
        #expect(drafts[4].name == "10.0.0.7")
    }

    // MARK: - Errors

    @Test func brokenXMLIsAnErrorWithItsLine() throws {
        let text = "<?xml version=\"1.0\"?>\n<nmaprun scanner=\"nmap\">\n<host><status state=\"up\"/>\n"
            + "<address addr=\"10.0.0.1\" addrtype=\"ipv4\"/>\n</hots>\n</nmaprun>\n"
        let error = #expect(throws: InventoryError.self) { try NmapScan(data: Data(text.utf8)) }
        #expect(error == .malformedXML(line: 5, column: 8, code: 76))
        #expect(error?.vietnamese == "Tệp XML bị lỗi ở dòng 5, cột 8: thẻ đóng không khớp thẻ mở.")
        #expect(error?.english == "The XML is malformed at line 5, column 8: a closing tag does not match the opening tag.")
    }

    @Test func contentAfterTheRootIsAnError() throws {
        // Foundation's parser returns true here; the error reported to the delegate still counts.
        let text = "<nmaprun scanner=\"nmap\"></nmaprun>\n<nmaprun scanner=\"nmap\"></nmaprun>\n"
        #expect(throws: InventoryError.malformedXML(line: 2, column: 1, code: 5)) { try NmapScan(data: Data(text.utf8)) }
    }

    @Test func truncatedScanIsAnError() throws {
        // Cut after a line inside the first host, as a scan still running leaves its -oX file, or inside a tag.
        let lines = Self.synthetic.split(separator: "\n", omittingEmptySubsequences: false)
        let afterPorts = lines.prefix { !$0.hasPrefix("</ports>") }.joined(separator: "\n") + "\n</ports>\n"
        #expect(throws: InventoryError.truncated(root: "nmaprun")) { try NmapScan(data: Data(afterPorts.utf8)) }
        let insideTag = String(Self.synthetic.prefix(700))
        #expect(throws: InventoryError.truncated(root: "nmaprun")) { try NmapScan(data: Data(insideTag.utf8)) }
    }

    @Test func otherDocumentsAreRefused() throws {
        #expect(throws: InventoryError.unexpectedRoot(found: "html", expected: "nmaprun")) {
            try NmapScan(data: Data("<html><body>scan</body></html>".utf8))
        }
        #expect(throws: InventoryError.emptyDocument) { try NmapScan(data: Data(" \n".utf8)) }
        #expect(throws: InventoryError.self) { try NmapScan(data: Data("Nmap scan report for 10.0.0.1".utf8)) }
        #expect(throws: InventoryError.invalidAttribute(line: 1, element: "port", attribute: "portid", value: "ssh")) {
            try NmapScan(data: Data(#"<nmaprun><host><ports><port protocol="tcp" portid="ssh"/></ports></host></nmaprun>"#.utf8))
        }
    }

    @Test func entityDeclarationsAreRefused() throws {
        let bomb = """
        <?xml version="1.0"?>
        <!DOCTYPE nmaprun [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
        <nmaprun scanner="&b;"></nmaprun>
        """
        #expect(throws: InventoryError.entityDeclaration(line: 2)) { try NmapScan(data: Data(bomb.utf8)) }
    }

    @Test func errorMessagesInBothLanguages() {
        let error = InventoryError.unexpectedRoot(found: "html", expected: "nmaprun")
        #expect(error.description == error.vietnamese)
        #expect(error.vietnamese.contains("không phải kết quả quét Nmap"))
        #expect(error.english.contains("not an Nmap XML scan"))
        #expect(InventoryError.malformedXML(line: 5, column: 3, code: 9999).vietnamese
            == "Tệp XML bị lỗi ở dòng 5, cột 3: lỗi cú pháp (mã 9999).")
    }
}
