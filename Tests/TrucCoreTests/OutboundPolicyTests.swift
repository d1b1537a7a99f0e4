import Testing
import TrucCore

@Suite("Outbound policy: hosts, ranges, classes and decisions")
struct OutboundPolicyTests {
    // MARK: - Host forms

    @Test("IPv4 in every form URL parsers and inet_aton read", arguments: [
        ("127.0.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0X7F000001", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0177.0.0.01", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0x7f.0.0.0x1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("127.0.0.1.", "127.0.0.1"),
        ("0", "0.0.0.0"),
        ("0x", "0.0.0.0"),
        ("0.0.0.0", "0.0.0.0"),
        ("169.254.43518", "169.254.169.254"),
        ("2852039166", "169.254.169.254"),
        ("0xa9fea9fe", "169.254.169.254"),
        ("0251.0376.0251.0376", "169.254.169.254"),
        ("10.1", "10.0.0.1"),
        ("4294967295", "255.255.255.255"),
        ("[::1]", "::1"),
        ("::1", "::1"),
        ("[::ffff:169.254.169.254]", "::ffff:169.254.169.254"),
        ("[::FFFF:A9FE:A9FE]", "::ffff:169.254.169.254"),
        ("[0:0:0:0:0:0:0:1]", "::1"),
    ])
    func looseIPv4AndIPv6(text: String, expected: String) {
        #expect(IPAddress.parseHost(text) == .address(IPAddress(expected)!), "\(text)")
    }

    @Test("hosts that are names", arguments: [
        ("example.org", "example.org"),
        ("Example.ORG.", "example.org"),
        ("metadata.google.internal", "metadata.google.internal"),
        ("localhost", "localhost"),
        ("127.0.0.1.nip.io", "127.0.0.1.nip.io"),
        ("0x7f.example", "0x7f.example"),
        ("1.2.3.4a", "1.2.3.4a"),
    ])
    func names(text: String, expected: String) {
        #expect(IPAddress.parseHost(text) == .name(expected))
    }

    @Test("malformed hosts", arguments: [
        "", "1.2.3.4.5", "256.0.0.1", "1.256.0.1", "127.0.0.256", "4294967296", "0x100000000", "08.0.0.1",
        "99999999999999999999", "[::1", "[fe80::1%25eth0]", "fe80::1%eth0", "[1::2::3]", "exa%6dple.org", "bücher.de",
        "a b", "..", ".example.org", "a..b", "+1.2.3.4", "1.-2.3.4",
    ])
    func malformed(text: String) {
        #expect(IPAddress.parseHost(text) == .malformed, "\(text)")
    }

    // MARK: - Ranges

    @Test func ranges() throws {
        let net = try IPNetwork(parsing: "10.1.0.0/16")
        #expect(net.description == "10.1.0.0/16")
        #expect(net.contains(IPAddress("10.1.255.3")!))
        #expect(!net.contains(IPAddress("10.2.0.1")!))
        #expect(!net.contains(IPAddress("::ffff:10.1.0.1")!), "different families do not match")
        #expect(try IPNetwork(parsing: "192.0.2.7").description == "192.0.2.7/32")
        #expect(try IPNetwork(parsing: "::1").description == "::1/128")
        #expect(try IPNetwork(parsing: " [fd00::]/8 ").description == "fd00::/8")
        #expect(try IPNetwork(parsing: "0.0.0.0/0").contains(IPAddress("8.8.8.8")!))
        #expect(try IPNetwork(parsing: "2001:db8::/32").contains(IPAddress("2001:db8:ffff::1")!))
        #expect(try IPNetwork(parsing: "10.0.0.0/8").contains(IPNetwork(parsing: "10.1.0.0/16")))
        #expect(try !IPNetwork(parsing: "10.1.0.0/16").contains(IPNetwork(parsing: "10.0.0.0/8")))
        #expect(try IPNetwork(parsing: "10.1.0.0/16").overlaps(IPNetwork(parsing: "10.0.0.0/8")))
        #expect(try !IPNetwork(parsing: "10.1.0.0/16").overlaps(IPNetwork(parsing: "10.2.0.0/16")))
        #expect(try IPNetwork(parsing: "10.1.2.128/25").contains(IPAddress("10.1.2.200")!))
        #expect(try !IPNetwork(parsing: "10.1.2.128/25").contains(IPAddress("10.1.2.127")!))
    }

    @Test("bad ranges", arguments: [
        ("10.0.0.0/33", IPNetwork.ParseError.invalidPrefix),
        ("10.0.0.0/", .invalidPrefix),
        ("10.0.0.0/-1", .invalidPrefix),
        ("10.0.0.0/08", .invalidPrefix),
        ("::/129", .invalidPrefix),
        ("10.0.0/8", .invalidAddress),
        ("example.org/24", .invalidAddress),
        ("/8", .invalidAddress),
    ])
    func badRanges(text: String, error: IPNetwork.ParseError) {
        #expect(throws: error) { try IPNetwork(parsing: text) }
    }

    @Test func hostBitsAreRefusedWithASuggestion() {
        #expect(throws: IPNetwork.ParseError.hostBitsSet(suggestion: try! IPNetwork(parsing: "10.1.0.0/16"))) {
            try IPNetwork(parsing: "10.1.2.3/16")
        }
    }

    // MARK: - Classes

    @Test("IPv4 classes", arguments: [
        ("8.8.8.8", OutboundAddressClass.public),
        ("1.1.1.1", .public),
        ("113.160.0.1", .public),
        ("0.0.0.0", .unspecified),
        ("0.1.2.3", .unspecified),
        ("10.0.0.1", .privateUse),
        ("10.255.255.255", .privateUse),
        ("100.64.0.1", .privateUse),
        ("100.127.255.254", .privateUse),
        ("100.128.0.1", .public),
        ("100.63.255.255", .public),
        ("100.100.100.200", .cloudMetadata),
        ("127.0.0.1", .loopback),
        ("127.255.255.254", .loopback),
        ("169.254.0.1", .linkLocal),
        ("169.254.169.254", .cloudMetadata),
        ("169.254.170.2", .cloudMetadata),
        ("172.15.255.255", .public),
        ("172.16.0.1", .privateUse),
        ("172.31.255.255", .privateUse),
        ("172.32.0.1", .public),
        ("192.0.0.8", .reserved),
        ("192.0.0.192", .cloudMetadata),
        ("192.0.2.1", .reserved),
        ("192.88.99.1", .reserved),
        ("192.168.1.1", .privateUse),
        ("198.18.0.1", .reserved),
        ("198.19.255.255", .reserved),
        ("198.20.0.1", .public),
        ("198.51.100.1", .reserved),
        ("203.0.113.7", .reserved),
        ("224.0.0.1", .multicast),
        ("239.255.255.250", .multicast),
        ("240.0.0.1", .reserved),
        ("255.255.255.254", .reserved),
        ("255.255.255.255", .broadcast),
    ])
    func ipv4Classes(text: String, expected: OutboundAddressClass) {
        #expect(OutboundPolicy.classify(IPAddress(text)!) == expected, "\(text)")
    }

    @Test("IPv6 classes, with IPv4 carried inside", arguments: [
        ("2001:4860:4860::8888", OutboundAddressClass.public),
        ("2404:6800:4005:80a::200e", .public),
        ("::", .unspecified),
        ("::1", .loopback),
        ("fe80::1", .linkLocal),
        ("febf::1", .linkLocal),
        ("fec0::1", .privateUse),
        ("fc00::1", .privateUse),
        ("fd12:3456:789a::1", .privateUse),
        ("fd00:ec2::254", .cloudMetadata),
        ("ff02::1", .multicast),
        ("ff05::1:3", .multicast),
        ("2001:db8::1", .reserved),
        ("2001::1", .reserved),
        ("100::1", .reserved),
        ("3fff::1", .reserved),
        ("4000::1", .reserved),
        ("1::1", .reserved),
        ("::ffff:8.8.8.8", .public),
        ("::ffff:127.0.0.1", .loopback),
        ("::ffff:169.254.169.254", .cloudMetadata),
        ("::ffff:169.254.1.1", .linkLocal),
        ("::ffff:10.0.0.1", .privateUse),
        ("::ffff:0.0.0.0", .unspecified),
        ("::ffff:224.0.0.1", .multicast),
        ("::127.0.0.1", .loopback),
        ("::8.8.8.8", .reserved),
        ("64:ff9b::8.8.8.8", .public),
        ("64:ff9b::7f00:1", .loopback),
        ("64:ff9b::a9fe:a9fe", .cloudMetadata),
        ("64:ff9b::10.1.2.3", .privateUse),
        ("64:ff9b:1::1", .reserved),
        ("2002:808:808::1", .public),
        ("2002:a00:1::1", .privateUse),
        ("2002:a9fe:a9fe::1", .cloudMetadata),
        ("2002:7f00:1::1", .loopback),
    ])
    func ipv6Classes(text: String, expected: OutboundAddressClass) {
        #expect(OutboundPolicy.classify(IPAddress(text)!) == expected, "\(text)")
    }

    @Test("names by themselves", arguments: [
        ("localhost", OutboundAddressClass?.some(.loopback)),
        ("api.localhost", .loopback),
        ("metadata.google.internal", .cloudMetadata),
        ("metadata", .cloudMetadata),
        ("instance-data.ec2.internal", .cloudMetadata),
        ("db.internal", .internalName),
        ("printer.local", .internalName),
        ("nas.home.arpa", .internalName),
        ("intranet", .internalName),
        ("example.org", nil),
        ("cong.so-a.gov.vn", nil),
        ("internal.example.org", nil),
    ])
    func nameClasses(name: String, expected: OutboundAddressClass?) {
        #expect(OutboundPolicy.nameClass(name) == expected)
    }

    // MARK: - Decisions

    /// The targets of issue 11, literal or loose: refused by the strict policy and by one that allows the private
    /// ranges and 127.0.0.1; the always-refused ones stay refused whatever is allowed.
    @Test("always refused", arguments: [
        "169.254.169.254", "[::ffff:169.254.169.254]", "::ffff:a9fe:a9fe", "2852039166", "0xa9fea9fe", "0251.0376.0251.0376",
        "169.254.43518", "0.0.0.0", "0", "[::]", "metadata.google.internal", "metadata", "fe80::1", "224.0.0.1",
        "255.255.255.255", "[ff02::1]", "100.100.100.200", "[fd00:ec2::254]", "64:ff9b::a9fe:a9fe", "1.2.3.4.5",
    ])
    func alwaysRefused(host: String) throws {
        let generous = OutboundPolicy(allowing: try ["10.0.0.0/8", "100.64.0.0/10", "fc00::/7", "127.0.0.0/8", "::1",
                                                     "192.0.0.0/24", "*.internal", "metadata.example.org"]
            .map { try OutboundAllowEntry(parsing: $0) })
        for policy in [OutboundPolicy.strict, generous] {
            guard case .refused(let refusal) = policy.screen(host: host) else {
                Issue.record("\(host) was not refused")
                continue
            }
            #expect(!refusal.canBeAllowed, "\(host): \(refusal.addressClass)")
        }
    }

    @Test("loopback in every form is refused unless allowed", arguments: [
        "127.0.0.1", "127.1", "2130706433", "0x7f000001", "0177.0.0.1", "0x7f.1", "127.0.0.1.", "[::1]", "::1",
        "[::ffff:127.0.0.1]", "localhost", "LOCALHOST.", "app.localhost",
    ])
    func loopback(host: String) throws {
        guard case .refused(let refusal) = OutboundPolicy.strict.screen(host: host) else {
            Issue.record("\(host) was not refused")
            return
        }
        #expect(refusal.addressClass == .loopback && refusal.canBeAllowed)
        let allowing = OutboundPolicy(allowing: [try OutboundAllowEntry(parsing: "127.0.0.0/8"), try OutboundAllowEntry(parsing: "::1")])
        switch allowing.screen(host: host) {
        case .refused(let again): Issue.record("\(host) refused when loopback is allowed: \(again)")
        case .address(let address): #expect(OutboundPolicy.classify(address) == .loopback)
        case .name(let name): #expect(OutboundPolicy.fixedAddresses(forName: name) == [IPAddress("127.0.0.1")!])
        }
    }

    @Test func loopbackNeedsItsOwnRange() throws {
        let only = OutboundPolicy(allowing: [try OutboundAllowEntry(parsing: "127.0.0.1")])
        #expect(only.check(IPAddress("127.0.0.1")!) == nil)
        #expect(only.check(IPAddress("127.0.0.2")!)?.addressClass == .loopback)
        #expect(only.check(IPAddress("::1")!)?.addressClass == .loopback, "IPv6 loopback needs ::1 on the list")
        #expect(only.check(IPAddress("::ffff:127.0.0.1")!) == nil, "the mapped form is the same destination")
        // A name entry never allows loopback, even for the name itself.
        let byName = OutboundPolicy(allowing: [try OutboundAllowEntry(parsing: "app.example.org")])
        #expect(byName.check(IPAddress("127.0.0.1")!, name: "app.example.org")?.viaName == true)
        // Built by hand (the parser refuses it), a wide range still does not allow loopback.
        let wide = OutboundPolicy(allowing: [.range(try IPNetwork(parsing: "64.0.0.0/2"))])
        #expect(wide.check(IPAddress("127.0.0.1")!) != nil)
    }

    @Test func privateRangesNeedTheAllowList() throws {
        for host in ["10.1.2.3", "172.16.5.4", "192.168.1.10", "100.64.1.1", "[fd12::1]", "192.0.2.10", "[::ffff:10.1.2.3]", "012.1.2.3"] {
            guard case .refused(let refusal) = OutboundPolicy.strict.screen(host: host) else {
                Issue.record("\(host) was not refused")
                continue
            }
            #expect(refusal.canBeAllowed && [.privateUse, .reserved].contains(refusal.addressClass))
        }
        let policy = OutboundPolicy(allowing: try ["10.1.2.0/24", "fd12::/16"].map { try OutboundAllowEntry(parsing: $0) })
        #expect(policy.screen(host: "10.1.2.3") == .address(IPAddress("10.1.2.3")!))
        #expect(policy.screen(host: "[::ffff:10.1.2.3]") == .address(IPAddress("::ffff:10.1.2.3")!))
        #expect(policy.screen(host: "[fd12::1]") == .address(IPAddress("fd12::1")!))
        #expect(policy.check(IPAddress("10.1.3.1")!) != nil)
        #expect(policy.screen(host: "8.8.8.8") == .address(IPAddress("8.8.8.8")!))
    }

    @Test func namesAreResolvedThenEveryAddressChecked() throws {
        #expect(OutboundPolicy.strict.screen(host: "Cong.So-A.gov.vn.") == .name("cong.so-a.gov.vn"))
        let strict = OutboundPolicy.strict
        #expect(strict.check([IPAddress("203.113.1.1")!, IPAddress("2404:6800::1")!], name: "cong.so-a.gov.vn") == nil)
        let mixed = strict.check([IPAddress("203.113.1.1")!, IPAddress("10.0.0.5")!], name: "cong.so-a.gov.vn")
        #expect(mixed == OutboundRefusal(host: "cong.so-a.gov.vn", addressClass: .privateUse, viaName: true))
        #expect(mixed?.english.contains("10.0.0.5") == false, "the resolved address is not disclosed")
        #expect(mixed?.probeMessage.contains("10.0.0.5") == false)
        // A name entry allows the name's private addresses, and internal names.
        let named = OutboundPolicy(allowing: try ["intranet.so-a.gov.vn", "*.corp.internal"].map { try OutboundAllowEntry(parsing: $0) })
        #expect(named.check([IPAddress("10.0.0.5")!], name: "intranet.so-a.gov.vn") == nil)
        #expect(named.check([IPAddress("10.0.0.5")!], name: "other.so-a.gov.vn") != nil)
        #expect(named.check([IPAddress("169.254.169.254")!], name: "intranet.so-a.gov.vn") != nil)
        #expect(named.screen(host: "db.corp.internal") == .name("db.corp.internal"))
        #expect(named.screen(host: "corp.internal") == .refused(OutboundRefusal(host: "corp.internal", addressClass: .internalName, viaName: false)))
        #expect(strict.screen(host: "db.internal") == .refused(OutboundRefusal(host: "db.internal", addressClass: .internalName, viaName: false)))
    }

    @Test func refusalsSayWhatAndHowToAllow() {
        let privateOne = OutboundRefusal(host: "10.1.2.3", addressClass: .privateUse, viaName: false)
        #expect(privateOne.english.contains("10.1.2.3 is a private address"))
        #expect(privateOne.english.contains("allow-list"))
        #expect(privateOne.vietnamese.contains("danh sách cho phép"))
        #expect(privateOne.problem(field: "target").english.hasPrefix("target: "))
        #expect(privateOne.probeMessage == "blocked by the outbound policy: private address, not on the allow-list")
        let metadata = OutboundRefusal(host: "169.254.169.254", addressClass: .cloudMetadata, viaName: false)
        #expect(metadata.english.contains("never connects"))
        #expect(metadata.probeMessage == "blocked by the outbound policy: cloud metadata service")
        let named = OutboundRefusal(host: "x.example.org", addressClass: .loopback, viaName: true)
        #expect(named.english.hasPrefix("the name x.example.org resolves to a loopback address"))
        #expect(named.english.contains("127.0.0.0/8"))
    }

    // MARK: - Allow-list entries

    @Test("entries accepted", arguments: [
        ("10.1.0.0/16", "10.1.0.0/16", "range"),
        ("192.168.5.7", "192.168.5.7/32", "range"),
        ("127.0.0.1/32", "127.0.0.1/32", "range"),
        ("127.0.0.0/8", "127.0.0.0/8", "range"),
        ("::1", "::1/128", "range"),
        ("FD12:3456::/32", "fd12:3456::/32", "range"),
        ("8.8.8.0/24", "8.8.8.0/24", "range"),
        ("Intranet.So-A.gov.vn.", "intranet.so-a.gov.vn", "name"),
        ("*.so-a.gov.vn", "*.so-a.gov.vn", "name"),
        ("db.internal", "db.internal", "name"),
    ])
    func entries(text: String, canonical: String, kind: String) throws {
        let entry = try OutboundAllowEntry(parsing: text)
        #expect(entry.description == canonical && entry.kind == kind)
        #expect(try OutboundAllowEntry(parsing: entry.description) == entry)
    }

    @Test("entries refused", arguments: [
        "", "10.1.2.3/16", "10.0.0.0/33", "0.0.0.0/0", "0.0.0.0/8", "169.254.0.0/16", "169.254.169.254", "128.0.0.0/1",
        "224.0.0.0/4", "255.255.255.255", "::/0", "fe80::/10", "ff00::/8", "::", "64.0.0.0/2", "::/127",
        "::ffff:10.0.0.0/104", "localhost", "*.localhost", "metadata.google.internal", "bücher.de", "a..b", "2130706433",
        "0x7f.1", "*", "a.*.b", "exa mple.org",
    ])
    func refusedEntries(text: String) {
        #expect(throws: FieldValidationError.self) { try OutboundAllowEntry(parsing: text, field: "entry") }
    }

    @Test func entryMessagesNameTheField() {
        do {
            _ = try OutboundAllowEntry(parsing: "169.254.0.0/16", field: "value")
            Issue.record("accepted")
        } catch {
            #expect(error.fields == ["value"])
            #expect(error.english.contains("link-local") && error.english.hasPrefix("value: "))
        }
        do {
            _ = try OutboundAllowEntry(parsing: "10.1.2.3/16")
            Issue.record("accepted")
        } catch {
            #expect(error.english.contains("10.1.0.0/16"))
        }
    }

    @Test func wildcardsMatchSubdomainsOnly() throws {
        let entry = try OutboundAllowEntry(parsing: "*.so-a.gov.vn")
        #expect(entry.matches(name: "cong.so-a.gov.vn"))
        #expect(entry.matches(name: "a.b.so-a.gov.vn"))
        #expect(!entry.matches(name: "so-a.gov.vn"))
        #expect(!entry.matches(name: "evilso-a.gov.vn"))
        #expect(!entry.matches(name: "so-a.gov.vn.evil.org"))
        let exact = try OutboundAllowEntry(parsing: "so-a.gov.vn")
        #expect(exact.matches(name: "so-a.gov.vn") && !exact.matches(name: "x.so-a.gov.vn"))
    }
}
