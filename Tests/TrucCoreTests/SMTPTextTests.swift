import Testing
import TrucCore

@Suite("SMTP text helpers")
struct SMTPTextTests {
    @Test("multi-line replies")
    func replies() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed("250-mail.example.vn greets you") == nil)
        #expect(parser.isInsideReply)
        #expect(try parser.feed("250-AUTH PLAIN LOGIN") == nil)
        #expect(try parser.feed("250-STARTTLS") == nil)
        let reply = try #require(try parser.feed("250 SIZE 1000"))
        #expect(reply.code == 250)
        #expect(reply.lines == ["mail.example.vn greets you", "AUTH PLAIN LOGIN", "STARTTLS", "SIZE 1000"])
        #expect(reply.ehloKeywords["AUTH"] == ["PLAIN", "LOGIN"])
        #expect(reply.ehloKeywords["STARTTLS"] == [])
        #expect(reply.isPositiveCompletion)
        #expect(!parser.isInsideReply)
        #expect(try parser.feed("354") == SMTPReply(code: 354, lines: [""]))
        #expect(try parser.feed("550 5.1.1 no such user")?.isPermanentFailure == true)
        #expect(try parser.feed("421 busy")?.isTransientFailure == true)
    }

    @Test("malformed reply lines", arguments: ["", "25", "abc hello", "999 nope", "250?x", "100 low"])
    func malformed(line: String) {
        var parser = SMTPReplyParser()
        #expect(throws: SMTPReplyParser.Malformed.self) { try parser.feed(line) }
    }

    @Test("continuation with another code is refused")
    func mixedCodes() throws {
        var parser = SMTPReplyParser()
        _ = try parser.feed("250-first")
        #expect(throws: SMTPReplyParser.Malformed.self) { try parser.feed("251 second") }
    }

    @Test("dot-stuffing")
    func dotStuffing() {
        #expect(SMTPDotStuffing.stuff(".hidden\nline\n..two\r\nend") == "..hidden\r\nline\r\n...two\r\nend\r\n")
        #expect(SMTPDotStuffing.stuff("a\r\n") == "a\r\n")
        #expect(SMTPDotStuffing.stuff(".") == "..\r\n")
        #expect(SMTPDotStuffing.unstuff(line: "..x") == ".x")
        #expect(SMTPDotStuffing.unstuff(line: "x.") == "x.")
    }
}
