import Foundation
import Testing
@testable import TrucCore

@Suite struct MonitorTargetParsingTests {
    private func parse(_ kind: MonitorKind, _ text: String) throws(MonitorValidationError) -> MonitorTarget {
        try MonitorTarget.parse(kind: kind, text: text)
    }

    private func refused(_ kind: MonitorKind, _ text: String) -> MonitorValidationError? {
        do {
            _ = try parse(kind, text)
            return nil
        } catch {
            return error
        }
    }

    @Test func httpURLIsNormalised() throws {
        let target = try parse(.http, "  HTTPS://Example.ORG:8443/status?x=1  ")
        #expect(target.text == "https://example.org:8443/status?x=1")
        #expect(target.host == "example.org")
        #expect(target.port == 8443)
        #expect(target.kind == .http)
        #expect(try parse(.http, "http://192.0.2.1").port == 80)
        #expect(try parse(.http, "https://example.org./").text == "https://example.org/")
    }

    @Test func httpIPv6Host() throws {
        let target = try parse(.http, "http://[2001:DB8:0:0::1]:8080/x")
        #expect(target.host == "2001:db8::1")
        #expect(target.text == "http://[2001:db8::1]:8080/x")
    }

    @Test func httpRefusals() {
        for text in ["", "   ", "ftp://example.org/", "example.org", "http:///path", "http://user:secret@example.org/",
                     "http://user@example.org/", "https://exa mple.org/", "http://example.org:0/",
                     "http://example.org:70000/", "http://-bad-.org/", "http://256.1.1.1/"] {
            let error = refused(.http, text)
            #expect(error != nil, "\(text) should be refused")
            #expect(error?.problems.allSatisfy { $0.field == "target" } == true)
        }
        #expect(refused(.http, "http://a:b@example.org/")?.english.contains("password") == true)
    }

    @Test func idnIsRefusedWithPunycodeHint() {
        for kind in [MonitorKind.http, .tls, .dns] {
            let text = kind == .http ? "https://bücher.de/" : "bücher.de"
            let error = refused(kind, text)
            #expect(error?.vietnamese.contains("xn--") == true)
            #expect(error?.english.contains("punycode") == true)
        }
        #expect((try? parse(.dns, "xn--bcher-kva.de")) == .dns(name: "xn--bcher-kva.de"))
    }

    @Test func tcpTargets() throws {
        #expect(try parse(.tcp, "Mail.Example.org:25") == .tcp(host: "mail.example.org", port: 25))
        #expect(try parse(.tcp, "192.0.2.1:22").text == "192.0.2.1:22")
        #expect(try parse(.tcp, "[::1]:8080") == .tcp(host: "::1", port: 8080))
        #expect(try parse(.tcp, "[::1]:8080").text == "[::1]:8080")
        for text in ["example.org", "example.org:", "example.org:0", "example.org:65536", "example.org:http",
                     "::1:80", "[::1]", "[::1]80", "[zz::1]:80", "1.2.3:80", "999.0.0.1:80", "01.2.3.4:80"] {
            #expect(refused(.tcp, text) != nil, "\(text) should be refused")
        }
        #expect(refused(.tcp, "2001:db8::1:443")?.english.contains("brackets") == true)
    }

    @Test func tlsTargets() throws {
        #expect(try parse(.tls, "example.org") == .tls(host: "example.org", port: 443))
        #expect(try parse(.tls, "example.org").text == "example.org:443")
        #expect(try parse(.tls, "example.org:8443") == .tls(host: "example.org", port: 8443))
        #expect(try parse(.tls, "https://Example.org/login") == .tls(host: "example.org", port: 443))
        #expect(try parse(.tls, "https://example.org:9443/") == .tls(host: "example.org", port: 9443))
        #expect(try parse(.tls, "2001:db8::1") == .tls(host: "2001:db8::1", port: 443))
        #expect(try parse(.tls, "[2001:db8::1]:993").text == "[2001:db8::1]:993")
        #expect(refused(.tls, "http://example.org/") != nil)
        #expect(refused(.tls, "example.org:99999") != nil)
    }

    @Test func dnsNames() throws {
        #expect(try parse(.dns, "Example.ORG.") == .dns(name: "example.org"))
        #expect(try parse(.dns, "_dmarc.example.org") == .dns(name: "_dmarc.example.org"))
        #expect(try parse(.dns, "localhost").host == "localhost")
        #expect(try parse(.dns, "example.org").port == nil)
        let long63 = String(repeating: "a", count: 63)
        #expect(try parse(.dns, "\(long63).org") == .dns(name: "\(long63).org"))
        let tooLongLabel = String(repeating: "a", count: 64) + ".org"
        let tooLongName = Array(repeating: String(repeating: "a", count: 50), count: 5).joined(separator: ".") + ".org"
        for text in [".", "a..b", ".example.org", "-a.org", "a-.org", "a b.org", "a*.org", tooLongLabel, tooLongName,
                     "192.0.2.1", "::1", "https://example.org/", "example.org/path"] {
            #expect(refused(.dns, text) != nil, "\(text) should be refused")
        }
    }

    @Test func textRoundTrips() throws {
        let samples: [(MonitorKind, String)] = [
            (.http, "https://example.org/a%20b?q=1#frag"), (.http, "http://[::1]:8080/"),
            (.tcp, "[2001:db8::5]:22"), (.tcp, "host.example:65535"), (.tls, "example.org:443"), (.dns, "example.org"),
        ]
        for (kind, text) in samples {
            let target = try parse(kind, text)
            #expect(try parse(kind, target.text) == target)
        }
    }

    @Test func ipv6Normalisation() {
        #expect(HostPort.normalizedIPv6("2001:0DB8:0000:0000:0000:0000:0000:0001") == "2001:db8::1")
        #expect(HostPort.normalizedIPv6("2001:db8:0:1:0:0:0:1") == "2001:db8:0:1::1")
        #expect(HostPort.normalizedIPv6("2001:db8:0:0:1:0:0:1") == "2001:db8::1:0:0:1")
        #expect(HostPort.normalizedIPv6("2001:db8:1:1:1:1:0:1") == "2001:db8:1:1:1:1:0:1")
        #expect(HostPort.normalizedIPv6("::") == "::")
        #expect(HostPort.normalizedIPv6("::ffff:192.0.2.1") == "::ffff:192.0.2.1")
        #expect(HostPort.normalizedIPv6("64:ff9b::192.0.2.1") == "64:ff9b::c000:201")
        for bad in ["1::2::3", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "12345::1", "fe80::1%eth0", "1:2:3:4:5:6:7::8",
                    "::1.2.3", "1.2.3.4::"] {
            #expect(HostPort.normalizedIPv6(bad) == nil, "\(bad)")
        }
    }

    @Test func errorMessagesAreBilingual() {
        let error = MonitorValidationError(problems: [
            .init(field: "a", vietnamese: "Một.", english: "One."),
            .init(field: "b", vietnamese: "Hai.", english: "Two."),
        ])
        #expect(error.description == "Một. Hai.")
        #expect(error.english == "One. Two.")
        #expect(error.fields == ["a", "b"])
        #expect(error.problems(for: "b").map(\.english) == ["Two."])
    }
}
