import Foundation
import Testing
@testable import TrucCore

@Suite struct MonitorDraftTests {
    private func problems(_ draft: MonitorDraft) -> MonitorValidationError? {
        do {
            _ = try draft.validated()
            return nil
        } catch {
            return error
        }
    }

    @Test func validHTTPMonitorIsNormalised() throws {
        let draft = MonitorDraft(
            name: "  Cổng thông tin tỉnh  ", kind: .http, target: " https://Portal.Example.gov.vn/ ",
            intervalSeconds: 60, timeoutSeconds: 10, retries: 2,
            settings: MonitorSettings(expectedStatus: "200-299, 301", keyword: "Trang chủ", keywordMustBeAbsent: false,
                                      method: "get", ignoreTLSErrors: false, maxLatencyMs: 2000,
                                      tlsWarningDays: 30, dnsRecordType: .aaaa, dnsExpected: ["x"]))
        let valid = try draft.validated()
        #expect(valid.name == "Cổng thông tin tỉnh")
        #expect(valid.target == .http(URL(string: "https://portal.example.gov.vn/")!))
        #expect(valid.kind == .http)
        #expect(valid.statusCodes.description == "200-299,301")
        #expect(valid.settings == MonitorSettings(expectedStatus: "200-299,301", keyword: "Trang chủ", method: "GET",
                                                  maxLatencyMs: 2000))
        #expect(valid.draft.target == "https://portal.example.gov.vn/")
        #expect(try valid.draft.validated() == valid)
    }

    @Test func collectsAllProblems() {
        let draft = MonitorDraft(
            name: "   ", kind: .http, target: "ftp://x", intervalSeconds: 10, timeoutSeconds: 0.5, retries: 11,
            settings: MonitorSettings(expectedStatus: "abc", keyword: String(repeating: "k", count: 201),
                                      method: "POST", maxLatencyMs: 0))
        guard let error = problems(draft) else { Issue.record("should throw"); return }
        #expect(error.problems.map(\.field) == ["name", "target", "intervalSeconds", "timeoutSeconds", "retries",
                                                "maxLatencyMs", "expectedStatus", "method", "keyword"])
        #expect(error.problems[2].vietnamese == "Chu kỳ kiểm tra phải từ 20 giây đến 24 giờ.")
        #expect(error.problems[2].english == "The interval must be between 20 seconds and 24 hours.")
        #expect(error.description == error.problems.map(\.vietnamese).joined(separator: " "))
    }

    @Test func boundaries() throws {
        func draft(interval: Int = 60, timeout: Double = 10, retries: Int = 0, name: String = "x") -> MonitorDraft {
            MonitorDraft(name: name, kind: .tcp, target: "example.org:22", intervalSeconds: interval,
                         timeoutSeconds: timeout, retries: retries)
        }
        #expect(problems(draft(interval: 20, timeout: 19.5)) == nil)
        #expect(problems(draft(interval: 86_400, timeout: 60)) == nil)
        #expect(problems(draft(interval: 19, timeout: 1))?.fields == ["intervalSeconds"])
        #expect(problems(draft(interval: 86_401))?.fields == ["intervalSeconds"])
        #expect(problems(draft(interval: 20, timeout: 20))?.fields == ["timeoutSeconds"])
        #expect(problems(draft(timeout: 60.5))?.fields == ["timeoutSeconds"])
        #expect(problems(draft(timeout: .nan))?.fields == ["timeoutSeconds"])
        #expect(problems(draft(retries: 10)) == nil)
        #expect(problems(draft(retries: -1))?.fields == ["retries"])
        #expect(problems(draft(name: String(repeating: "ả", count: 120))) == nil)
        #expect(problems(draft(name: String(repeating: "ả", count: 121)))?.fields == ["name"])
    }

    @Test func headCannotCheckAKeyword() {
        let draft = MonitorDraft(name: "x", kind: .http, target: "https://example.org/",
                                 settings: MonitorSettings(keyword: "OK", method: "HEAD"))
        #expect(problems(draft)?.fields == ["keyword"])
    }

    @Test func tlsDays() throws {
        func draft(_ warning: Int?, _ critical: Int?) -> MonitorDraft {
            MonitorDraft(name: "cert", kind: .tls, target: "example.org",
                         settings: MonitorSettings(expectedStatus: "abc", tlsWarningDays: warning, tlsCriticalDays: critical))
        }
        let valid = try draft(30, 7).validated()
        #expect(valid.settings == MonitorSettings(tlsWarningDays: 30, tlsCriticalDays: 7))
        #expect(valid.target == .tls(host: "example.org", port: 443))
        #expect(problems(draft(nil, nil)) == nil)
        #expect(problems(draft(0, nil))?.fields == ["tlsWarningDays"])
        #expect(problems(draft(366, nil))?.fields == ["tlsWarningDays"])
        #expect(problems(draft(nil, -1))?.fields == ["tlsCriticalDays"])
        #expect(problems(draft(10, 10))?.fields == ["tlsCriticalDays"])
        #expect(problems(draft(nil, 14))?.fields == ["tlsCriticalDays"])
    }

    @Test func dnsSettings() throws {
        let valid = try MonitorDraft(
            name: "dns", kind: .dns, target: "Example.org.",
            settings: MonitorSettings(dnsRecordType: .aaaa, dnsExpected: [" 2001:DB8::0:1 ", "", "2001:db8::1"],
                                      dnsServer: " [2001:db8::53] ")).validated()
        #expect(valid.target == .dns(name: "example.org"))
        #expect(valid.settings.dnsExpected == ["2001:db8::1"])
        #expect(valid.settings.dnsServer == "[2001:db8::53]:53")
        #expect(valid.dnsServer == HostPort(host: "2001:db8::53", port: 53))

        let mx = try MonitorDraft(name: "mx", kind: .dns, target: "example.org",
                                  settings: MonitorSettings(dnsRecordType: .mx, dnsExpected: ["10  Mail.Example.org."],
                                                            dnsServer: "192.0.2.53:5353")).validated()
        #expect(mx.settings.dnsExpected == ["10 mail.example.org"])
        #expect(mx.settings.dnsServer == "192.0.2.53:5353")

        let txt = try MonitorDraft(name: "txt", kind: .dns, target: "example.org",
                                   settings: MonitorSettings(dnsRecordType: .txt, dnsExpected: ["v=DKIM1; p=AbC"])).validated()
        #expect(txt.settings.dnsExpected == ["v=DKIM1; p=AbC"])

        let tooMany = MonitorDraft(name: "dns", kind: .dns, target: "example.org",
                                   settings: MonitorSettings(dnsExpected: (1...21).map { "192.0.2.\($0)" }))
        #expect(problems(tooMany)?.fields == ["dnsExpected"])
        let bad = MonitorDraft(name: "dns", kind: .dns, target: "example.org",
                               settings: MonitorSettings(dnsExpected: ["not-an-ip", String(repeating: "1", count: 256)],
                                                         dnsServer: "dns server"))
        #expect(problems(bad)?.problems.map(\.field) == ["dnsExpected", "dnsExpected", "dnsServer"])
    }

    @Test func codableRoundTrip() throws {
        let draft = MonitorDraft(name: "x", kind: .dns, target: "example.org",
                                 settings: MonitorSettings(dnsRecordType: .ns))
        let data = try JSONEncoder().encode(draft)
        #expect(try JSONDecoder().decode(MonitorDraft.self, from: data) == draft)
    }
}
