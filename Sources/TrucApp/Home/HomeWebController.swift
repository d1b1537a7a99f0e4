import Fluent
import TrucCore
import Vapor

/// The overview page after sign-in.
struct HomeWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(HomeRoute.home, use: home)
    }

    func home(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let roles = try await RoleAssignment.query(on: req.db).filter(\.$person.$id == principal.personID).with(\.$unit).all()
        let now = Date()
        let campaigns = try await Campaign.query(on: req.db).filter(\.$endsAt >= now).sort(\.$startsAt).limit(10).all()
        let unit = try await OrgUnit.find(principal.unitID, on: req.db)
        let duty = try await unit.asyncMap { try await RosterService.onDuty(units: [$0], restrictTo: [principal.unitID], at: now, timeZone: ctx.timeZone, on: req.db).first }
        // Items of running campaigns still waiting for an answer from the person's own unit.
        var waiting: [UUID: Int] = [:]
        if let unit, principal.policy.allows(.report, on: principal.unitID) {
            let items = try await ChecklistItem.query(on: req.db).filter(\.$campaign.$id ~~ campaigns.compactMap(\.id)).all()
                .filter { $0.targetKinds.contains(unit.kind) }
            let answered = Set(try await ItemReport.query(on: req.db).filter(\.$unit.$id == principal.unitID)
                .filter(\.$item.$id ~~ items.compactMap(\.id)).all().map { $0.$item.id })
            for item in items where !answered.contains(item.id!) { waiting[item.$campaign.id, default: 0] += 1 }
        }
        let dutyCard: HTML = (duty ?? nil).map { Self.dutyCard($0, ctx) } ?? .empty
        let securityCard = try await Self.securityCard(principal, ctx, on: req.db)
        let incidentCard = try await Self.incidentCard(principal, ctx, on: req.db)
        return PageFrame.page(ctx, title: ctx.t(.overview), body: """
        <h1>\(ctx.t("Xin chào", "Hello")), \(principal.fullName)</h1>
        <div class="cards">
          <section class="card"><h2>\(ctx.t("Vai trò của bạn", "Your roles"))</h2><ul>\(roles.html { r in
            "<li>\(ctx.role(r.role)) — <a href=\"/units/\(r.unit.id)\">\(r.unit.name)</a></li>" })</ul></section>
          <section class="card"><h2>\(ctx.t("Đợt cao điểm đang/sắp diễn ra", "Current and coming campaigns"))</h2>
          \(campaigns.isEmpty ? "<p class=\"muted\">\(ctx.t(.none))</p>" as HTML : """
          <ul>\(campaigns.html { c in
            let count = waiting[c.id!] ?? 0
            let badge: HTML = count > 0 ? " <span class=\"badge s-overdue\">\(ctx.t("\(count) mục chờ báo cáo", "\(count) items awaiting your report"))</span>" : .empty
            return "<li><a href=\"/campaigns/\(c.id)\">\(c.title)</a> <span class=\"muted\">\(ctx.date(c.startsAt)) – \(ctx.date(c.endsAt))</span>\(badge)</li>" })</ul>
          """)</section>
          \(dutyCard)
          \(incidentCard)
          \(securityCard)
          <section class="card"><h2>\(ctx.t("Trực", "Duty"))</h2>
            <p><a href="/on-duty">\(ctx.t("Ai đang trực bây giờ", "Who is on duty now"))</a></p>
            <p><a href="/units/\(principal.unitID)/roster">\(ctx.t("Lịch trực đơn vị của tôi", "My unit's roster"))</a></p>
            <p><a href="/contacts">\(ctx.t("Danh bạ khẩn cấp", "Emergency contacts"))</a></p>
          </section>
        </div>
        """)
    }

    /// Advisories waiting for an answer from the person's units, and their units' open and overdue findings.
    static func securityCard(_ principal: Principal, _ ctx: PageContext, on db: any Database) async throws -> HTML {
        let pending = try await AdvisoryQueries.pending(for: principal, on: db)
        let summary = try await FindingService.summary(for: principal, filter: FindingService.Filter(), on: db)
        return """
        <section class="card" id="security"><h2>\(ctx.t("Lỗ hổng và cảnh báo", "Vulnerabilities and advisories"))</h2>
          <p><a href="/findings">\(summary.active) \(ctx.t("lỗ hổng đang mở", "active findings"))</a>\(summary.overdue > 0 ? " · <a href=\"/findings?overdue=true\" class=\"badge s-overdue\">\(summary.overdue) \(ctx.t("quá hạn", "overdue"))</a>" as HTML : .empty)\(summary.kev > 0 ? " · <a href=\"/findings?kev=true\">\(summary.kev) KEV</a>" as HTML : .empty)</p>
          \(pending.isEmpty ? "<p class=\"muted\">\(ctx.t("Không có cảnh báo chờ xử lý", "No advisory waiting for you"))</p>" as HTML : """
          <ul>\(pending.prefix(10).html { item in
            "<li><a href=\"/advisories/\(item.0.id)\">\(item.0.reference): \(item.0.title)</a> — \(item.1.unit.name): <span class=\"badge s-overdue\">\(ctx.t(item.1.state.vietnamese, item.1.state.english))</span></li>" })</ul>
          """)
        </section>
        """
    }

    /// Open incidents the person may see, those asking for support first, and how many await triage.
    static func incidentCard(_ principal: Principal, _ ctx: PageContext, on db: any Database) async throws -> HTML {
        let open = try await IncidentService.visible(to: principal, on: db).filter(\.status.isOpen)
        let support = open.filter { $0.supportRequested && $0.status == .reported }
        let untriaged = open.filter { $0.status == .reported }
        let shown = (support + open.filter { !($0.supportRequested && $0.status == .reported) }).prefix(5)
        return """
        <section class="card" id="incidents"><h2>\(ctx.t(.incidents))</h2>
          <p><a href="/incidents">\(ctx.t("\(open.count) sự cố đang xử lý", "\(open.count) open incidents"))</a>\(support.isEmpty ? .empty : " · <span class=\"badge s-overdue\">\(ctx.t("\(support.count) đề nghị hỗ trợ", "\(support.count) support requests"))</span>" as HTML)\(untriaged.isEmpty ? .empty : " · <a href=\"/incidents?status=reported\">\(ctx.t("\(untriaged.count) chờ phân loại", "\(untriaged.count) awaiting triage"))</a>" as HTML)</p>
          \(shown.isEmpty ? "<p class=\"muted\">\(ctx.t("Không có sự cố đang mở", "No open incident"))</p>" as HTML : """
          <ul>\(Array(shown).html { i in
            "<li><a href=\"/incidents/\(i.id)\">\(i.reference): \(i.title)</a> — \(i.unit.name) · \(ctx.t(i.status.vietnamese, i.status.english))</li>" })</ul>
          """)
          <p><a href="/units/\(principal.unitID)/incidents/new">\(ctx.t("Báo cáo sự cố (Mẫu 03)", "Report an incident (form 03)"))</a></p>
        </section>
        """
    }

    static func dutyCard(_ duty: UnitOnDutyDTO, _ ctx: PageContext) -> HTML {
        let people: HTML
        if duty.onDuty.isEmpty {
            people = "<p class=\"gap\">\(ctx.t("Không có ai đang trực.", "Nobody is on duty."))</p>"
        } else {
            let items: HTML = duty.onDuty.html { p in
                let role = ctx.t(p.role.vietnamese, p.role.english)
                return "<li>\(p.fullName) — \(role) · \(p.phone ?? "") · \(ctx.t("đến", "until")) \(ctx.date(p.endsAt))</li>"
            }
            people = "<ul>\(items)</ul>"
        }
        let gap: HTML = duty.hasGap
            ? "<p class=\"gap\">\(ctx.t("Có khoảng trống trực kỹ thuật trong 24 giờ tới.", "There is a technical-duty gap in the next 24 hours."))</p>"
            : .empty
        return "<section class=\"card\"><h2>\(ctx.t("Đang trực tại", "On duty now at")) \(duty.unitName)</h2>\(people)\(gap)</section>"
    }
}
