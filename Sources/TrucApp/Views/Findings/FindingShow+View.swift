import Foundation
import TrucCore

extension FindingShow {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            let finding = model.finding
            let assetName = finding.$asset.value?.name ?? ""
            return PageFrame.page(ctx, title: "\(finding.$vulnerability.id) · \(assetName)", body: """
            <h1><a href="\(VulnerabilityRoute.cve(finding.$vulnerability.id))">\(finding.$vulnerability.id)</a> \(ctx.t("trên", "on")) <a href="\(InventoryRoute.asset(finding.$asset.id))">\(assetName)</a></h1>
            <p>\(model.summary)</p>
            \(facts())
            \(detections())
            \(statusForm())
            """)
        }

        func facts() -> HTML {
            let finding = model.finding
            let overdue = SLAPolicy.isOverdue(deadline: finding.dueAt, status: finding.status, now: model.now)
            return """
            <table>
            <tr><th>\(ctx.t(.severity))</th><td>\(VulnViews.severity(ctx, finding.severity, score: finding.cvssScore)) \(VulnViews.kev(ctx, finding.kev, due: finding.kevDueDate)) \(VulnViews.epss(ctx, model.epss))</td></tr>
            <tr><th>\(ctx.t(.status))</th><td>\(VulnViews.status(ctx, finding.status)) \(finding.statusNote.map { "— \($0)" })\(finding.statusChangedBy.map { " (\($0), \(ctx.date(finding.statusChangedAt)))" })</td></tr>
            <tr><th>\(ctx.t("Hạn xử lý", "Deadline"))</th><td>\(ctx.date(finding.dueAt))\(overdue ? " \(Badge(ctx.t(.overdue), className: "s-overdue"))" as HTML : .empty)</td></tr>
            <tr><th>\(ctx.t(.system))</th><td>\(model.system.map { "\($0.name) (\(ctx.t("cấp độ", "level")) \($0.securityLevel))" } ?? ctx.t("(chưa gán — tính theo cấp độ mặc định)", "(none — default level used)"))</td></tr>
            <tr><th>\(ctx.t("Phát hiện lần đầu", "First seen"))</th><td>\(ctx.date(finding.firstSeen))</td></tr>
            \(finding.matchedCPE.isEmpty ? .empty : """
            <tr><th>\(ctx.t("Khớp CPE", "CPE match"))</th><td>\(finding.certain ? ctx.t("Chắc chắn", "Certain") : ctx.t("Có thể — cần xác minh (phiên bản/thuộc tính chưa rõ)", "Possible — verify (version or attributes unknown)"))<br>
              \(ctx.t("CPE của tài sản", "Asset CPE")): <code class="cpe">\(finding.matchedCPE)</code><br>\(ctx.t("Tiêu chí", "Criterion")): <code class="cpe">\(finding.criterion)</code>
              \(finding.stillMatches ? .empty : "<br><strong>\(ctx.t("Tài sản không còn khớp CVE này.", "The asset no longer matches this CVE."))</strong>" as HTML)</td></tr>
            """ as HTML)
            \(finding.acceptedUntil.map { "<tr><th>\(ctx.t("Chấp nhận rủi ro đến", "Risk accepted until"))</th><td>\(ctx.date($0))</td></tr>" as HTML } ?? .empty)
            </table>
            """
        }

        /// The scanners' results behind the finding.
        func detections() -> HTML {
            guard !model.detections.isEmpty else { return .empty }
            return """
            <h2>\(ctx.t("Công cụ quét phát hiện", "Detected by scanners"))</h2>
            \(Table(headers: [ctx.t("Công cụ", "Scanner"), ctx.t("Quy tắc", "Rule"), ctx.t("Cổng", "Port"), ctx.t(.severity),
                              ctx.t("Bằng chứng", "Evidence"), ctx.t("Khắc phục", "Solution"), ctx.t("Lần cuối", "Last seen")],
                    model.detections) { d in
                ["\(d.scanner.title)",
                 "<code>\(d.ruleID)</code><br>\(d.name)\(d.cves.isEmpty ? HTML.empty : "<br><small>\(d.cves.replacingOccurrences(of: ",", with: ", "))</small>" as HTML)",
                 "\(d.port.map { "\($0)/\(d.proto ?? "")" } ?? "—")",
                 "\(d.severity.rawValue)\(d.cvss.map { " (\($0))" } ?? "")",
                 "<pre class=\"evidence\">\(d.evidence ?? "")</pre>" as HTML, "\(d.solution ?? "")",
                 "\(ctx.date(d.lastSeen))\(d.present ? "" : " — " + ctx.t("không còn trong lần quét sau", "gone from a later scan"))"]
            })
            """
        }

        func statusForm() -> HTML {
            guard !model.nextStatuses.isEmpty, let id = model.finding.id else { return .empty }
            return """
            <h2>\(ctx.t("Cập nhật xử lý", "Update the remediation"))</h2>
            <form class="stack" method="post" action="\(FindingRoute.setStatus(id))">\(ctx.csrfField)
              \(FormField.select(ctx.t("Trạng thái mới", "New status"), Select(name: "status", model.nextStatuses, selected: nil, value: \.rawValue, label: { ctx.t($0.vietnamese, $0.english) })))
              \(FormField.textarea(ctx.t("Ghi chú (bắt buộc với giảm thiểu, dương tính giả, chấp nhận rủi ro)", "Note (required for mitigated, false positive, risk accepted)"), name: "note", maxLength: 2000))
              \(FormField.input(ctx.t("Chấp nhận rủi ro đến ngày (chỉ khi chấp nhận rủi ro)", "Risk accepted until (risk acceptance only)"), name: "acceptedUntil", type: "datetime-local"))
              <button type="submit">\(ctx.t(.save))</button>
            </form>
            """
        }
    }
}
