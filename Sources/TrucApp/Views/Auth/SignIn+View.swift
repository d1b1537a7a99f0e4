import Foundation

/// The sign-in page: e-mail and password, the page to return to, and the reason of a refusal.
enum SignIn {
    struct View {
        let ctx: PageContext
        /// A same-site path (validated by `LocalPath`) to go to after signing in.
        let next: String
        let error: String?

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t(.signIn), body: """
            <h1>\(ctx.t(.signIn))</h1>
            \(ErrorMessage(text: error))
            <form class="stack" method="post" action="\(AuthRoute.loginSubmit)">
              \(ctx.csrfField)
              <input type="hidden" name="next" value="\(next)">
              <label>Email <input type="email" name="email" required autocomplete="username" autofocus></label>
              <label>\(ctx.t("Mật khẩu", "Password")) <input type="password" name="password" required autocomplete="current-password"></label>
              <button type="submit">\(ctx.t(.signIn))</button>
            </form>
            """)
        }
    }
}
