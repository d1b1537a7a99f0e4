import Foundation
import Testing
@testable import TrucCore

@Suite("Mail message rendering")
struct MailMessageTests {
    static let date = Date(timeIntervalSince1970: 1_741_075_509)   // 2025-03-04 08:05:09 UTC, a Tuesday
    static let subject = "Cảnh báo an toàn thông tin: lỗ hổng nghiêm trọng CVE-2025-0001 đã được phát hiện trên máy chủ thư điện tử của đơn vị"

    func message(html: String? = nil, headers: [(String, String)] = []) throws -> MailMessage {
        let message = try MailMessage(
            from: MailAddress(parsing: "Trực ban ATTT <truc@attt.example.vn>"),
            to: [MailAddress(parsing: "\"Nguyễn Văn An\" <an@example.vn>"), MailAddress(parsing: "ops@example.vn")],
            subject: Self.subject,
            textBody: "Xin chào,\nĐây là thông báo.\n.dòng bắt đầu bằng dấu chấm\n",
            htmlBody: html,
            headers: headers,
            date: Self.date,
            messageID: "<abc123@attt.example.vn>"
        )
        try message.validate()
        return message
    }

    @Test("headers: encoded words no longer than 75 characters, lines folded, CRLF only")
    func headerShape() throws {
        let text = try message().rendered()
        #expect(text.hasSuffix("\r\n"))
        // Every LF is part of a CRLF.
        #expect(text.replacingOccurrences(of: "\r\n", with: "").unicodeScalars.allSatisfy { $0 != "\n" && $0 != "\r" })
        let headerBlock = try #require(text.components(separatedBy: "\r\n\r\n").first)
        for line in headerBlock.components(separatedBy: "\r\n") {
            #expect(line.count <= 78, "header line too long: \(line)")
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII })
        }
        let words = headerBlock.matches(of: /=\?UTF-8\?B\?[A-Za-z0-9+\/=]*\?=/).map(\.output)
        #expect(words.count > 3)
        #expect(words.allSatisfy { $0.count <= 75 })
        #expect(headerBlock.contains("Date: Tue, 04 Mar 2025 08:05:09 +0000"))
        #expect(headerBlock.contains("Message-ID: <abc123@attt.example.vn>"))
        #expect(headerBlock.contains("MIME-Version: 1.0"))
        #expect(headerBlock.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(headerBlock.contains("Content-Transfer-Encoding: base64"))
    }

    @Test("subject and display names decode back to the Vietnamese text")
    func roundTrip() throws {
        let entity = MIMEEntity(parsing: try message().rendered())
        #expect(entity.header("Subject") == Self.subject)
        #expect(entity.header("From") == "Trực ban ATTT <truc@attt.example.vn>")
        #expect(entity.header("To") == "Nguyễn Văn An <an@example.vn>, ops@example.vn")
        #expect(entity.decodedText == "Xin chào,\r\nĐây là thông báo.\r\n.dòng bắt đầu bằng dấu chấm\r\n")
    }

    @Test("base64 body lines are at most 76 characters")
    func bodyLines() throws {
        let long = String(repeating: "Hệ thống giám sát phát hiện bất thường. ", count: 40)
        let message = MailMessage(from: MailAddress(address: "a@example.vn"), to: [MailAddress(address: "b@example.vn")],
                                  subject: "Plain ASCII subject", textBody: long, date: Self.date, messageID: "x@y")
        try message.validate()
        let text = message.rendered()
        let body = try #require(text.components(separatedBy: "\r\n\r\n").last)
        let lines = body.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count > 10)
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(text.contains("Subject: Plain ASCII subject\r\n"))
        #expect(MIMEEntity(parsing: text).decodedText == long)
    }

    @Test("multipart/alternative with text and HTML parts")
    func multipart() throws {
        let text = try message(html: "<p>Xin chào <b>đồng chí</b></p>").rendered()
        let entity = MIMEEntity(parsing: text)
        #expect(entity.mediaType == "multipart/alternative")
        let boundary = try #require(entity.parameter("boundary"))
        #expect(boundary.hasPrefix("=_"))
        #expect(entity.parts.map(\.mediaType) == ["text/plain", "text/html"])
        #expect(entity.firstPart(ofType: "text/html")?.decodedText == "<p>Xin chào <b>đồng chí</b></p>")
        #expect(entity.firstPart(ofType: "text/plain")?.decodedText?.hasPrefix("Xin chào,\r\n") == true)
        #expect(text.contains("--\(boundary)--\r\n"))
        #expect(try message(html: "<p>x</p>").rendered() == message(html: "<p>x</p>").rendered())
    }

    @Test("custom headers are written, encoded when needed, and validated")
    func customHeaders() throws {
        let text = try message(headers: [("X-Truc-Alert", "42"), ("X-Truc-Unit", "Sở Thông tin và Truyền thông")]).rendered()
        let entity = MIMEEntity(parsing: text)
        #expect(entity.rawHeader("X-Truc-Alert") == "42")
        #expect(entity.header("X-Truc-Unit") == "Sở Thông tin và Truyền thông")
        #expect(throws: MailError.reservedHeader("Subject")) { try message(headers: [("Subject", "x")]) }
        #expect(throws: MailError.invalidHeaderName("Bad Name")) { try message(headers: [("Bad Name", "x")]) }
        #expect(throws: MailError.invalidHeaderName("X:Y")) { try message(headers: [("X:Y", "x")]) }
    }

    @Test("header injection is refused by validate() and neutralised by rendered()")
    func injection() throws {
        #expect(throws: MailError.headerInjection(field: "X-Note")) {
            try message(headers: [("X-Note", "ok\r\nBcc: victim@example.org")])
        }
        #expect(throws: MailError.headerInjection(field: "X-Note")) { try message(headers: [("X-Note", "a\nb")]) }
        let evil = MailMessage(
            from: MailAddress(name: "Eve\rBcc: x@example.org", address: "eve@example.vn"),
            to: [MailAddress(address: "b@example.vn\r\nBcc: y@example.org")],
            subject: "Hi\r\nBcc: z@example.org",
            textBody: "",
            headers: [("X-Note", "a\nBcc: w@example.org"), ("Bcc", "v@example.org"), ("Bad Name", "1")],
            date: Self.date,
            messageID: "x@y\r\nBcc: u@example.org"
        )
        #expect(throws: MailError.headerInjection(field: "display name")) { try evil.validate() }
        let rendered = evil.rendered()
        let headerLines = try #require(rendered.components(separatedBy: "\r\n\r\n").first).components(separatedBy: "\r\n")
        #expect(!headerLines.contains { $0.lowercased().hasPrefix("bcc") })
        #expect(!headerLines.contains { $0.hasPrefix("Bad Name") })
        #expect(MIMEEntity(parsing: rendered).header("Subject") == "Hi  Bcc: z@example.org")

        var subjectOnly = try message()
        subjectOnly.subject = "Hi\r\nBcc: x@example.org"
        #expect(throws: MailError.headerInjection(field: "Subject")) { try subjectOnly.validate() }
        #expect(throws: MailError.headerInjection(field: "address")) { try MailAddress(parsing: "a@b.vn\r\nBcc: x@y.vn") }
        #expect(throws: MailError.headerInjection(field: "display name")) {
            try MailAddress(name: "Eve\rBcc: x@y.vn", address: "eve@example.vn").validate()
        }
        #expect(throws: MailError.invalidAddress("not-an-address")) {
            try MailAddress(name: "X", address: "not-an-address").validate()
        }
        var empty = try message()
        empty.to = []
        #expect(throws: MailError.noRecipients) { try empty.validate() }
        var badID = try message()
        badID.messageID = "no-at-sign"
        #expect(throws: MailError.invalidMessageID("no-at-sign")) { try badID.validate() }
        #expect(try message().messageID == "abc123@attt.example.vn")
    }

    @Test("address parsing")
    func addresses() throws {
        let plain = try MailAddress(parsing: "  an@example.vn ")
        #expect(plain.name == nil && plain.address == "an@example.vn")
        let named = try MailAddress(parsing: "Nguyễn Văn An <an@example.vn>")
        #expect(named.name == "Nguyễn Văn An" && named.address == "an@example.vn")
        let quoted = try MailAddress(parsing: "\"Phòng \\\"ATTT\\\", Sở\" <attt@example.vn>")
        #expect(quoted.name == "Phòng \"ATTT\", Sở")
        let bracketed = try MailAddress(parsing: "<ops@[192.0.2.1]>")
        #expect(bracketed.name == nil && bracketed.address == "ops@[192.0.2.1]")
        #expect(try MailAddress(parsing: "Ops Team, Hanoi <ops@example.vn>").description == "\"Ops Team, Hanoi\" <ops@example.vn>")
        for bad in ["", "an", "@example.vn", "an@", "an@@example.vn", "a n@example.vn", "an@exa mple.vn", "an@-bad.vn",
                    "an..x@example.vn", "Name <an@example.vn", "an@example..vn", "bộ@example.vn", "x@[300.1.1.1]"] {
            #expect(throws: MailError.self, "\(bad)") { try MailAddress(parsing: bad) }
        }
    }

    @Test("RFC 2047 words split on character boundaries")
    func encodedWordSplitting() {
        let text = String(repeating: "ệ", count: 100) + "👨‍👩‍👧‍👦" + String(repeating: "ữ", count: 50)
        let words = RFC2047.encodedWords(text, firstWordMaxLength: 60)
        #expect(words[0].count <= 60)
        #expect(words.allSatisfy { $0.count <= 75 })
        #expect(RFC2047.decode(words.joined(separator: "\r\n ")) == text)
        // Each word is valid UTF-8 on its own.
        for word in words {
            let payload = String(word.dropFirst(10).dropLast(2))
            #expect(Data(base64Encoded: payload).flatMap { String(data: $0, encoding: .utf8) } != nil)
        }
        #expect(RFC2047.decode("=?utf-8?q?Tr=E1=BB=B1c_ban?= ok") == "Trực ban ok")
        #expect(RFC2047.decode("=?UTF-8?B?broken") == "=?UTF-8?B?broken")
        #expect(!RFC2047.needsEncoding("Plain subject"))
        #expect(RFC2047.needsEncoding("Tiếng Việt"))
    }

    @Test("dates use English names and UTC", arguments: [
        (0.0, "Thu, 01 Jan 1970 00:00:00 +0000"),
        (951_782_400.0, "Tue, 29 Feb 2000 00:00:00 +0000"),
        (1_735_689_599.0, "Tue, 31 Dec 2024 23:59:59 +0000"),
        (-86_400.5, "Tue, 30 Dec 1969 23:59:59 +0000"),
    ])
    func dates(seconds: Double, expected: String) {
        #expect(MailDate.rfc5322(Date(timeIntervalSince1970: seconds)) == expected)
    }
}
