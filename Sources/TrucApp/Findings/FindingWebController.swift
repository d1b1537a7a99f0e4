import Fluent
import Foundation
import TrucCore
import Vapor

/// The findings list with filters and paging, and one finding with its workflow form.
struct FindingWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(FindingRoute.list, use: list)
        routes.on(FindingRoute.show(.routeKey), use: show)
        routes.on(FindingRoute.setStatus(.routeKey), use: setStatus)
    }

    static func table(_ ctx: PageContext, _ findings: [Finding], assetNames: [UUID: String], showAsset: Bool = true, now: Date = Date()) -> HTML {
        guard !findings.isEmpty else { return "<p class=\"muted\">\(ctx.t("Không có lỗ hổng nào.", "No findings."))</p>" }
        return """
        <table class="findings"><thead><tr><th>CVE</th>\(showAsset ? "<th>\(ctx.t("Tài sản", "Asset"))</th>" as HTML : .empty)
        <th>\(ctx.t(.severity))</th><th>\(ctx.t(.status))</th><th>\(ctx.t("Hạn xử lý", "Deadline"))</th><th>\(ctx.t("Khớp", "Match"))</th></tr></thead>
        <tbody>\(findings.html { f in
            let overdue = SLAPolicy.isOverdue(deadline: f.dueAt, status: f.status, now: now)
            let assetName = f.$asset.value?.name ?? assetNames[f.$asset.id] ?? ""
            return """
            <tr\(overdue ? HTML(raw: " class=\"overdue\"") : .empty)><td><a href="/findings/\(f.id)">\(f.$vulnerability.id)</a> \(VulnViews.kev(ctx, f.kev, due: f.kevDueDate))</td>
            \(showAsset ? "<td><a href=\"/assets/\(f.$asset.id)\">\(assetName)</a></td>" as HTML : .empty)
            <td>\(VulnViews.severity(ctx, f.severity, score: f.cvssScore))</td><td>\(VulnViews.status(ctx, f.status))</td>
            <td>\(ctx.day(f.dueAt))\(overdue ? " <span class=\"badge s-overdue\">\(ctx.t(.overdue))</span>" as HTML : .empty)</td>
            <td>\(f.certain ? ctx.t("Chắc chắn", "Certain") : ctx.t("Cần xác minh", "To verify"))\(f.stillMatches ? "" : " · " + ctx.t("không còn khớp", "no longer matches"))</td></tr>
            """ })</tbody></table>
        """
    }

    func list(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        try await FindingService.reopenExpiredAcceptances(on: req.db)
        let ctx = PageContext(req)
        let filter = try FindingService.filter(req)
        let now = Date()
        let page = try await FindingService.query(filter, for: principal, on: req.db, now: now).with(\.$asset).page(req.paging())
        let summary = try await FindingService.summary(for: principal, filter: filter, on: req.db, now: now)
        let units = try await OrgUnit.query(on: req.db).sort(\.$code).all()
            .filter { principal.policy.allows(.read, on: $0.id!) }
        let systems = try await InformationSystem.query(on: req.db).sort(\.$name).limit(500).all()
            .filter { principal.policy.allows(.read, on: $0.$unit.id) }
        let selectedStatus = req.query[String.self, at: "status"] ?? ""
        let bars = CVSSSeverity.allCases.reversed().map { severity in
            (label: ctx.t(severity.vietnamese, severity.english), value: summary.bySeverity[severity.rawValue] ?? 0, cssClass: "sev-\(severity.rawValue)")
        }
        let bool: (String) -> String = { req.query[String.self, at: $0] ?? "" }
        return PageFrame.page(ctx, title: ctx.t(.findings), body: """
        <h1>\(ctx.t("Lỗ hổng trên tài sản", "Findings on assets"))</h1>
        <div class="cards">
          <div class="card"><strong>\(summary.active)</strong> \(ctx.t("đang mở", "active"))<br><strong>\(summary.overdue)</strong> \(ctx.t("quá hạn", "overdue"))<br><strong>\(summary.kev)</strong> \(ctx.t("trong danh mục KEV", "in CISA KEV"))</div>
          <div class="card">\(VulnViews.barChart(bars, title: ctx.t("Lỗ hổng đang mở theo mức độ", "Active findings by severity")))</div>
        </div>
        <form method="get" action="/findings" class="filters">
          <label>\(ctx.t(.unit)) <select name="unitID"><option value="">\(ctx.t(.all))</option>\(VulnViews.options(units.map { ($0.id!.uuidString, "\($0.code) — \($0.name)") }, selected: filter.unitID?.uuidString))</select></label>
          <label>\(ctx.t(.system)) <select name="systemID"><option value="">\(ctx.t(.all))</option>\(VulnViews.options(systems.map { ($0.id!.uuidString, $0.name) }, selected: filter.systemID?.uuidString))</select></label>
          <label>\(ctx.t(.severity)) <select name="severity"><option value="">\(ctx.t(.all))</option>\(VulnViews.options(CVSSSeverity.allCases.reversed().map { ($0.rawValue, ctx.t($0.vietnamese, $0.english)) }, selected: req.query[String.self, at: "severity"]))</select></label>
          <label>\(ctx.t(.status)) <select name="status"><option value="">\(ctx.t("Đang mở (mặc định)", "Active (default)"))</option><option value="all"\(selectedStatus == "all" ? HTML(raw: " selected") : .empty)>\(ctx.t(.all))</option>\(VulnViews.options(FindingStatus.allCases.map { ($0.rawValue, ctx.t($0.vietnamese, $0.english)) }, selected: selectedStatus))</select></label>
          <label>KEV <select name="kev"><option value="">\(ctx.t(.all))</option>\(VulnViews.options([("true", ctx.t("Chỉ KEV", "KEV only"))], selected: bool("kev")))</select></label>
          <label>\(ctx.t(.overdue)) <select name="overdue"><option value="">\(ctx.t(.all))</option>\(VulnViews.options([("true", ctx.t("Chỉ quá hạn", "Overdue only"))], selected: bool("overdue")))</select></label>
          <button>\(ctx.t(.filter))</button>
        </form>
        <p>\(page.metadata.total) \(ctx.t("lỗ hổng", "finding(s)"))</p>
        \(Self.table(ctx, page.items, assetNames: [:], now: now))
        \(PageFrame.pager(ctx, metadata: page.metadata, request: req))
        """)
    }

    func show(req: Request) async throws -> HTML {
        let finding = try await FindingService.find(req)
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let vulnerability = try await Vulnerability.find(finding.$vulnerability.id, on: req.db)
        var system: InformationSystem?
        if let systemID = finding.$system.id { system = try await InformationSystem.find(systemID, on: req.db) }
        let canHandle = principal.policy.allows(.handleFindings, on: finding.$unit.id)
        let canAccept = principal.policy.allows(.acceptRisk, on: finding.$unit.id)
        let next = FindingStatus.allCases.filter { finding.status.canTransition(to: $0) && ($0 != .riskAccepted || canAccept) }
        let overdue = SLAPolicy.isOverdue(deadline: finding.dueAt, status: finding.status, now: Date())
        return PageFrame.page(ctx, title: "\(finding.$vulnerability.id) · \(finding.asset.name)", body: """
        <h1><a href="/cves/\(finding.$vulnerability.id)">\(finding.$vulnerability.id)</a> \(ctx.t("trên", "on")) <a href="/assets/\(finding.$asset.id)">\(finding.asset.name)</a></h1>
        <p>\(vulnerability?.summary)</p>
        <table>
        <tr><th>\(ctx.t(.severity))</th><td>\(VulnViews.severity(ctx, finding.severity, score: finding.cvssScore)) \(VulnViews.kev(ctx, finding.kev, due: finding.kevDueDate))</td></tr>
        <tr><th>\(ctx.t(.status))</th><td>\(VulnViews.status(ctx, finding.status)) \(finding.statusNote.map { "— \($0)" })\(finding.statusChangedBy.map { " (\($0), \(ctx.date(finding.statusChangedAt)))" })</td></tr>
        <tr><th>\(ctx.t("Hạn xử lý", "Deadline"))</th><td>\(ctx.date(finding.dueAt))\(overdue ? " <span class=\"badge s-overdue\">\(ctx.t(.overdue))</span>" as HTML : .empty)</td></tr>
        <tr><th>\(ctx.t(.system))</th><td>\(system.map { "\($0.name) (\(ctx.t("cấp độ", "level")) \($0.securityLevel))" } ?? ctx.t("(chưa gán — tính theo cấp độ mặc định)", "(none — default level used)"))</td></tr>
        <tr><th>\(ctx.t("Phát hiện lần đầu", "First seen"))</th><td>\(ctx.date(finding.firstSeen))</td></tr>
        <tr><th>\(ctx.t("Khớp", "Match"))</th><td>\(finding.certain ? ctx.t("Chắc chắn", "Certain") : ctx.t("Có thể — cần xác minh (phiên bản/thuộc tính chưa rõ)", "Possible — verify (version or attributes unknown)"))<br>
          \(ctx.t("CPE của tài sản", "Asset CPE")): <code class="cpe">\(finding.matchedCPE)</code><br>\(ctx.t("Tiêu chí", "Criterion")): <code class="cpe">\(finding.criterion)</code>
          \(finding.stillMatches ? .empty : "<br><strong>\(ctx.t("Tài sản không còn khớp CVE này.", "The asset no longer matches this CVE."))</strong>" as HTML)</td></tr>
        \(finding.acceptedUntil.map { "<tr><th>\(ctx.t("Chấp nhận rủi ro đến", "Risk accepted until"))</th><td>\(ctx.date($0))</td></tr>" as HTML } ?? .empty)
        </table>
        \(canHandle && !next.isEmpty ? """
        <h2>\(ctx.t("Cập nhật xử lý", "Update the remediation"))</h2>
        <form class="stack" method="post" action="/findings/\(finding.id)/status">\(ctx.csrfField)
          <label>\(ctx.t("Trạng thái mới", "New status")) <select name="status">\(VulnViews.options(next.map { ($0.rawValue, ctx.t($0.vietnamese, $0.english)) }, selected: nil as String?))</select></label>
          <label>\(ctx.t("Ghi chú (bắt buộc với giảm thiểu, dương tính giả, chấp nhận rủi ro)", "Note (required for mitigated, false positive, risk accepted)")) <textarea name="note" maxlength="2000"></textarea></label>
          <label>\(ctx.t("Chấp nhận rủi ro đến ngày (chỉ khi chấp nhận rủi ro)", "Risk accepted until (risk acceptance only)")) <input type="datetime-local" name="acceptedUntil"></label>
          <button type="submit">\(ctx.t(.save))</button>
        </form>
        """ as HTML : .empty)
        """)
    }

    struct StatusForm: Content, LimitedInput {
        var status: String
        var note: String?
        var acceptedUntil: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("status", status, TextLimit.code)
            check.text("note", note, AdvisoryStateInput.noteLimit)
            check.text("acceptedUntil", acceptedUntil, TextLimit.code)
        }
    }

    func setStatus(req: Request) async throws -> Response {
        let finding = try await FindingService.find(req)
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let form = try req.input(StatusForm.self)
        guard let status = FindingStatus(rawValue: form.status) else { throw Abort(.badRequest, reason: ctx.t("Trạng thái không hợp lệ.", "Unknown status.")) }
        var until: Date?
        if let text = form.acceptedUntil.nonEmpty {
            guard let date = VNDateFormat.parse(text, timeZone: req.timeZone) else {
                throw Abort(.badRequest, reason: ctx.t("Ngày không hợp lệ: \(text)", "Not a date: \(text)"))
            }
            until = date
        }
        _ = try await FindingService.transition(finding, FindingStatusInput(status: status, note: form.note, acceptedUntil: until),
                                                principal: principal, on: req.db)
        return req.redirect(to: "/findings/\(finding.id!)", flash: Flash(.updated))
    }
}
