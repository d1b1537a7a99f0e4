import Foundation
import Testing
@testable import TrucCore

@Suite struct ProbeEvaluationTests {
    @Test func httpStatus() {
        let ok = ProbeEvaluation.http(status: 200, body: "hello", latencyMs: 120, settings: MonitorSettings())
        #expect(ok == ProbeResult(outcome: .up, latencyMs: 120, message: "", statusCode: 200))
        let redirect = ProbeEvaluation.http(status: 302, body: nil, latencyMs: 5, settings: MonitorSettings())
        #expect(redirect.outcome == .up)
        let failing = ProbeEvaluation.http(status: 503, body: "busy", latencyMs: 50, settings: MonitorSettings())
        #expect(failing.outcome == .down && failing.message == "HTTP 503" && failing.statusCode == 503)
        let custom = MonitorSettings(expectedStatus: "200,401")
        #expect(ProbeEvaluation.http(status: 401, body: nil, latencyMs: 1, settings: custom).outcome == .up)
        #expect(ProbeEvaluation.http(status: 302, body: nil, latencyMs: 1, settings: custom).message == "HTTP 302")
    }

    @Test func httpKeyword() {
        let present = MonitorSettings(keyword: "Đăng nhập")
        #expect(ProbeEvaluation.http(status: 200, body: "<h1>Đăng nhập</h1>", latencyMs: 1, settings: present).outcome == .up)
        let missing = ProbeEvaluation.http(status: 200, body: "<h1>đăng nhập</h1>", latencyMs: 1, settings: present)
        #expect(missing.outcome == .down && missing.message == "keyword \"Đăng nhập\" not found")
        #expect(ProbeEvaluation.http(status: 200, body: nil, latencyMs: 1, settings: present).outcome == .down)

        let absent = MonitorSettings(keyword: "hacked by", keywordMustBeAbsent: true)
        #expect(ProbeEvaluation.http(status: 200, body: "welcome", latencyMs: 1, settings: absent).outcome == .up)
        let defaced = ProbeEvaluation.http(status: 200, body: "hacked by x", latencyMs: 1, settings: absent)
        #expect(defaced.outcome == .down && defaced.message == "keyword \"hacked by\" present")
    }

    @Test func slowRule() {
        let settings = MonitorSettings(keyword: "ok", maxLatencyMs: 1000)
        let slow = ProbeEvaluation.http(status: 200, body: "ok", latencyMs: 1234.4, settings: settings)
        #expect(slow.outcome == .degraded && slow.message == "slow: 1234 ms > 1000 ms")
        #expect(ProbeEvaluation.http(status: 200, body: "ok", latencyMs: 1000, settings: settings).outcome == .up)
        let both = ProbeEvaluation.http(status: 200, body: "no", latencyMs: 1500, settings: settings)
        #expect(both.outcome == .down && both.message == "keyword \"ok\" not found; slow: 1500 ms > 1000 ms")
        #expect(ProbeEvaluation.tcp(latencyMs: 3, settings: MonitorSettings()) == ProbeResult(outcome: .up, latencyMs: 3))
        #expect(ProbeEvaluation.tcp(latencyMs: 30, settings: MonitorSettings(maxLatencyMs: 20)).outcome == .degraded)
    }

    @Test func tlsDaysLeft() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        func eval(days: Double, _ settings: MonitorSettings = MonitorSettings()) -> ProbeResult {
            ProbeEvaluation.tls(expiresAt: now.addingTimeInterval(days * 86_400), now: now, latencyMs: 10, settings: settings)
        }
        #expect(eval(days: 90) == ProbeResult(outcome: .up, latencyMs: 10, certificateExpiresAt: now.addingTimeInterval(90 * 86_400)))
        #expect(eval(days: 14).outcome == .up)
        let soon = eval(days: 13.9)
        #expect(soon.outcome == .degraded && soon.message == "certificate expires in 13 days")
        #expect(eval(days: 1.5).message == "certificate expires in 1 day")
        #expect(eval(days: 0.2) == ProbeResult(outcome: .degraded, latencyMs: 10, message: "certificate expires in less than a day",
                                               certificateExpiresAt: now.addingTimeInterval(0.2 * 86_400)))
        #expect(eval(days: 0).outcome == .degraded)
        let expired = eval(days: -3.5)
        #expect(expired.outcome == .down && expired.message == "certificate expired 3 days ago")
        #expect(eval(days: -0.1).message == "certificate expired less than a day ago")

        let strict = MonitorSettings(tlsWarningDays: 30, tlsCriticalDays: 7)
        #expect(eval(days: 29, strict).outcome == .degraded)
        #expect(eval(days: 7, strict).outcome == .degraded)
        let critical = eval(days: 6.9, strict)
        #expect(critical.outcome == .down && critical.message == "certificate expires in 6 days")
        let slow = eval(days: 90, MonitorSettings(maxLatencyMs: 5))
        #expect(slow.outcome == .degraded && slow.message == "slow: 10 ms > 5 ms")
    }

    @Test func dnsAnswers() {
        let records = [
            DNSRecord(name: "www.example.org", type: .cname, ttl: 60, value: "web.example.org"),
            DNSRecord(name: "web.example.org", type: .a, ttl: 60, value: "192.0.2.1"),
            DNSRecord(name: "web.example.org", type: .a, ttl: 60, value: "192.0.2.2"),
        ]
        #expect(ProbeEvaluation.dns(records: records, latencyMs: 4, settings: MonitorSettings()).outcome == .up)
        let noAAAA = ProbeEvaluation.dns(records: records, latencyMs: 4, settings: MonitorSettings(dnsRecordType: .aaaa))
        #expect(noAAAA.outcome == .down && noAAAA.message == "no AAAA record")
        #expect(ProbeEvaluation.dns(records: [], latencyMs: 4, settings: MonitorSettings()).message == "no A record")

        let expected = MonitorSettings(dnsExpected: ["192.0.2.2"])
        #expect(ProbeEvaluation.dns(records: records, latencyMs: 4, settings: expected).outcome == .up)
        let wrong = ProbeEvaluation.dns(records: Array(records.prefix(2)), latencyMs: 4,
                                        settings: MonitorSettings(dnsExpected: ["192.0.2.9"]))
        #expect(wrong.outcome == .down && wrong.message == "expected 192.0.2.9 not in answer: 192.0.2.1")

        let cname = MonitorSettings(dnsRecordType: .cname, dnsExpected: ["WEB.example.org."])
        #expect(ProbeEvaluation.dns(records: records, latencyMs: 4, settings: cname).outcome == .up)
        let v6 = [DNSRecord(name: "x", type: .aaaa, ttl: 1, value: "2001:db8::1")]
        #expect(ProbeEvaluation.dns(records: v6, latencyMs: 1,
                                    settings: MonitorSettings(dnsRecordType: .aaaa, dnsExpected: ["2001:DB8:0::1"])).outcome == .up)
        let slow = ProbeEvaluation.dns(records: records, latencyMs: 400, settings: MonitorSettings(maxLatencyMs: 200))
        #expect(slow.outcome == .degraded && slow.message == "slow: 400 ms > 200 ms")
    }
}
