import Foundation
import TrucCore
import Vapor

/// What the monitoring pages share: the state badge, number formats, the monitor form as posted, the stylesheet part.
enum MonitorViews {
    /// A monitor's state (or an alert's event) in its colour.
    static func state(_ ctx: PageContext, _ state: MonitorState) -> Badge {
        Badge(ctx.t(state.vietnamese, state.english), className: "ms-\(state.rawValue)")
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return value >= 99.995 ? "100%" : String(format: "%.2f%%", value)
    }

    static func ms(_ value: Double?) -> String {
        value.map { String(format: "%.0f ms", $0) } ?? "—"
    }

    static func duration(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3600 { return "\(seconds / 60) min \(seconds % 60) s" }
        if seconds < 86400 { return "\(seconds / 3600) h \(seconds % 3600 / 60) min" }
        return "\(seconds / 86400) d \(seconds % 86400 / 3600) h"
    }

    static func dayFormatter(_ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }

    struct MonitorForm: Content, LimitedInput {
        var name: String
        var kind: String
        var target: String
        var systemID: String?
        var intervalSeconds: String?
        var timeoutSeconds: String?
        var retries: String?
        var maxLatencyMs: String?
        var expectedStatus: String?
        var keyword: String?
        var keywordMustBeAbsent: String?
        var ignoreTLSErrors: String?
        var tlsWarningDays: String?
        var tlsCriticalDays: String?
        var dnsRecordType: String?
        var dnsExpected: String?
        var dnsServer: String?
        var enabled: String?
        var isPublic: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("name", name, MonitorDraft.nameLength.upperBound)
            check.text("target", target, TextLimit.url)
            check.text("expectedStatus", expectedStatus, TextLimit.line)
            check.text("keyword", keyword, MonitorDraft.maxKeywordLength)
            check.text("dnsExpected", dnsExpected, MonitorDraft.maxDNSExpected * (MonitorDraft.maxDNSValueLength + 2))
            check.text("dnsServer", dnsServer, TextLimit.host + 8)
            for (field, value) in [("kind", kind), ("systemID", systemID), ("intervalSeconds", intervalSeconds),
                                   ("timeoutSeconds", timeoutSeconds), ("retries", retries), ("maxLatencyMs", maxLatencyMs),
                                   ("keywordMustBeAbsent", keywordMustBeAbsent), ("ignoreTLSErrors", ignoreTLSErrors),
                                   ("tlsWarningDays", tlsWarningDays), ("tlsCriticalDays", tlsCriticalDays),
                                   ("dnsRecordType", dnsRecordType), ("enabled", enabled), ("isPublic", isPublic)] {
                check.text(field, value, TextLimit.code)
            }
        }
    }

    /// Reads the form; numbers that are not numbers are refused with the field's name.
    static func input(from form: MonitorForm) throws -> MonitorInput {
        func int(_ text: String?, _ field: String) throws -> Int? {
            guard let text = text.nonEmpty else { return nil }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw BilingualError.invalid("\(field) phải là số nguyên.", "\(field) must be a whole number.")
            }
            return value
        }
        guard let kind = MonitorKind(rawValue: form.kind) else {
            throw BilingualError.invalid("Loại kiểm tra không hợp lệ.", "kind must be http, tcp, tls or dns.")
        }
        var systemID: UUID?
        if let text = form.systemID.nonEmpty {
            guard let id = UUID(uuidString: text) else { throw BilingualError.invalid("Hệ thống không hợp lệ.", "systemID must be a UUID.") }
            systemID = id
        }
        var timeout: Double?
        if let text = form.timeoutSeconds.nonEmpty {
            guard let value = Double(text.replacingOccurrences(of: ",", with: ".")) else {
                throw BilingualError.invalid("timeoutSeconds phải là số.", "timeoutSeconds must be a number.")
            }
            timeout = value
        }
        let expected = (form.dnsExpected ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var settings = MonitorSettings()
        settings.maxLatencyMs = try int(form.maxLatencyMs, "maxLatencyMs")
        switch kind {
        case .http:
            settings.expectedStatus = form.expectedStatus.nonEmpty
            settings.keyword = form.keyword.nonEmpty
            settings.keywordMustBeAbsent = form.keywordMustBeAbsent == "true" ? true : nil
            settings.ignoreTLSErrors = form.ignoreTLSErrors == "true" ? true : nil
        case .tls:
            settings.tlsWarningDays = try int(form.tlsWarningDays, "tlsWarningDays")
            settings.tlsCriticalDays = try int(form.tlsCriticalDays, "tlsCriticalDays")
        case .dns:
            settings.dnsRecordType = form.dnsRecordType.nonEmpty.flatMap(DNSRecordType.init(rawValue:))
            settings.dnsExpected = expected.isEmpty ? nil : expected
            settings.dnsServer = form.dnsServer.nonEmpty
        case .tcp:
            break
        }
        return MonitorInput(name: form.name, kind: kind, target: form.target, systemID: systemID,
                            intervalSeconds: try int(form.intervalSeconds, "intervalSeconds"), timeoutSeconds: timeout,
                            retries: try int(form.retries, "retries"), enabled: form.enabled == "true",
                            isPublic: form.isPublic == "true", settings: settings)
    }

    static let stylesheet = """
    .ms-up { background: #e7f5ec; color: #1e7b34; } .ms-degraded { background: #fff4d6; color: #9a6700; }
    .ms-down { background: #fdecea; color: #b3261e; font-weight: 600; } .ms-pending { background: #eef1f4; color: #57606a; }
    figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
    td.num { text-align: right; } code.secret { font-size: 1rem; word-break: break-all; background: #fff4d6; padding: .2rem .4rem; }
    fieldset { border: 1px solid #d0d7de; padding: .5rem; } .status-list { list-style: none; padding: 0; }
    .status-list li { display: grid; gap: .25rem; padding: .5rem 0; border-bottom: 1px solid #eef1f4; }
    """
}
