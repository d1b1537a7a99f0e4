import Foundation
import TrucCore

/// The add/edit form of a monitor (on a unit's monitoring page and on a monitor's page).
struct MonitorFormView: HTMLComponent {
    let ctx: PageContext
    let action: MonitorRoute
    let systems: [SystemOption]
    /// Nil to add one.
    let monitor: Monitor?

    private func checkbox(_ name: String, _ checked: Bool, _ label: String) -> HTML {
        "<label><input type=\"checkbox\" name=\"\(name)\" value=\"true\"\(checked ? HTML(raw: " checked") : .empty)> \(label)</label>"
    }

    var html: HTML {
        let settings = monitor?.settings ?? MonitorSettings()
        let kind = monitor?.kind ?? .http
        let system = monitor?.$system.id
        return """
        <h2>\(monitor == nil ? ctx.t("Thêm giám sát", "Add a monitor") : ctx.t("Sửa giám sát", "Edit the monitor"))</h2>
        <form class="stack" method="post" action="\(action)">\(ctx.csrfField)
          \(FormField.input(ctx.t(.name), name: "name", value: monitor?.name, maxLength: 120, required: true))
          \(FormField.select(ctx.t("Loại kiểm tra", "Kind of check"), Select(name: "kind", MonitorKind.allCases, selected: kind, value: \.rawValue, label: { ctx.t($0.vietnamese, $0.english) })))
          \(FormField.input(ctx.t("Đích", "Target"), name: "target", value: monitor?.target, required: true,
                            placeholder: "https://cong.example.gov.vn/ · mail.example.gov.vn:25 · example.gov.vn:443 · example.gov.vn"))
          \(FormField.select(ctx.t("Hệ thống thông tin", "Information system"),
                             Select(name: "systemID", systems, selected: systems.first { $0.id == system }, none: "—", value: \.id.uuidString, label: \.name)))
          <div class="filters">
          <label>\(ctx.t("Chu kỳ (giây)", "Interval (s)")) <input type="number" name="intervalSeconds" min="20" max="86400" value="\(monitor?.intervalSeconds ?? 60)"></label>
          <label>\(ctx.t("Thời gian chờ (giây)", "Timeout (s)")) <input type="number" name="timeoutSeconds" min="1" max="60" step="0.5" value="\(monitor.map { String(Double($0.timeoutMs) / 1000) } ?? "10")"></label>
          <label>\(ctx.t("Số lần thử lại trước khi báo mất kết nối", "Retries before down")) <input type="number" name="retries" min="0" max="10" value="\(monitor?.retries ?? 1)"></label>
          <label>\(ctx.t("Chậm nếu quá (ms)", "Degraded above (ms)")) <input type="number" name="maxLatencyMs" min="1" max="60000" value="\(settings.maxLatencyMs.map(String.init))"></label>
          </div>
          <fieldset><legend>HTTP(S)</legend><div class="filters">
          \(FormField.input(ctx.t("Mã trạng thái chấp nhận", "Accepted status codes"), name: "expectedStatus", value: settings.expectedStatus, placeholder: "200-399"))
          \(FormField.input(ctx.t("Từ khoá", "Keyword"), name: "keyword", value: settings.keyword, maxLength: 200))
          \(checkbox("keywordMustBeAbsent", settings.keywordMustBeAbsent == true, ctx.t("Từ khoá không được xuất hiện", "Keyword must be absent")))
          \(checkbox("ignoreTLSErrors", settings.ignoreTLSErrors == true, ctx.t("Bỏ qua lỗi chứng thư", "Ignore certificate errors")))
          </div></fieldset>
          <fieldset><legend>TLS</legend><div class="filters">
          <label>\(ctx.t("Cảnh báo khi còn ít hơn (ngày)", "Degraded with fewer days left than")) <input type="number" name="tlsWarningDays" min="1" max="365" value="\(settings.tlsWarningDays.map(String.init))" placeholder="14"></label>
          <label>\(ctx.t("Mất kết nối khi còn ít hơn (ngày)", "Down with fewer days left than")) <input type="number" name="tlsCriticalDays" min="0" max="365" value="\(settings.tlsCriticalDays.map(String.init))" placeholder="0"></label>
          </div></fieldset>
          <fieldset><legend>DNS</legend><div class="filters">
          \(FormField.select(ctx.t("Loại bản ghi", "Record type"), Select(name: "dnsRecordType", DNSRecordType.allCases, selected: settings.dnsRecordType ?? .a, value: \.rawValue, label: \.rawValue)))
          \(FormField.textarea(ctx.t("Giá trị phải có (mỗi dòng một)", "Expected values (one per line)"), name: "dnsExpected", value: (settings.dnsExpected ?? []).joined(separator: "\n")))
          \(FormField.input(ctx.t("Máy chủ DNS", "DNS server"), name: "dnsServer", value: settings.dnsServer, placeholder: ctx.t("mặc định của hệ thống", "system default")))
          </div></fieldset>
          \(checkbox("enabled", monitor?.enabled ?? true, ctx.t("Đang hoạt động (bỏ chọn để tạm dừng)", "Enabled (untick to pause)")))
          \(checkbox("isPublic", monitor?.isPublic == true, ctx.t("Hiện trên trang trạng thái công khai của đơn vị", "Show on the unit's public status page")))
          <button type="submit">\(ctx.t(.save))</button>
        </form>
        """
    }
}
