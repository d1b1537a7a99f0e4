import Foundation
import Testing
@testable import TrucCore

@Suite("Observables: validation, normal form, defanging")
struct ObservableTests {
    @Test("normal forms", arguments: [
        (ObservableKind.ipv4, " 203.0.113.7 ", "203.0.113.7"),
        (.ipv6, "2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        (.ipv6, "[2001:db8:0:0:1:0:0:1]", "2001:db8::1:0:0:1"),
        (.ipv6, "0:0:0:0:0:ffff:c000:0201", "::ffff:192.0.2.1"),
        (.domain, "Evil.Example.", "evil.example"),
        (.domain, "XN--BCHER-KVA.DE", "xn--bcher-kva.de"),
        (.domain, "mail.sotttt.xn--vn-xyz", "mail.sotttt.xn--vn-xyz"),
        (.url, "HTTPS://Evil.EXAMPLE/Path?Q=A#Frag", "https://evil.example/Path?Q=A#Frag"),
        (.url, "http://[2001:DB8::0:1]:8080/x", "http://[2001:db8::1]:8080/x"),
        (.url, "ftp://User@203.0.113.7:21", "ftp://User@203.0.113.7:21"),
        (.url, "https://evil.example", "https://evil.example"),
        (.url, "https://evil.example/tải-về?tệp=báo%20cáo", "https://evil.example/t%E1%BA%A3i-v%E1%BB%81?t%E1%BB%87p=b%C3%A1o%20c%C3%A1o"),
        (.url, "http://evil.example/a{b}|c^d`e?x=%zz&y=%2F#frag#more", "http://evil.example/a%7Bb%7D%7Cc%5Ed%60e?x=%25zz&y=%2F#frag%23more"),
        (.url, "http://evil.example/[x]", "http://evil.example/%5Bx%5D"),
        (.email, "Attacker.One+x@Evil.Example", "Attacker.One+x@evil.example"),
        (.md5, "D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e"),
        (.sha1, "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        (.sha256, "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (.cve, "cve-2021-44228", "CVE-2021-44228"),
        (.cve, "CVE-2024-1234567", "CVE-2024-1234567"),
    ])
    func normalForms(kind: ObservableKind, input: String, expected: String) throws {
        let observable = try Observable(kind: kind, value: input)
        #expect(observable.value == expected)
        // The normal form is a fixed point.
        #expect(try Observable(kind: kind, value: observable.value) == observable)
    }

    @Test("refused values", arguments: [
        (ObservableKind.ipv4, "1.2.3"), (.ipv4, "192.168.01.1"), (.ipv4, "256.1.1.1"), (.ipv4, "1.2.3.4.5"),
        (.ipv6, "2001:db8::1::2"), (.ipv6, "fe80::1%eth0"), (.ipv6, "203.0.113.7"),
        (.domain, "localhost"), (.domain, "evil..example"), (.domain, "-evil.example"), (.domain, "evil.e"),
        (.domain, "10.0.0.1"), (.domain, "evil.c0m"), (.domain, "evil example.com"),
        (.url, "evil.example/path"), (.url, "https://"), (.url, "https://evil.example:99999/"),
        (.url, "https://evil example/"), (.url, "https://[2001:db8::1/"), (.url, "https://ev\"il.example/"),
        (.email, "attacker@"), (.email, "@evil.example"), (.email, "a..b@evil.example"), (.email, ".a@evil.example"),
        (.email, "attacker@localhost"), (.email, "a b@evil.example"),
        (.md5, "d41d8cd98f00b204e9800998ecf8427"), (.md5, "g41d8cd98f00b204e9800998ecf8427e"),
        (.sha1, "d41d8cd98f00b204e9800998ecf8427e"), (.sha256, "abc"),
        (.cve, "CVE-21-44228"), (.cve, "CVE-2021-442"), (.cve, "CVE 2021 44228"), (.cve, "CAN-2021-44228"),
    ])
    func refused(kind: ObservableKind, input: String) {
        #expect(throws: ObservableError.self) { try Observable(kind: kind, value: input) }
    }

    @Test("errors are specific and bilingual")
    func errors() {
        #expect(throws: ObservableError.empty(.domain)) { try Observable(kind: .domain, value: "  ") }
        #expect(throws: ObservableError.nonASCIIHost(.domain, value: "bücher.de")) {
            try Observable(kind: .domain, value: "bücher.de")
        }
        #expect(throws: ObservableError.nonASCIIHost(.url, value: "https://tỉnh.vn/")) {
            try Observable(kind: .url, value: "https://tỉnh.vn/")
        }
        #expect(throws: ObservableError.unsupportedScheme(value: "javascript://x", scheme: "javascript")) {
            try Observable(kind: .url, value: "javascript://x")
        }
        let error = ObservableError.invalid(.ipv4, value: "1.2.3")
        #expect(error.vietnamese == "\"1.2.3\" không phải là địa chỉ IPv4 hợp lệ (bốn số 0–255 cách nhau bởi dấu chấm, "
            + "không có số 0 đứng đầu).")
        #expect(error.english.hasPrefix("\"1.2.3\" is not a valid IPv4 address"))
        #expect(error.description == error.vietnamese)
        let long = ObservableError.invalid(.domain, value: String(repeating: "x", count: 500))
        #expect(long.vietnamese.count < 200)
        for kind in ObservableKind.allCases {
            #expect(!ObservableError.empty(kind).vietnamese.isEmpty && !ObservableError.empty(kind).english.isEmpty)
            #expect(kind.vietnamese != kind.english)
        }
    }

    @Test("defanged forms, and refanging them gives the value back", arguments: [
        (ObservableKind.ipv4, "203.0.113.7", "203.0.113[.]7"),
        (.ipv6, "2001:db8::1", "2001[:]db8[:][:]1"),
        (.domain, "www.evil.example", "www[.]evil[.]example"),
        (.url, "http://evil.com", "hxxp://evil[.]com"),
        (.url, "https://evil.example/a.php?x=1.2", "hxxps://evil[.]example/a.php?x=1.2"),
        (.url, "ftp://203.0.113.7/pub", "fxp://203[.]0[.]113[.]7/pub"),
        (.email, "attacker.one@evil.example", "attacker.one[@]evil[.]example"),
        (.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (.cve, "CVE-2021-44228", "CVE-2021-44228"),
    ])
    func defanged(kind: ObservableKind, value: String, expected: String) throws {
        let observable = try Observable(kind: kind, value: value)
        #expect(observable.defanged == expected)
        #expect(ObservableExtractor.refang(observable.defanged) == value)
    }

    @Test("Codable validates and normalises")
    func codable() throws {
        let observable = try Observable(kind: .ipv6, value: "2001:DB8::0:1")
        let data = try JSONEncoder().encode(observable)
        #expect(try JSONDecoder().decode(Observable.self, from: data) == observable)
        let loose = Data(#"{"kind": "domain", "value": "Evil.Example."}"#.utf8)
        #expect(try JSONDecoder().decode(Observable.self, from: loose).value == "evil.example")
        let bad = Data(#"{"kind": "ipv4", "value": "1.2.3"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Observable.self, from: bad) }
        let unknown = Data(#"{"kind": "mac", "value": "00:11:22:33:44:55"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Observable.self, from: unknown) }
    }

    @Test("kinds: raw values, labels, hash lengths")
    func kinds() {
        #expect(ObservableKind.allCases.map(\.rawValue)
            == ["ipv4", "ipv6", "domain", "url", "email", "md5", "sha1", "sha256", "cve"])
        #expect(ObservableKind.allCases.filter(\.isHash) == [.md5, .sha1, .sha256])
        #expect([ObservableKind.md5, .sha1, .sha256].map(\.hashLength) == [32, 40, 64])
        #expect(ObservableKind.domain.vietnamese == "Tên miền")
    }
}
