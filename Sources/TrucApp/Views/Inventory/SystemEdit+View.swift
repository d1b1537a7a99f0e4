import Foundation

/// Editing an information system, and deleting it.
enum SystemEdit {}

extension SystemEdit {
    struct View {
        let ctx: PageContext
        let system: InformationSystem

        func document() -> HTML {
            let id = system.id ?? .routeKey
            return PageFrame.page(ctx, title: system.name, body: """
            <h1>\(system.name)</h1>
            \(SystemFormView(ctx: ctx, action: .updateSystem(id), system: system).html)
            <form method="post" action="\(InventoryRoute.deleteSystem(id))">\(ctx.csrfField)
            <button>\(ctx.t("Xóa hệ thống (tài sản được giữ, bỏ gán)", "Delete the system (assets stay, unassigned)"))</button></form>
            <p><a href="\(InventoryRoute.inventory(unit: system.$unit.id))">\(ctx.t(.back))</a></p>
            """)
        }
    }
}
