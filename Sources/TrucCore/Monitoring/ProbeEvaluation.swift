import Foundation

/// Turns what a probe observed into a verdict, by the monitor's settings. Pure: the network work is done by the
/// caller, these functions only judge the answer.
///
/// Every kind shares the slow rule: an answer slower than `maxLatencyMs` (when set) is `degraded`, with the
/// message "slow: 1234 ms > 1000 ms". A result that is down for another reason stays down. When several rules
/// apply, the messages are joined with "; ", the worst first.
public enum ProbeEvaluation {
    /// An HTTP answer: down when the status is not accepted ("HTTP 503"), when the keyword is missing
    /// ("keyword \"x\" not found") or present while it must be absent ("keyword \"x\" present"); degraded when slow.
    /// The keyword is searched case-sensitively in `body`; a nil body (e.g. HEAD) contains no keyword.
    /// Sets `statusCode`.
    public static func http(status: Int, body: String?, latencyMs: Double, settings: MonitorSettings) -> ProbeResult {
        let accepted = settings.expectedStatus.flatMap { try? StatusCodeSet(parsing: $0) } ?? .default
        var verdict = Verdict()
        if !accepted.contains(status) {
            verdict.add(.down, "HTTP \(status)")
        } else if let keyword = settings.keyword, !keyword.isEmpty {
            let found = body?.contains(keyword) ?? false
            if settings.keywordMustBeAbsent == true {
                if found { verdict.add(.down, "keyword \"\(keyword)\" present") }
            } else if !found {
                verdict.add(.down, "keyword \"\(keyword)\" not found")
            }
        }
        verdict.checkLatency(latencyMs, settings: settings)
        var result = verdict.result(latencyMs: latencyMs)
        result.statusCode = status
        return result
    }

    /// A TLS certificate, by whole days left: `floor((expiresAt - now) / 86400)`. Down when expired (`now` after
    /// `expiresAt`) or fewer days left than `tlsCriticalDays` (default 0: down only once expired); degraded when
    /// fewer than `tlsWarningDays` (default 14). Messages: "certificate expires in 5 days",
    /// "certificate expires in less than a day", "certificate expired 3 days ago",
    /// "certificate expired less than a day ago". Sets `certificateExpiresAt`.
    public static func tls(expiresAt: Date, now: Date, latencyMs: Double, settings: MonitorSettings) -> ProbeResult {
        let warning = settings.tlsWarningDays ?? MonitorDraft.defaultTLSWarningDays
        let critical = settings.tlsCriticalDays ?? MonitorDraft.defaultTLSCriticalDays
        let remaining = expiresAt.timeIntervalSince(now)
        let daysLeft = Int((remaining / 86_400).rounded(.down))
        var verdict = Verdict()
        if remaining < 0 {
            let ago = Int((-remaining / 86_400).rounded(.down))
            verdict.add(.down, ago == 0 ? "certificate expired less than a day ago" : "certificate expired \(days(ago)) ago")
        } else if daysLeft < critical || daysLeft < warning {
            let text = daysLeft == 0 ? "certificate expires in less than a day" : "certificate expires in \(days(daysLeft))"
            verdict.add(daysLeft < critical ? .down : .degraded, text)
        }
        verdict.checkLatency(latencyMs, settings: settings)
        var result = verdict.result(latencyMs: latencyMs)
        result.certificateExpiresAt = expiresAt
        return result
    }

    /// A DNS answer: down when it has no record of the type asked (`dnsRecordType`, default A; "no A record"), or
    /// when some expected value is missing ("expected 192.0.2.9 not in answer: 192.0.2.1"); degraded when slow.
    /// Values compare ignoring case, surrounding spaces and a final dot, IPv6 addresses by value.
    public static func dns(records: [DNSRecord], latencyMs: Double, settings: MonitorSettings) -> ProbeResult {
        let type = settings.dnsRecordType ?? .a
        let answer = records.filter { $0.type == type }
        var verdict = Verdict()
        if answer.isEmpty {
            verdict.add(.down, "no \(type.rawValue) record")
        } else {
            let present = Set(answer.map { DNSValue.normalized($0.value, type: type) })
            let missing = (settings.dnsExpected ?? []).filter {
                !$0.trimmingCharacters(in: .whitespaces).isEmpty && !present.contains(DNSValue.normalized($0, type: type))
            }
            if !missing.isEmpty {
                verdict.add(.down, "expected \(missing.joined(separator: ", ")) not in answer: "
                    + answer.map(\.value).joined(separator: ", "))
            }
        }
        verdict.checkLatency(latencyMs, settings: settings)
        return verdict.result(latencyMs: latencyMs)
    }

    /// A TCP connection that succeeded: up, or degraded when slow.
    public static func tcp(latencyMs: Double, settings: MonitorSettings) -> ProbeResult {
        var verdict = Verdict()
        verdict.checkLatency(latencyMs, settings: settings)
        return verdict.result(latencyMs: latencyMs)
    }

    /// "1 day", "5 days".
    private static func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }

    /// The worst outcome seen and the messages, worst first.
    private struct Verdict {
        var outcome = ProbeOutcome.up
        var messages: [(ProbeOutcome, String)] = []

        mutating func add(_ outcome: ProbeOutcome, _ message: String) {
            self.outcome = max(self.outcome, outcome)
            messages.append((outcome, message))
        }

        mutating func checkLatency(_ latencyMs: Double, settings: MonitorSettings) {
            guard let limit = settings.maxLatencyMs, latencyMs > Double(limit) else { return }
            add(.degraded, "slow: \(Int(latencyMs.rounded())) ms > \(limit) ms")
        }

        func result(latencyMs: Double) -> ProbeResult {
            let text = messages.enumerated()
                .sorted { $0.element.0 != $1.element.0 ? $0.element.0 > $1.element.0 : $0.offset < $1.offset }
                .map(\.element.1).joined(separator: "; ")
            return ProbeResult(outcome: outcome, latencyMs: latencyMs, message: text)
        }
    }
}
