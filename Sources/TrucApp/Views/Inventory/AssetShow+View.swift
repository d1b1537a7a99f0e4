import Foundation
import TrucCore

extension AssetShow {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            let asset = model.asset
            return PageFrame.page(ctx, title: asset.name, body: """
            <h1>\(asset.name)</h1>
            <p><a href="\(InventoryRoute.inventory(unit: asset.$unit.id))">\(ctx.t("Tài sản của đơn vị", "The unit's inventory"))</a></p>
            \(facts())
            <h2>\(ctx.t(.findings)) (\(model.findings.count))</h2>
            \(FindingTable(ctx: ctx, findings: model.findings, showAsset: false, now: model.now).html)
            \(model.canManage ? forms() : .empty)
            """)
        }

        func facts() -> HTML {
            let asset = model.asset
            return """
            <table>
            <tr><th>\(ctx.t(.kind))</th><td>\(VulnViews.kind(ctx, asset.kind))</td></tr>
            <tr><th>\(ctx.t(.system))</th><td>\(model.system.map { "\($0.name) (\(ctx.t("cấp độ", "level")) \($0.securityLevel))" })</td></tr>
            <tr><th>\(ctx.t("Hãng / sản phẩm / phiên bản", "Vendor / product / version"))</th><td>\([asset.vendor, asset.product, asset.version].compactMap { $0 }.joined(separator: " "))</td></tr>
            <tr><th>\(ctx.t("Tên máy / IP", "Hostname / IP"))</th><td>\([asset.hostname, asset.ipAddress].compactMap { $0 }.joined(separator: " / "))</td></tr>
            <tr><th>CPE</th><td>\(asset.cpeStrings.isEmpty ? Badge(ctx.t("Chưa có CPE: tài sản này không được đối chiếu với lỗ hổng. Dùng \"Đề xuất CPE\" ở trang tài sản của đơn vị.", "No CPE: this asset is not matched against vulnerabilities. Use \"Propose CPE\" on the unit's inventory page."), className: "s-problem").html : asset.cpeStrings.html { "<code class=\"cpe\">\($0)</code><br>" })</td></tr>
            <tr><th>\(ctx.t("Nguồn", "Source"))</th><td>\(asset.sourceKey ?? ctx.t("nhập tay", "manual"))</td></tr>
            <tr><th>\(ctx.t("Đối chiếu lần cuối", "Last matched"))</th><td>\(ctx.date(asset.matchedAt))</td></tr>
            </table>
            """
        }

        func forms() -> HTML {
            let id = model.asset.id ?? .routeKey
            return """
            <details><summary>\(ctx.t("Sửa tài sản", "Edit the asset"))</summary>
            <form class="stack" method="post" action="\(InventoryRoute.updateAsset(id))">\(ctx.csrfField)
            \(AssetFieldsView(ctx: ctx, systems: model.systems, asset: model.asset).html)
              <button type="submit">\(ctx.t("Lưu và đối chiếu lại", "Save and rematch"))</button>
            </form></details>
            <form method="post" action="\(InventoryRoute.deleteAsset(id))">\(ctx.csrfField)<button>\(ctx.t("Xóa tài sản", "Delete the asset"))</button></form>
            """
        }
    }
}
