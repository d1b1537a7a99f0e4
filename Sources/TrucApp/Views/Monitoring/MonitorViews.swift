import Foundation
import TrucCore
import Vapor

/// Pieces of the monitoring pages.
enum MonitorViews {
    static func state(_ ctx: PageContext, _ state: MonitorState) -> HTML {
        "<span class=\"badge ms-\(state.rawValue)\">\(ctx.t(state.vietnamese, state.english))</span>"
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

    static func table(_ ctx: PageContext, _ monitors: [Monitor], showUnit: Bool) -> HTML {
        guard !monitors.isEmpty else { return "<p class=\"muted\">\(ctx.t("Chưa có giám sát nào.", "No monitors yet."))</p>" }
        return """
        <table class="monitors"><thead><tr><th>\(ctx.t(.state))</th><th>\(ctx.t(.name))</th>\(showUnit ? "<th>\(ctx.t(.unit))</th>" as HTML : .empty)
        <th>\(ctx.t("Kiểm tra", "Check"))</th><th>\(ctx.t("Lần cuối", "Last check"))</th><th>\(ctx.t("Độ trễ", "Latency"))</th><th>\(ctx.t(.note))</th></tr></thead>
        <tbody>\(monitors.html { m in """
            <tr><td>\(state(ctx, m.state))\(m.enabled ? .empty : " <span class=\"badge\">\(ctx.t("Tạm dừng", "Paused"))</span>" as HTML)</td>
            <td><a href="/monitors/\(m.id)">\(m.name)</a></td>\(showUnit ? "<td>\(m.$unit.value?.code ?? "")</td>" as HTML : .empty)
            <td>\(ctx.t(m.kind.vietnamese, m.kind.english)) <code>\(m.target)</code></td><td>\(ctx.date(m.lastCheckedAt))</td>
            <td>\(m.lastLatencyMs.map { String(format: "%.0f ms", $0) } ?? "")</td><td>\(m.lastMessage)</td></tr>
            """ })</tbody></table>
        """
    }

    static func alertTable(_ ctx: PageContext, _ alerts: [MonitorAlert], names: [UUID: String], principal: Principal) -> HTML {
        guard !alerts.isEmpty else { return "<p class=\"muted\">\(ctx.t("Không có cảnh báo.", "No alerts."))</p>" }
        return """
        <table class="alerts"><thead><tr><th>\(ctx.t("Lúc", "Raised"))</th><th>\(ctx.t("Giám sát", "Monitor"))</th><th>\(ctx.t("Sự kiện", "Event"))</th>
        <th>\(ctx.t("Chi tiết", "Details"))</th><th>\(ctx.t("Cấp đã báo", "Stage reached"))</th><th>\(ctx.t("Xác nhận", "Acknowledged"))</th><th></th></tr></thead>
        <tbody>\(alerts.html { a in """
            <tr><td><a href="/alerts/\(a.id)">\(ctx.date(a.raisedAt))</a></td><td><a href="/monitors/\(a.$monitor.id)">\(names[a.$monitor.id] ?? "")</a></td>
            <td>\(state(ctx, a.event))</td><td>\(a.message)</td><td>\(ctx.t(a.stage.vietnamese, a.stage.english))</td>
            <td>\(a.acknowledgedAt.map { ctx.date($0) + " " + (a.acknowledgedBy ?? "") } ?? (a.resolvedAt != nil ? ctx.t("Đã kết thúc", "Over") : ""))</td>
            <td>\(a.needsAcknowledgement && principal.policy.allows(.acknowledgeAlerts, on: a.unitID) ? """
            <form method="post" action="/alerts/\(a.id)/ack">\(ctx.csrfField)<input type="hidden" name="next" value="\(ctx.path)"><button>\(ctx.t(.acknowledge))</button></form>
            """ as HTML : .empty)</td></tr>
            """ })</tbody></table>
        """
    }

    /// The add/edit form of a monitor.
    static func form(_ ctx: PageContext, action: String, systems: [InformationSystem], monitor: Monitor?) -> HTML {
        let settings = monitor?.settings ?? MonitorSettings()
        let kind = monitor?.kind ?? .http
        return """
        <h2>\(monitor == nil ? ctx.t("Thêm giám sát", "Add a monitor") : ctx.t("Sửa giám sát", "Edit the monitor"))</h2>
        <form class="stack" method="post" action="\(action)">\(ctx.csrfField)
          <label>\(ctx.t(.name)) <input name="name" required maxlength="120" value="\(monitor?.name)"></label>
          <label>\(ctx.t("Loại kiểm tra", "Kind of check")) <select name="kind">\(VulnViews.options(MonitorKind.allCases.map { ($0.rawValue, ctx.t($0.vietnamese, $0.english)) }, selected: kind.rawValue))</select></label>
          <label>\(ctx.t("Đích", "Target")) <input name="target" required value="\(monitor?.target)" placeholder="https://cong.example.gov.vn/ · mail.example.gov.vn:25 · example.gov.vn:443 · example.gov.vn"></label>
          <label>\(ctx.t("Hệ thống thông tin", "Information system")) <select name="systemID"><option value="">—</option>\(VulnViews.options(systems.map { ($0.id!.uuidString, $0.name) }, selected: monitor?.$system.id?.uuidString))</select></label>
          <div class="filters">
          <label>\(ctx.t("Chu kỳ (giây)", "Interval (s)")) <input type="number" name="intervalSeconds" min="20" max="86400" value="\(monitor?.intervalSeconds ?? 60)"></label>
          <label>\(ctx.t("Thời gian chờ (giây)", "Timeout (s)")) <input type="number" name="timeoutSeconds" min="1" max="60" step="0.5" value="\(monitor.map { String(Double($0.timeoutMs) / 1000) } ?? "10")"></label>
          <label>\(ctx.t("Số lần thử lại trước khi báo mất kết nối", "Retries before down")) <input type="number" name="retries" min="0" max="10" value="\(monitor?.retries ?? 1)"></label>
          <label>\(ctx.t("Chậm nếu quá (ms)", "Degraded above (ms)")) <input type="number" name="maxLatencyMs" min="1" max="60000" value="\(settings.maxLatencyMs.map(String.init))"></label>
          </div>
          <fieldset><legend>HTTP(S)</legend><div class="filters">
          <label>\(ctx.t("Mã trạng thái chấp nhận", "Accepted status codes")) <input name="expectedStatus" placeholder="200-399" value="\(settings.expectedStatus)"></label>
          <label>\(ctx.t("Từ khoá", "Keyword")) <input name="keyword" maxlength="200" value="\(settings.keyword)"></label>
          <label><input type="checkbox" name="keywordMustBeAbsent" value="true"\(settings.keywordMustBeAbsent == true ? HTML(raw: " checked") : .empty)> \(ctx.t("Từ khoá không được xuất hiện", "Keyword must be absent"))</label>
          <label><input type="checkbox" name="ignoreTLSErrors" value="true"\(settings.ignoreTLSErrors == true ? HTML(raw: " checked") : .empty)> \(ctx.t("Bỏ qua lỗi chứng thư", "Ignore certificate errors"))</label>
          </div></fieldset>
          <fieldset><legend>TLS</legend><div class="filters">
          <label>\(ctx.t("Cảnh báo khi còn ít hơn (ngày)", "Degraded with fewer days left than")) <input type="number" name="tlsWarningDays" min="1" max="365" value="\(settings.tlsWarningDays.map(String.init))" placeholder="14"></label>
          <label>\(ctx.t("Mất kết nối khi còn ít hơn (ngày)", "Down with fewer days left than")) <input type="number" name="tlsCriticalDays" min="0" max="365" value="\(settings.tlsCriticalDays.map(String.init))" placeholder="0"></label>
          </div></fieldset>
          <fieldset><legend>DNS</legend><div class="filters">
          <label>\(ctx.t("Loại bản ghi", "Record type")) <select name="dnsRecordType">\(VulnViews.options(DNSRecordType.allCases.map { ($0.rawValue, $0.rawValue) }, selected: (settings.dnsRecordType ?? .a).rawValue))</select></label>
          <label>\(ctx.t("Giá trị phải có (mỗi dòng một)", "Expected values (one per line)")) <textarea name="dnsExpected">\((settings.dnsExpected ?? []).joined(separator: "\n"))</textarea></label>
          <label>\(ctx.t("Máy chủ DNS", "DNS server")) <input name="dnsServer" value="\(settings.dnsServer)" placeholder="\(ctx.t("mặc định của hệ thống", "system default"))"></label>
          </div></fieldset>
          <label><input type="checkbox" name="enabled" value="true"\(monitor?.enabled ?? true ? HTML(raw: " checked") : .empty)> \(ctx.t("Đang hoạt động (bỏ chọn để tạm dừng)", "Enabled (untick to pause)"))</label>
          <label><input type="checkbox" name="isPublic" value="true"\(monitor?.isPublic == true ? HTML(raw: " checked") : .empty)> \(ctx.t("Hiện trên trang trạng thái công khai của đơn vị", "Show on the unit's public status page"))</label>
          <button type="submit">\(ctx.t(.save))</button>
        </form>
        """
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
