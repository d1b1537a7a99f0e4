import Foundation
import TrucCore

extension SignInSettings {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            Self.settings(ctx, policy: model.policy, covered: model.covered, message: model.message, error: model.error)
        }

        /// The coordinator's page: the requirement, who it covers, and resetting somebody's two-factor sign-in.
        static func settings(_ ctx: PageContext, policy: TwoFactorPolicy, covered: [CoveredPerson], message: String?, error: String?) -> HTML {
            PageFrame.page(ctx, title: ctx.t("Cài đặt đăng nhập", "Sign-in settings"), body: """
            <h1>\(ctx.t("Cài đặt đăng nhập", "Sign-in settings"))</h1>
            <p><a href="\(BackupRoute.settings)">\(ctx.t(.backups))</a></p>
            \(message.map { FlashMessage(text: $0).html } ?? .empty)
            \(ErrorMessage(text: error))
            <h2>\(ctx.t("Bắt buộc xác thực hai lớp", "Require two-factor sign-in"))</h2>
            <form class="stack" method="post" action="\(AuthRoute.signInSettingsSave)">
              \(ctx.csrfField)
              <label><span><input type="checkbox" name="requiredForAdmins" value="true"\(policy.requiredForAdmins ? HTML(raw: " checked") : .empty)>
                \(ctx.t("Bắt buộc với điều phối cấp tỉnh và quản trị đơn vị", "Required for provincial coordinators and unit admins"))</span></label>
              <p class="muted">\(ctx.t("Ai chưa đăng ký sẽ được chuyển tới trang đăng ký ngay sau mật khẩu và không làm được gì khác cho tới khi đăng ký xong. Token API đã cấp vẫn dùng được.",
                                       "Those who have not enrolled are sent to enrolment right after their password and can do nothing else until they have. API tokens already issued keep working."))</p>
              <button type="submit">\(ctx.t(.save))</button>
            </form>
            <h2>\(ctx.t("Điều phối và quản trị đơn vị", "Coordinators and unit admins"))</h2>
            <table><thead><tr><th>\(ctx.t(.fullName))</th><th>Email</th><th>\(ctx.t("Xác thực hai lớp", "Two-factor"))</th></tr></thead>
            <tbody>\(covered.html { person in """
              <tr><td>\(person.name)</td><td>\(person.email)</td><td>\(person.enrolled ? ctx.t("Đã bật", "On") : ctx.t("Chưa", "Not yet"))</td></tr>
              """ })</tbody></table>
            <h2>\(ctx.t("Đặt lại xác thực hai lớp của một người", "Reset somebody's two-factor sign-in"))</h2>
            <p class="muted">\(ctx.t("Khi một người mất cả điện thoại lẫn mã khôi phục: xác minh danh tính của họ trước. Sau khi đặt lại, họ đăng nhập bằng mật khẩu rồi đăng ký lại.",
                                     "When somebody has lost both their phone and their recovery codes: check who they are first. After the reset they sign in with their password and enrol again."))</p>
            <form class="stack" method="post" action="\(AuthRoute.signInSettingsReset)">
              \(ctx.csrfField)
              <label>Email <input type="email" name="email" required></label>
              <button type="submit">\(ctx.t("Đặt lại", "Reset"))</button>
            </form>
            """)
        }
    }
}
