import Foundation
import TrucCore

/// The second step of sign-in: the code from the authenticator app or a recovery code.
enum TwoFactorCode {
    struct View {
        let ctx: PageContext
        let error: String?

        func document() -> HTML { Self.codeStep(ctx, error: error) }

        /// The second step of sign-in.
        static func codeStep(_ ctx: PageContext, error: String?) -> HTML {
            PageFrame.page(ctx, title: ctx.t(.twoFactor), body: """
            <h1>\(ctx.t(.twoFactor))</h1>
            \(ErrorMessage(text: error))
            <form class="stack" method="post" action="\(AuthRoute.twoFactorCodeSubmit)">
              \(ctx.csrfField)
              <label>\(ctx.t("Mã 6 số từ ứng dụng xác thực, hoặc một mã khôi phục", "The 6-digit code from your authenticator app, or a recovery code"))
                <input name="code" required autocomplete="one-time-code" autocapitalize="off" spellcheck="false" maxlength="20" autofocus></label>
              <button type="submit">\(ctx.t("Xác nhận", "Verify"))</button>
            </form>
            <p><a href="\(AuthRoute.login)">\(ctx.t("Đăng nhập lại", "Start again"))</a></p>
            """)
        }
    }
}
