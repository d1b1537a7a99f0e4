import Foundation

extension TokenList {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t(.apiTokens), body: """
            <h1>\(ctx.t(.apiTokens))</h1>
            \(secretBox)
            \(table)
            \(Pagination(ctx, metadata: model.metadata))
            <h2>\(ctx.t("Tạo token mới", "New token"))</h2>
            <form class="stack" method="post" action="\(AuthRoute.createToken)">\(ctx.csrfField)
              <label>\(ctx.t(.name)) <input name="name" required maxlength="100"></label>
              <label>\(ctx.t("Hết hạn sau (ngày)", "Expires after (days)")) <input name="expiresInDays" type="number" min="1" max="3650" value="90"></label>
              <button type="submit">\(ctx.t("Tạo", "Create"))</button>
            </form>
            """)
        }

        var secretBox: HTML {
            model.newSecret.map { secret in """
                <div class="flash" role="status"><p>\(ctx.t("Token mới (chỉ hiển thị một lần, hãy lưu lại):", "New token (shown only once, keep it now):"))</p>
                <p><code class="secret">\(secret)</code></p></div>
                """ } ?? .empty
        }

        var table: Table {
            Table(headers: [ctx.t(.name), ctx.t("Tiền tố", "Prefix"), ctx.t("Tạo lúc", "Created"), ctx.t("Dùng lần cuối", "Last used"),
                            ctx.t("Hết hạn", "Expires"), ctx.t(.state), ""], model.tokens) { token in
                ["\(token.name)", "<code>\(token.prefix)…</code>", "\(ctx.date(token.createdAt))", "\(ctx.date(token.lastUsedAt))",
                 "\(ctx.date(token.expiresAt))",
                 "\(token.revokedAt == nil ? ctx.t("Hiệu lực", "Active") : ctx.t("Đã thu hồi", "Revoked"))",
                 token.revokedAt == nil ? PostButton(AuthRoute.revokeToken(token.id!), label: ctx.t("Thu hồi", "Revoke"), ctx: ctx).html : .empty]
            }
        }
    }
}
