import Testing
@testable import TrucCore

@Suite struct LogRedactionTests {
    @Test(arguments: [
        ("GET /ack/0b7e4c1e-5f55-4a5e-9a0e-3f1c2d4e5f60.Xy-_9aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcd",
         "GET /ack/[redacted]"),
        ("POST /ack/abc.def?lang=en -> 303", "POST /ack/[redacted]?lang=en -> 303"),
        ("link https://truc.example/ACK/abc.def/ x", "link https://truc.example/ACK/[redacted]/ x"),
        ("Authorization: Bearer truc_abcdefghijklmnopqrstuvwxyz012345", "Authorization: Bearer [redacted]"),
        ("token truc_abcdefghijklmnopqrstuvwxyz012345 leaked", "token truc_[redacted] leaked"),
        ("Cookie: truc_session=q8/+Zz==; lang=en; truc_csrf=abc", "Cookie: truc_session=[redacted]; lang=en; truc_csrf=[redacted]"),
        ("/login?next=/&password=hunter2hunter2&_csrf=zzz", "/login?next=/&password=[redacted]&_csrf=[redacted]"),
        ("secret=s3cr3t token=abc otp=123456", "secret=[redacted] token=[redacted] otp=[redacted]"),
    ])
    func secretsAreRedacted(_ input: String, _ expected: String) {
        #expect(LogRedaction.redact(input) == expected)
    }

    @Test(arguments: [
        "GET /units/3f1c?page=2&per=50 -> 200", "monitor scheduler started (up to 1000 checks at once)", "truc_session",
        "a truc_short one", "Đã lưu – tiếng Việt giữ nguyên", "/acknowledge/x", "",
    ])
    func ordinaryLinesAreKept(_ input: String) {
        #expect(LogRedaction.redact(input) == input)
    }
}
