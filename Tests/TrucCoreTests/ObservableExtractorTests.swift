import Foundation
import Testing
@testable import TrucCore

@Suite("Observable extraction from free text")
struct ObservableExtractorTests {
    private func pairs(_ text: String) -> [String] {
        ObservableExtractor.extract(from: text).map { "\($0.kind.rawValue) \($0.value)" }
    }

    @Test("Vietnamese report with defanged indicators")
    func vietnameseReport() {
        let text = """
            Kính gửi Đội ƯCSC tỉnh,
            Lúc 10.30 ngày 24.11.2026, máy chủ 203.0.113[.]7 của Sở đã kết nối tới hxxps://evil[.]example/path?a=1, \
            tải tệp bao-cao.pdf và setup.exe (mã băm e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855; \
            MD5: D41D8CD98F00B204E9800998ECF8427E). Nghi khai thác lỗ hổng cve-2021-44228 trên Log4j 2.14.1.
            Email gửi đến từ: attacker@evil[.]example; máy chủ C2 cũng dùng tên miền c2.evil(.)example và \
            IPv6 2001:DB8::7. Phiên bản 1.2.3.4.5 của phần mềm, giá trị 3,14 và 1.000.000.000 đồng không liên quan.
            Lặp lại: 203.0.113.7 và HXXPS://EVIL[.]EXAMPLE/path?a=1.
            """
        #expect(pairs(text) == [
            "ipv4 203.0.113.7",
            "url https://evil.example/path?a=1",
            "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "md5 d41d8cd98f00b204e9800998ecf8427e",
            "cve CVE-2021-44228",
            "email attacker@evil.example",
            "domain c2.evil.example",
            "ipv6 2001:db8::7",
        ])
    }

    @Test("no false positives in ordinary text", arguments: [
        "Phiên bản 1.2.3 đã được cập nhật lên 2.0.1.",
        "Xem tệp bao-cao.pdf, setup.exe, index.html, config.php, backup.tar.gz và nhat-ky.log.",
        "Họp lúc 10.30, kết thúc 11:45:30; tỷ lệ 99.9% và 3.14159.",
        "Ngày 30.4.2023 và 1.5.2023; số tiền 1.500.000.000 đồng.",
        "Địa chỉ 192.168.01.1 sai; 256.1.1.1 cũng sai; 1.2.3.4.5 là số phiên bản.",
        "TP.HCM, TT.Huế, Tp.Hà Nội và v.v. không phải tên miền.",
        "Node.js, README.md, main.swift, e.g. i.e. etc.",
        "Địa chỉ MAC 00:1a:2b:3c:4d:5e và thời gian 12:30:45.",
        "Mã số 12345678901234567890123456789012 chỉ có chữ số.",
        "std::vector và Foo::bar là mã C++; chuỗi :: đứng một mình.",
        "http:// trống và https://",
        "Số hiệu CVE-21-1234 và CVE-2021-12 không hợp lệ.",
    ])
    func falsePositives(text: String) {
        #expect(pairs(text) == [])
    }

    @Test("refanging", arguments: [
        ("hxxp://evil[.]com/a", "http://evil.com/a"),
        ("hXXps[:]//evil[dot]com", "https://evil.com"),
        ("fxp://files(.)evil{.}example", "ftp://files.evil.example"),
        ("admin [at] evil [dot] example", "admin@evil.example"),
        ("admin[@]evil(DOT)example", "admin@evil.example"),
        ("h**ps://evil[.]example[/]x", "https://evil.example/x"),
        ("https[://]evil[.]example", "https://evil.example"),
        ("Máy chủ 203.0.113[.]7 (đã cô lập)", "Máy chủ 203.0.113.7 (đã cô lập)"),
        ("[ghi chú] (at) hxxpx không đổi", "[ghi chú] (at) hxxpx không đổi"),
        ("(at) đầu câu, cuối câu a(dot)", "(at) đầu câu, cuối câu a(dot)"),
        ("shxxp://x", "shxxp://x"),
    ])
    func refang(input: String, expected: String) {
        #expect(ObservableExtractor.refang(input) == expected)
    }

    @Test("URLs: trailing punctuation, brackets, Markdown, IRIs, hosts not repeated")
    func urls() {
        #expect(pairs("(xem https://evil.example/a_(b)), rồi 'http://203.0.113.9:8080/x.php?id=1'.") == [
            "url https://evil.example/a_(b)",
            "url http://203.0.113.9:8080/x.php?id=1",
        ])
        #expect(pairs("[tải về](https://evil.example/tải-về?tệp=1) hoặc “https://evil.example/b”;") == [
            "url https://evil.example/t%E1%BA%A3i-v%E1%BB%81?t%E1%BB%87p=1",
            "url https://evil.example/b",
        ])
        #expect(pairs("URL:https://user@evil.example/x và http://[2001:db8::1]:80/y!") == [
            "url https://user@evil.example/x",
            "url http://[2001:db8::1]:80/y",
        ])
        #expect(pairs("truy cập tạihttps://evil.example/x") == ["url https://evil.example/x"])
    }

    @Test("e-mail addresses, and their domains not repeated")
    func emailAddresses() {
        #expect(pairs("Thư từ phishing.team+hr@Mail.Evil.Example, trả lời về noreply@so-tttt.gov.vn.") == [
            "email phishing.team+hr@mail.evil.example",
            "email noreply@so-tttt.gov.vn",
        ])
        #expect(pairs("a@b, user@localhost, user@bao-cao.pdf") == [])
        // A bare "@name" is no address, but the name still is a domain name.
        #expect(pairs("@evil.example") == ["domain evil.example"])
    }

    @Test("IPv4, IPv6, domains with ports and in paths")
    func addresses() {
        #expect(pairs("Kết nối 198.51.100.23:4444 → [2001:db8::dead:beef]:443, ::ffff:192.0.2.1 và fe80::1.") == [
            "ipv4 198.51.100.23",
            "ipv6 2001:db8::dead:beef",
            "ipv6 ::ffff:192.0.2.1",
            "ipv6 fe80::1",
        ])
        #expect(pairs("Tên miền Update.Microsoft-Cdn.NET., evil.example:8443 và cdn.evil.example/payload.bin") == [
            "domain update.microsoft-cdn.net",
            "domain evil.example",
            "domain cdn.evil.example",
        ])
        #expect(pairs("Dải 203.0.113.0/24 và 10.0.0.1-10.0.0.9") == [
            "ipv4 203.0.113.0", "ipv4 10.0.0.1", "ipv4 10.0.0.9",
        ])
    }

    @Test("hashes by length, word-bounded")
    func hashes() {
        let md5 = "d41d8cd98f00b204e9800998ecf8427e"
        let sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709"
        let sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        #expect(pairs("md5=\(md5) sha1:\(sha1) sha256-\(sha256).exe") == [
            "md5 \(md5)", "sha1 \(sha1)", "sha256 \(sha256)",
        ])
        // 33, 39 and 65 digits, and a hash glued to other letters, are not hashes.
        #expect(pairs("\(md5)a \(sha1.dropLast()) \(sha256)0 x\(md5)") == [])
    }

    @Test("CVE identifiers in any case and with typographic hyphens")
    func cves() {
        #expect(pairs("CVE-2023-4966, cve-2021-26855 và CVE‑2024‑3400 (lặp CVE-2023-4966).") == [
            "cve CVE-2023-4966", "cve CVE-2021-26855", "cve CVE-2024-3400",
        ])
        #expect(pairs("XCVE-2023-4966 và CVE-2023-4966x") == [])
    }

    @Test("Vietnamese letters glued to a candidate make it a word, in NFC and NFD")
    func vietnameseWords() {
        let nfd = "TT.Hue\u{0302}\u{0301} và địa chỉ evil.example".decomposedStringWithCanonicalMapping
        #expect(pairs(nfd) == ["domain evil.example"])
        #expect(pairs("Sở.Tài chính; file.tàiliệu") == [])
    }

    @Test("100 KB of mixed text is scanned quickly and completely")
    func largeText() {
        var text = ""
        var index = 0
        while text.utf8.count < 100_000 {
            text += "Dòng \(index): máy chủ 198.51.\(index % 250).\(index % 200) gọi hxxp://host\(index)[.]evil[.]example/a, "
                + "phiên bản 1.2.\(index), tệp bao-cao-\(index).pdf, lúc 10.30.\n"
            index += 1
        }
        let found = ObservableExtractor.extract(from: text)
        #expect(found.filter { $0.kind == .url }.count == index)
        #expect(found.allSatisfy { $0.kind == .url || $0.kind == .ipv4 })
    }

    @Test("hostile inputs of 100 KB finish (the scan stays linear) and find at most one observable", arguments: [
        ("http://[", 12_500), ("a.", 50_000), ("1:", 50_000), ("a@", 50_000), ("[.]", 33_000),
        ("cve-2021-", 11_000), ("0", 100_000), ("a-", 50_000), ("1.", 50_000),
    ])
    func hostileInputs(unit: String, count: Int) {
        let found = ObservableExtractor.extract(from: String(repeating: unit, count: count))
        #expect(found.count <= 1)
    }
}
