import Foundation

/// Shown once after a webhook is added: its signing secret.
struct WebhookCreatedView {
    let ctx: PageContext
    let unitID: UUID
    let name: String
    let secret: String

    func document() -> HTML {
        PageFrame.page(ctx, title: "Webhook", body: """
        <h1>\(ctx.t("Đã thêm webhook", "Webhook added")): \(name)</h1>
        <p>\(ctx.t("Khoá ký (chỉ hiển thị một lần, hãy lưu lại):", "Signing secret (shown once, keep it):"))</p>
        <p><code class="secret">\(secret)</code></p>
        <p><a href="\(MonitorRoute.unitMonitors(unit: unitID))">\(ctx.t(.back))</a></p>
        """)
    }
}
