import Testing
import TrucCore

@Suite("IP address formats")
struct IPAddressFormatTests {
    @Test("RFC 5952 canonical IPv6", arguments: [
        ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("::1", "::1"),
        ("::", "::"),
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("fe80::", "fe80::"),
        ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
        ("0:0:0:0:0:ffff:c000:0201", "::ffff:192.0.2.1"),
        ("2001:db8::0:1", "2001:db8::1"),
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
    ])
    func canonical(input: String, expected: String) throws {
        let bytes = try #require(IPAddressFormat.parseIPv6(input))
        #expect(IPAddressFormat.ipv6String(bytes) == expected)
    }

    @Test("invalid IPv6 text", arguments: ["", ":", ":::", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "g::1", "::1%eth0", "1:2:3:4:5:6:7"])
    func invalidIPv6(text: String) {
        #expect(IPAddressFormat.parseIPv6(text) == nil)
    }

    @Test("IPv4 text")
    func ipv4() {
        #expect(IPAddressFormat.parseIPv4("192.0.2.1") == [192, 0, 2, 1])
        #expect(IPAddressFormat.parseIPv4("256.0.0.1") == nil)
        #expect(IPAddressFormat.parseIPv4("01.2.3.4") == nil)
        #expect(IPAddressFormat.parseIPv4("1.2.3") == nil)
        #expect(IPAddressFormat.ipv4String([10, 0, 0, 1]) == "10.0.0.1")
        #expect(IPAddressFormat.ipv4String([10, 0, 0]) == nil)
    }
}
