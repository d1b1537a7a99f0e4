import Foundation
import TrucCore

extension FeedList {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t("Nguồn dữ liệu", "Data sources"), body: """
            <h1>\(ctx.t("Nguồn dữ liệu lỗ hổng", "Vulnerability data sources"))</h1>
            <p>\(model.cveCount) CVE · \(model.kevCount) \(ctx.t("trong danh mục CISA KEV", "in CISA KEV"))</p>
            \(SyncView(ctx: ctx, model: model.sync).html())
            <h2>\(ctx.t("Các lần nhập", "Imports"))</h2>
            <p class="muted">\(ctx.t("Nhập bằng dòng lệnh: truc import-nvd TỆP…, truc import-kev TỆP, truc import-epss TỆP, truc import-csaf TỆP…, truc import-cpe TỆP; đồng bộ ngay: truc sync; đối chiếu toàn bộ: truc match.",
                                     "Import from the command line: truc import-nvd FILE…, truc import-kev FILE, truc import-epss FILE, truc import-csaf FILE…, truc import-cpe FILE; sync now: truc sync; full rematch: truc match."))</p>
            \(imports())
            \(Pagination(ctx, metadata: model.metadata))
            \(CSAFDocumentsView(ctx: ctx, model: model.csafDocuments).html())
            \(OfflineView(ctx: ctx, model: model.offline).html())
            \(sla())
            <p class="muted">\(ctx.t("CVE trong danh mục KEV: hạn là ngày sớm hơn giữa bảng trên và hạn của CISA. CVE chưa có điểm CVSS tính như mức Trung bình.",
                                     "CVEs in KEV: the earlier of this table and CISA's due date. CVEs without a CVSS score count as Medium."))</p>
            """)
        }

        func imports() -> HTML {
            Table(headers: [ctx.t("Thời gian", "When"), ctx.t("Nguồn", "Feed"), ctx.t(.file), ctx.t("Bản ghi", "Records"), ctx.t("Mới", "New"),
                            ctx.t("Cập nhật", "Updated"), ctx.t("Không đổi", "Unchanged"), ctx.t("Bỏ qua", "Skipped"), ctx.t("Ghi chú", "Notes")],
                  model.imports) { f in
                ["\(ctx.date(f.startedAt))", "\(f.kind)", "\(f.source)", "\(f.records)", "\(f.created)", "\(f.updated)",
                 "\(f.unchanged)", "\(f.skipped)", f.summary.split(separator: "\n").prefix(5).html { "\(String($0))<br>" }]
            }.html
        }

        /// The deadline table: inputs for the coordinator, plain numbers for everyone else.
        func sla() -> HTML {
            let policy = model.policy
            let thresholdText = "\(policy.priorityRule.epssThreshold)"
            let ruleText = ctx.t("Lỗ hổng có CVE trong danh mục KEV hoặc có điểm EPSS từ ngưỡng trở lên nhận thời hạn của mức Nghiêm trọng",
                                 "A finding whose CVE is in KEV or has an EPSS score at or above the threshold gets the critical deadline")
            return """
            <h2 id="sla">\(ctx.t("Thời hạn khắc phục (ngày) theo mức độ và cấp độ hệ thống", "Remediation deadlines (days) by severity and system level"))</h2>
            <form method="post" action="\(VulnerabilityRoute.saveSLA)">\(ctx.csrfField)
            <table><thead><tr><th>\(ctx.t(.severity))</th>\((1...5).html { "<th>\(ctx.t("Cấp độ", "Level")) \($0)</th>" })</tr></thead>
            <tbody>\(CVSSSeverity.allCases.reversed().html { severity in """
                <tr><th>\(ctx.t(severity.vietnamese, severity.english))</th>\((1...5).html { level in
                    model.mayEditSLA
                        ? "<td><input type=\"number\" min=\"1\" max=\"3650\" name=\"\(severity.rawValue)_\(level)\" value=\"\(policy.days(severity: severity, level: level))\" aria-label=\"\(severity.rawValue) \(level)\"></td>"
                        : "<td>\(policy.days(severity: severity, level: level))</td>" })</tr>
                """ })</tbody></table>
            \(model.mayEditSLA ? """
            \(FormField.select(ctx.t("Cấp độ dùng cho tài sản chưa gán hệ thống", "Level used for assets without a system"), Select(name: "unassignedLevel", Array(1...5), selected: policy.unassignedLevel, value: { "\($0)" }, label: { "\($0)" })))
            <fieldset id="sla-priority"><legend>\(ctx.t("Quy tắc ưu tiên KEV/EPSS", "KEV/EPSS priority rule"))</legend>
            <label><input type="checkbox" name="priorityRule" value="on"\(policy.priorityRule.enabled ? " checked" : "")> \(ruleText)</label>
            <label>\(ctx.t("Ngưỡng EPSS (0–1)", "EPSS threshold (0–1)")) <input type="number" name="epssThreshold" min="0" max="1" step="0.001" value="\(thresholdText)"></label>
            </fieldset>
            <button type="submit">\(ctx.t("Lưu bảng thời hạn", "Save the deadline table"))</button>
            """ as HTML : """
            <p class="muted">\(ctx.t("Tài sản chưa gán hệ thống dùng cấp độ", "Assets without a system use level")) \(policy.unassignedLevel).</p>
            <p class="muted">\(ctx.t("Quy tắc ưu tiên KEV/EPSS", "KEV/EPSS priority rule")): \(policy.priorityRule.enabled ? ctx.t("bật", "on") + " (EPSS ≥ \(thresholdText))" : ctx.t("tắt", "off")).</p>
            """ as HTML)
            </form>
            """
        }
    }
}
