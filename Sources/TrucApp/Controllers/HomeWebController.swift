import Fluent
import TrucCore
import Vapor

/// The overview page after sign-in.
struct HomeWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    func home(req: Request) async throws -> HTML {
        let principal = try req.requirePrincipal()
        let ctx = PageContext(req)
        let roles = try await RoleAssignment.query(on: req.db).filter(\.$person.$id == principal.personID).with(\.$unit).all()
        let now = Date()
        let campaigns = try await Campaign.query(on: req.db).filter(\.$endsAt >= now).sort(\.$startsAt).limit(10).all()
        return Layout.page(ctx, title: ctx.t("Tổng quan", "Overview"), body: """
        <h1>\(ctx.t("Xin chào", "Hello")), \(principal.fullName)</h1>
        <div class="cards">
          <section class="card"><h2>\(ctx.t("Vai trò của bạn", "Your roles"))</h2><ul>\(roles.html { r in
            "<li>\(ctx.role(r.role)) — <a href=\"/units/\(r.unit.id)\">\(r.unit.name)</a></li>" })</ul></section>
          <section class="card"><h2>\(ctx.t("Đợt cao điểm đang/sắp diễn ra", "Current and coming campaigns"))</h2>
          \(campaigns.isEmpty ? "<p class=\"muted\">\(ctx.t("Không có", "None"))</p>" as HTML : """
          <ul>\(campaigns.html { c in "<li><a href=\"/campaigns/\(c.id)\">\(c.title)</a> <span class=\"muted\">\(ctx.date(c.startsAt)) – \(ctx.date(c.endsAt))</span></li>" })</ul>
          """)</section>
          <section class="card"><h2>\(ctx.t("Trực", "Duty"))</h2>
            <p><a href="/on-duty">\(ctx.t("Ai đang trực bây giờ", "Who is on duty now"))</a></p>
            <p><a href="/units/\(principal.unitID)/roster">\(ctx.t("Lịch trực đơn vị của tôi", "My unit's roster"))</a></p>
            <p><a href="/contacts">\(ctx.t("Danh bạ khẩn cấp", "Emergency contacts"))</a></p>
          </section>
        </div>
        """)
    }
}
