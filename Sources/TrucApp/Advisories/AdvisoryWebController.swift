import Fluent
import Foundation
import TrucCore
import Vapor

/// Advisory pages: the list, drafting and publishing (coordinator), the board per unit, units' answers, and the public
/// Atom feed of TLP:CLEAR advisories.
struct AdvisoryWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(AdvisoryRoute.list, use: list)
        routes.on(AdvisoryRoute.create, use: create)
        routes.on(AdvisoryRoute.show(.routeKey), use: show)
        routes.on(AdvisoryRoute.publish(.routeKey), use: publish)
        routes.on(AdvisoryRoute.setUnitState(.routeKey, unit: .routeKey), use: setState)
    }

    func list(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let paging = try req.paging()
        let page = paging.page(of: try await AdvisoryQueries.visible(for: principal, on: req.db))
        let items = page.items, metadata = page.metadata
        return PageFrame.page(ctx, title: ctx.t(.advisories), body: """
        <h1>\(ctx.t("Cảnh báo an toàn thông tin", "Security advisories"))</h1>
        <p><a href="/advisories.atom">\(ctx.t("Nguồn Atom các cảnh báo công khai", "Atom feed of public advisories"))</a></p>
        <table><thead><tr><th>\(ctx.t("Số", "Reference"))</th><th>\(ctx.t(.title))</th><th>TLP</th><th>\(ctx.t("Ban hành", "Published"))</th>
        <th>\(ctx.t(.deadline))</th><th>\(ctx.t("Đơn vị liên quan / chưa xong", "Units concerned / open"))</th></tr></thead>
        <tbody>\(items.html { a in """
            <tr><td><a href="/advisories/\(a.id)">\(a.reference)</a></td><td>\(a.title)</td><td>\(VulnViews.tlp(a.tlp))</td>
            <td>\(a.publishedAt.map { ctx.date($0) } ?? ctx.t("Bản nháp", "Draft"))</td><td>\(ctx.day(a.deadline))</td>
            <td>\(a.unitCount ?? 0) / \(a.openCount ?? 0)</td></tr>
            """ })</tbody></table>
        \(PageFrame.pager(ctx, metadata: metadata, request: req))
        \(principal.isCoordinator ? form(ctx) : .empty)
        """)
    }

    func form(_ ctx: PageContext) -> HTML {
        """
        <h2>\(ctx.t("Soạn cảnh báo", "Draft an advisory"))</h2>
        <form class="stack" method="post" action="/advisories">\(ctx.csrfField)
          <label>\(ctx.t(.title)) <input name="title" required maxlength="300"></label>
          <label>\(ctx.t("Nội dung", "Body")) <textarea name="body"></textarea></label>
          <label>\(ctx.t("CVE (mỗi dòng một mã)", "CVEs (one per line)")) <textarea name="cves" placeholder="CVE-2022-22965"></textarea></label>
          <label>\(ctx.t("Mẫu CPE bị ảnh hưởng (mỗi dòng một mẫu)", "Affected CPE patterns (one per line)")) <textarea name="cpePatterns" placeholder="cpe:2.3:a:vmware:spring_framework:*:*:*:*:*:*:*:*"></textarea></label>
          <label>\(ctx.t("Yêu cầu thực hiện", "Required action")) <textarea name="requiredAction" required></textarea></label>
          <label>\(ctx.t("Hạn hoàn thành", "Deadline")) <input type="datetime-local" name="deadline"></label>
          <label>TLP <select name="tlp">\(VulnViews.options(TLP.allCases.map { ($0.rawValue, "\($0.label) — \(ctx.t($0.vietnamese, $0.english))") }, selected: TLP.green.rawValue))</select></label>
          <label><input type="checkbox" name="publish" value="true"> \(ctx.t("Ban hành ngay (xác định đơn vị bị ảnh hưởng và thông báo)", "Publish now (find the units concerned and notify them)"))</label>
          <button type="submit">\(ctx.t(.save))</button>
        </form>
        """
    }

    struct AdvisoryForm: Content, LimitedInput {
        var title: String
        var body: String?
        var cves: String?
        var cpePatterns: String?
        var requiredAction: String
        var deadline: String?
        var tlp: String
        var publish: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            AdvisoryInput.checkLimits(&check, title: title, body: body, requiredAction: requiredAction)
            check.text("cves", cves, TextLimit.listEntries * (TextLimit.code + 1))
            check.text("cpePatterns", cpePatterns, TextLimit.listEntries * (TextLimit.line + 1))
            for (field, value) in [("deadline", deadline), ("tlp", tlp), ("publish", publish)] { check.text(field, value, TextLimit.code) }
        }
    }

    func create(req: Request) async throws -> Response {
        let principal = try req.requireCoordinator()
        let ctx = PageContext(req)
        let form = try req.input(AdvisoryForm.self)
        guard let tlp = TLP(label: form.tlp) else { throw Abort(.badRequest, reason: ctx.t("TLP không hợp lệ.", "Unknown TLP.")) }
        var deadline: Date?
        if let text = form.deadline.nonEmpty {
            guard let date = VNDateFormat.parse(text, timeZone: req.timeZone) else { throw Abort(.badRequest, reason: ctx.t("Hạn không hợp lệ.", "Not a date.")) }
            deadline = date
        }
        let lines: (String?) -> [String] = { ($0 ?? "").split(whereSeparator: { $0.isNewline || $0 == "," || $0 == " " }).map(String.init) }
        let input = AdvisoryInput(title: form.title, body: form.body ?? "", cves: lines(form.cves), cpePatterns: lines(form.cpePatterns),
                                  requiredAction: form.requiredAction, deadline: deadline, tlp: tlp, publish: form.publish == "true")
        let advisory = try await AdvisoryService.create(input, by: principal, on: req.db, zone: req.timeZone)
        return req.redirect(to: "/advisories/\(advisory.id!)", flash: Flash(.advisorySaved))
    }

    func show(req: Request) async throws -> HTML {
        let (advisory, rows) = try await AdvisoryService.find(req)
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let board = AdvisoryService.board(advisory, rows: rows, principal: principal)
        let states = AdvisoryUnitState.allCases.filter { $0 != .notified }
        let counts = AdvisoryUnitState.allCases.map { state in (state, board.filter { $0.state == state }.count) }
        return PageFrame.page(ctx, title: advisory.reference, body: """
        <h1>\(advisory.reference): \(advisory.title) \(VulnViews.tlp(advisory.tlp))</h1>
        <p>\(advisory.publishedAt.map { ctx.t("Ban hành", "Published") + " " + ctx.date($0) } ?? ctx.t("Bản nháp — chưa ban hành", "Draft — not published"))\(advisory.deadline.map { " · " + ctx.t(.deadline) + " " + ctx.date($0) } ?? "")</p>
        <div class="card"><p style="white-space: pre-wrap">\(advisory.body)</p>
        <p><strong>\(ctx.t("Yêu cầu", "Required action")):</strong> \(advisory.requiredAction)</p>
        <p>CVE: \(advisory.cves.html { "<a href=\"/cves/\($0)\">\($0)</a> " })</p>
        <p>CPE: \(advisory.cpePatterns.html { "<code class=\"cpe\">\($0)</code> " })</p></div>
        \(principal.isCoordinator ? """
        <form method="post" action="/advisories/\(advisory.id)/publish">\(ctx.csrfField)<button>\(advisory.publishedAt == nil ? ctx.t("Ban hành và thông báo đơn vị", "Publish and notify the units") : ctx.t("Tính lại đơn vị bị ảnh hưởng", "Recompute the units concerned"))</button></form>
        """ as HTML : .empty)
        <h2>\(ctx.t("Bảng theo dõi đơn vị", "Unit board")) (\(board.count))</h2>
        <p>\(counts.html { "<span class=\"badge\">\(ctx.t($0.0.vietnamese, $0.0.english)): \($0.1)</span> " })</p>
        <table class="board"><thead><tr><th>\(ctx.t(.unit))</th><th>\(ctx.t("Tài sản khớp", "Matching assets"))</th><th>\(ctx.t(.state))</th>
        <th>\(ctx.t("Xác nhận", "Acknowledged"))</th><th>\(ctx.t(.note))</th><th></th></tr></thead>
        <tbody>\(board.html { row in
            let canAnswer = principal.policy.allows(.report, on: row.unitID)
            let next = states.filter { row.state.canMove(to: $0) }
            return """
            <tr\(row.overdue ? HTML(raw: " class=\"overdue\"") : .empty)><td>\(row.unitCode) — \(row.unitName)</td>
            <td>\(row.matchedAssets)<br><span class="muted">\(row.assetNames.prefix(5).joined(separator: ", "))</span></td>
            <td>\(ctx.t(row.state.vietnamese, row.state.english))\(row.overdue ? " <span class=\"badge s-overdue\">\(ctx.t(.overdue))</span>" as HTML : .empty)</td>
            <td>\(ctx.date(row.acknowledgedAt)) \(row.acknowledgedBy)</td><td>\(row.note)</td>
            <td>\(canAnswer && !next.isEmpty ? """
            <form method="post" action="/advisories/\(advisory.id)/units/\(row.unitID)/state">\(ctx.csrfField)
            <select name="state">\(VulnViews.options(next.map { ($0.rawValue, ctx.t($0.vietnamese, $0.english)) }, selected: nil as String?))</select>
            <input name="note" placeholder="\(ctx.t(.note))" maxlength="2000"> <button>\(ctx.t("Cập nhật", "Update"))</button></form>
            """ as HTML : .empty)</td></tr>
            """ })</tbody></table>
        """)
    }

    func publish(req: Request) async throws -> Response {
        let principal = try req.requireCoordinator()
        let (advisory, _) = try await AdvisoryService.find(req)
        try await AdvisoryService.publish(advisory, by: principal, on: req.db)
        return req.redirect(to: "/advisories/\(advisory.id!)", flash: Flash(.advisoryPublished))
    }

    struct StateForm: Content, LimitedInput {
        var state: String
        var note: String?

        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("state", state, TextLimit.code)
            check.text("note", note, AdvisoryStateInput.noteLimit)
        }
    }

    func setState(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let (advisory, _) = try await AdvisoryService.find(req)
        guard let unitID = req.parameters.get("unitID", as: UUID.self) else { throw Abort(.badRequest, reason: "unitID must be a UUID") }
        try req.authorize(.read, on: unitID)
        let ctx = PageContext(req)
        let form = try req.input(StateForm.self)
        guard let state = AdvisoryUnitState(rawValue: form.state) else { throw Abort(.badRequest, reason: ctx.t("Trạng thái không hợp lệ.", "Unknown state.")) }
        _ = try await AdvisoryService.setState(advisory, unitID: unitID, AdvisoryStateInput(state: state, note: form.note), by: principal, on: req.db)
        return req.redirect(to: "/advisories/\(advisory.id!)", flash: Flash(.updated))
    }
}

/// GET /advisories.atom: published TLP:CLEAR advisories, for anyone (no sign-in).
enum AdvisoryFeed {
    static func response(_ req: Request) async throws -> Response {
        let advisories = try await Advisory.query(on: req.db).filter(\.$tlp == .clear).filter(\.$publishedAt != nil)
            .sort(\.$publishedAt, .descending).limit(100).all()
        // Links only from TRUC_PUBLIC_URL: the Host header is whatever the client sent.
        let base = req.application.config.publicURL
        let feed = AtomFeed(id: "\(base)/advisories.atom", title: "Trực ATTT — Cảnh báo an toàn thông tin", selfLink: "\(base)/advisories.atom",
                            alternateLink: "\(base)/advisories", author: "Trực ATTT",
                            entries: advisories.map { a in
                                AtomFeed.Entry(id: "urn:uuid:\(a.id!.uuidString.lowercased())", title: "\(a.reference): \(a.title)",
                                               updated: a.updatedAt ?? a.publishedAt!, published: a.publishedAt,
                                               link: "\(base)/advisories/\(a.id!)",
                                               summary: a.body + "\n\n" + a.requiredAction + (a.cves.isEmpty ? "" : "\n\nCVE: " + a.cves.joined(separator: ", ")),
                                               categories: a.cves + [a.tlp.label])
                            })
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/atom+xml; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: feed.render()))
    }
}
