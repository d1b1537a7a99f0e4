import Fluent
import Vapor

/// The audit log page, for coordinators and auditors.
struct AuditWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(AuditRoute.list, use: list)
    }

    func list(req: Request) async throws -> HTML {
        let ctx = PageContext(req)
        let paging = try req.paging(defaultPer: 50)
        let page = try await AuditLog.query(req).page(paging)
        let entries = try await AuditLog.dtos(page.items, for: try req.requirePrincipal(), on: req.db)
        let action = req.query[String.self, at: "action"] ?? ""
        return PageFrame.page(ctx, title: ctx.t("Nhật ký thay đổi", "Audit log"), body: """
        <h1>\(ctx.t("Nhật ký thay đổi", "Audit log"))</h1>
        <form method="get" action="/audit"><input name="action" value="\(action)" placeholder="\(ctx.t("Hành động, ví dụ campaign", "Action, e.g. campaign"))"> <button>\(ctx.t(.filter))</button></form>
        <table><thead><tr><th>\(ctx.t("Thời điểm", "When"))</th><th>\(ctx.t("Người thực hiện", "Who"))</th><th>\(ctx.t("Hành động", "Action"))</th>
        <th>\(ctx.t("Đối tượng", "Entity"))</th><th>\(ctx.t("Trước", "Before"))</th><th>\(ctx.t("Sau", "After"))</th></tr></thead>
        <tbody>\(entries.html { e in """
          <tr><td>\(ctx.date(e.at))</td><td>\(e.actorName)</td><td><code>\(e.action)</code></td><td>\(e.entityType) \(e.entityID.map { String($0.prefix(8)) } ?? "")</td>
          <td><code class="json">\(e.before)</code></td><td><code class="json">\(e.after)</code></td></tr>
          """ })</tbody></table>
        \(PageFrame.pager(ctx, metadata: page.metadata, request: req))
        """)
    }
}
