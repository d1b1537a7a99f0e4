import Foundation
import TrucCore

extension HomeShow {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t(.overview), body: body())
        }

        /// What a duty officer looks for first (duty, incidents with the report link) comes before the rest.
        func body() -> HTML {
            """
            <h1>\(ctx.t("Xin chào", "Hello")), \(model.fullName)</h1>\(failingSources())
            <div class="cards">
              \(duty())
              \(incidents())
              \(campaigns())
              \(security())
              \(dutyLinks())
              \(roles())
            </div>
            """
        }

        /// Shown to coordinators above everything else while a knowledge source keeps failing: findings go stale.
        func failingSources() -> HTML {
            guard !model.failingSources.isEmpty else { return .empty }
            return """
            <section class="card gap" role="alert"><h2>\(ctx.t("Đồng bộ nguồn dữ liệu đang lỗi", "Feed sync is failing"))</h2><ul>\(model.failingSources.html { source in
                "<li><a href=\"\(FeedSourceRoute.show(source.id ?? .routeKey))\">\(source.name)</a>: \(ctx.t("lỗi", "failed")) \(source.failures) \(ctx.t("lần liên tiếp", "times in a row")), \(ctx.t("thành công lần cuối", "last success")) \(source.lastSuccessAt.map { ctx.date($0) } ?? "—") · \(String((source.lastError ?? "").prefix(300)))</li>" })</ul></section>
            """
        }

        func roles() -> HTML {
            """
            <section class="card"><h2>\(ctx.t("Vai trò của bạn", "Your roles"))</h2><ul>\(model.roles.html { r in
                "<li>\(ctx.role(r.role)) — <a href=\"\(DirectoryRoute.unit(r.unitID))\">\(r.unitName)</a></li>" })</ul></section>
            """
        }

        func campaigns() -> HTML {
            let list: HTML = model.campaigns.isEmpty ? "<p class=\"muted\">\(ctx.t(.none))</p>" : """
            <ul>\(model.campaigns.html { c in
                let badge: HTML = c.waiting > 0
                    ? " \(Badge(ctx.t("\(c.waiting) mục chờ báo cáo", "\(c.waiting) items awaiting your report"), className: "s-overdue"))" : .empty
                return "<li><a href=\"\(CampaignRoute.show(c.id))\">\(c.title)</a> <span class=\"muted\">\(ctx.date(c.startsAt)) – \(ctx.date(c.endsAt))</span>\(badge)</li>"
            })</ul>
            """
            return """
            <section class="card"><h2>\(ctx.t("Đợt cao điểm đang/sắp diễn ra", "Current and coming campaigns"))</h2>
              \(list)</section>
            """
        }

        func duty() -> HTML {
            guard let duty = model.duty else { return .empty }
            let people: HTML
            if duty.onDuty.isEmpty {
                people = "<p class=\"gap\">\(ctx.t("Không có ai đang trực.", "Nobody is on duty."))</p>"
            } else {
                let items: HTML = duty.onDuty.html { p in
                    "<li>\(p.fullName) — \(ctx.t(p.role.vietnamese, p.role.english)) · \(p.phone ?? "") · \(ctx.t("đến", "until")) \(ctx.date(p.endsAt))</li>"
                }
                people = "<ul>\(items)</ul>"
            }
            let gap: HTML = duty.hasGap
                ? "<p class=\"gap\">\(ctx.t("Có khoảng trống trực kỹ thuật trong 24 giờ tới.", "There is a technical-duty gap in the next 24 hours."))</p>"
                : .empty
            return "<section class=\"card\"><h2>\(ctx.t("Đang trực tại", "On duty now at")) \(duty.unitName)</h2>\(people)\(gap)</section>"
        }

        /// Open incidents the person may see, those asking for support first, and how many await triage.
        func incidents() -> HTML {
            let support: HTML = model.supportRequests == 0 ? .empty
                : " · \(Badge(ctx.t("\(model.supportRequests) đề nghị hỗ trợ", "\(model.supportRequests) support requests"), className: "s-overdue"))"
            let untriaged: HTML = model.awaitingTriage == 0 ? .empty : """
             · <a href="\(IncidentRoute.list.path(query: [("status", IncidentStatus.reported.rawValue)]))">\(ctx.t("\(model.awaitingTriage) chờ phân loại", "\(model.awaitingTriage) awaiting triage"))</a>
            """
            let list: HTML = model.incidents.isEmpty ? "<p class=\"muted\">\(ctx.t("Không có sự cố đang mở", "No open incident"))</p>" : """
            <ul>\(model.incidents.html { i in
                "<li><a href=\"\(IncidentRoute.show(i.id))\">\(i.reference): \(i.title)</a> — \(i.unitName) · \(ctx.t(i.status.vietnamese, i.status.english))</li>" })</ul>
            """
            return """
            <section class="card" id="incidents"><h2>\(ctx.t(.incidents))</h2>
              <p><a href="\(IncidentRoute.new(unit: model.unitID))">\(ctx.t("Báo cáo sự cố (Mẫu 03)", "Report an incident (form 03)"))</a></p>
              <p><a href="\(IncidentRoute.list)">\(ctx.t("\(model.openIncidents) sự cố đang xử lý", "\(model.openIncidents) open incidents"))</a>\(support)\(untriaged)</p>
              \(list)
            </section>
            """
        }

        /// Advisories waiting for an answer from the person's units, and their units' open and overdue findings.
        func security() -> HTML {
            let f = model.findings
            let overdue: HTML = f.overdue > 0
                ? " · <a href=\"\(FindingRoute.list.path(query: [("overdue", "true")]))\" class=\"badge s-overdue\">\(f.overdue) \(ctx.t("quá hạn", "overdue"))</a>" : .empty
            let kev: HTML = f.kev > 0 ? " · <a href=\"\(FindingRoute.list.path(query: [("kev", "true")]))\">\(f.kev) KEV</a>" : .empty
            let list: HTML = model.advisories.isEmpty ? "<p class=\"muted\">\(ctx.t("Không có cảnh báo chờ xử lý", "No advisory waiting for you"))</p>" : """
            <ul>\(model.advisories.html { a in
                "<li><a href=\"\(AdvisoryRoute.show(a.id))\">\(a.reference): \(a.title)</a> — \(a.unitName): \(Badge(ctx.t(a.state.vietnamese, a.state.english), className: "s-overdue"))</li>" })</ul>
            """
            return """
            <section class="card" id="security"><h2>\(ctx.t("Lỗ hổng và cảnh báo", "Vulnerabilities and advisories"))</h2>
              <p><a href="\(FindingRoute.list)">\(f.active) \(ctx.t("lỗ hổng đang mở", "active findings"))</a>\(overdue)\(kev)</p>
              \(list)
            </section>
            """
        }

        func dutyLinks() -> HTML {
            """
            <section class="card"><h2>\(ctx.t("Trực", "Duty"))</h2>
              <p><a href="\(RosterRoute.onDuty)">\(ctx.t("Ai đang trực bây giờ", "Who is on duty now"))</a></p>
              <p><a href="\(RosterRoute.roster(unit: model.unitID))">\(ctx.t("Lịch trực đơn vị của tôi", "My unit's roster"))</a></p>
              <p><a href="\(DirectoryRoute.contacts)">\(ctx.t("Danh bạ khẩn cấp", "Emergency contacts"))</a></p>
            </section>
            """
        }
    }
}
