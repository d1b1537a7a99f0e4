import Foundation
import TrucCore
import Vapor

/// Pages of two-factor sign-in: the code step of sign-in, the person's own settings and enrolment, recovery
/// codes, and the coordinator's sign-in settings. No JavaScript: the secret and the otpauth:// URI are shown as text.
enum TwoFactorViews {
    static func errorBox(_ error: String?) -> HTML {
        error.map { "<p class=\"error reason\" role=\"alert\">\($0)</p>" as HTML } ?? .empty
    }

    /// The second step of sign-in.
    static func codeStep(_ ctx: PageContext, error: String?) -> HTML {
        PageFrame.page(ctx, title: ctx.t(.twoFactor), body: """
        <h1>\(ctx.t(.twoFactor))</h1>
        \(errorBox(error))
        <form class="stack" method="post" action="/login/two-factor">
          \(ctx.csrfField)
          <label>\(ctx.t("Mã 6 số từ ứng dụng xác thực, hoặc một mã khôi phục", "The 6-digit code from your authenticator app, or a recovery code"))
            <input name="code" required autocomplete="one-time-code" autocapitalize="off" spellcheck="false" maxlength="20" autofocus></label>
          <button type="submit">\(ctx.t("Xác nhận", "Verify"))</button>
        </form>
        <p><a href="/login">\(ctx.t("Đăng nhập lại", "Start again"))</a></p>
        """)
    }

    /// The person's own page: state and the forms that fit it.
    static func account(_ ctx: PageContext, status: TwoFactorService.Status, enrolment: TwoFactorService.Enrolment?,
                        askPassword: Bool, error: String?) -> HTML {
        let state: HTML
        if status.enabled {
            state = """
            <p class="badge s-done">\(ctx.t("Đang bật", "On"))</p>
            <p>\(ctx.t("Còn \(status.recoveryCodesLeft) mã khôi phục chưa dùng.", "\(status.recoveryCodesLeft) unused recovery codes left."))</p>
            <h2>\(ctx.t("Tạo bộ mã khôi phục mới", "New recovery codes"))</h2>
            <p class="muted">\(ctx.t("Bộ mã cũ sẽ hết hiệu lực.", "The old codes stop working."))</p>
            \(codeOrPasswordForm(ctx, action: "/account/two-factor/recovery-codes", button: ctx.t("Tạo mã mới", "Make new codes")))
            \(status.required ? """
            <p class="muted">\(ctx.t("Vai trò của bạn bắt buộc xác thực hai lớp nên không thể tắt.", "Your role requires two-factor sign-in, so it cannot be turned off."))</p>
            """ as HTML : """
            <h2>\(ctx.t("Tắt xác thực hai lớp", "Turn two-factor sign-in off"))</h2>
            \(codeOrPasswordForm(ctx, action: "/account/two-factor/disable", button: ctx.t("Tắt", "Turn off")))
            """)
            """
        } else if let enrolment {
            state = enrolmentSteps(ctx, enrolment)
        } else {
            state = """
            <p class="badge s-pending">\(ctx.t("Đang tắt", "Off"))</p>
            \(status.required ? "<p class=\"error reason\" role=\"alert\">\(ctx.t("Vai trò của bạn bắt buộc xác thực hai lớp: hãy đăng ký ngay để tiếp tục làm việc.", "Your role requires two-factor sign-in: enrol now to carry on."))</p>" as HTML : .empty)
            <p>\(ctx.t("Cần một ứng dụng xác thực TOTP trên điện thoại (ví dụ FreeOTP, Aegis, Google Authenticator, Microsoft Authenticator).",
                       "You need a TOTP authenticator app on your phone (for example FreeOTP, Aegis, Google Authenticator or Microsoft Authenticator)."))</p>
            <form class="stack" method="post" action="/account/two-factor/enrol">
              \(ctx.csrfField)
              \(askPassword ? """
              <label>\(ctx.t("Mật khẩu hiện tại", "Your current password")) <input type="password" name="password" required autocomplete="current-password"></label>
              """ as HTML : .empty)
              <button type="submit">\(ctx.t("Bắt đầu đăng ký", "Start enrolment"))</button>
            </form>
            """
        }
        return PageFrame.page(ctx, title: ctx.t(.twoFactor), body: """
        <h1>\(ctx.t(.twoFactor))</h1>
        \(errorBox(error))
        \(state)
        \(ctx.principal?.isCoordinator == true ? "<p><a href=\"/settings/sign-in\">\(ctx.t("Cài đặt đăng nhập của hệ thống", "Sign-in settings of the system"))</a></p>" as HTML : .empty)
        """)
    }

    /// The secret, the URI, and the form that confirms the enrolment with a first code.
    static func enrolmentSteps(_ ctx: PageContext, _ enrolment: TwoFactorService.Enrolment) -> HTML {
        let grouped = stride(from: 0, to: enrolment.secret.count, by: 4).map { offset -> String in
            let start = enrolment.secret.index(enrolment.secret.startIndex, offsetBy: offset)
            let end = enrolment.secret.index(start, offsetBy: 4, limitedBy: enrolment.secret.endIndex) ?? enrolment.secret.endIndex
            return String(enrolment.secret[start..<end])
        }.joined(separator: " ")
        let qr = QRCode(enrolment.uri).map { HTML(raw: $0.svg(moduleSize: 4, title: ctx.t("Mã QR để thêm vào ứng dụng xác thực", "QR code for the authenticator app"))) }
        return """
        <ol>
          <li>\(ctx.t("Trong ứng dụng xác thực, quét mã QR này hoặc thêm tài khoản bằng khóa bên dưới (loại: theo thời gian, 6 số, 30 giây):",
                      "In your authenticator app, scan this QR code or add an account with the key below (time-based, 6 digits, 30 seconds):"))
            \(qr.map { "<p class=\"qr\">\($0)</p>" as HTML } ?? .empty)
            <p><code class="secret" id="totp-secret">\(grouped)</code></p>
            <p class="muted">\(ctx.t("Hoặc dán địa chỉ này nếu ứng dụng cho phép:", "Or paste this address if the app accepts one:"))</p>
            <p><code class="secret" id="totp-uri">\(enrolment.uri)</code></p></li>
          <li>\(ctx.t("Nhập mã 6 số ứng dụng hiển thị để xác nhận:", "Type the 6-digit code the app shows to confirm:"))
            <form class="stack" method="post" action="/account/two-factor/confirm">
              \(ctx.csrfField)
              <label>\(ctx.t(.code)) <input name="code" required inputmode="numeric" autocomplete="one-time-code" maxlength="10"></label>
              <button type="submit">\(ctx.t("Xác nhận và bật", "Confirm and turn on"))</button>
            </form></li>
        </ol>
        """
    }

    /// New recovery codes, shown once.
    static func recoveryCodes(_ ctx: PageContext, codes: [String], next: String) -> HTML {
        PageFrame.page(ctx, title: ctx.t("Mã khôi phục", "Recovery codes"), body: """
        <h1>\(ctx.t("Mã khôi phục", "Recovery codes"))</h1>
        <div class="flash" role="status">
          <p>\(ctx.t("Mỗi mã dùng được một lần khi không có ứng dụng xác thực. Hãy in hoặc lưu chúng ở nơi an toàn ngay bây giờ: chúng chỉ hiển thị một lần.",
                     "Each code works once, when you do not have your authenticator. Print or store them somewhere safe now: they are shown only once."))</p>
          <ul id="recovery-codes">\(codes.html { "<li><code class=\"secret\">\($0)</code></li>" })</ul>
        </div>
        <p><a href="\(next)">\(ctx.t("Tiếp tục", "Continue"))</a></p>
        """)
    }

    static func codeOrPasswordForm(_ ctx: PageContext, action: String, button: String) -> HTML {
        """
        <form class="stack" method="post" action="\(action)">
          \(ctx.csrfField)
          <label>\(ctx.t("Mã hiện tại từ ứng dụng xác thực", "A current code from your authenticator")) <input name="code" autocomplete="one-time-code" maxlength="20"></label>
          <label>\(ctx.t("hoặc mật khẩu", "or your password")) <input type="password" name="password" autocomplete="current-password"></label>
          <button type="submit">\(button)</button>
        </form>
        """
    }

    struct CoveredPerson {
        var id: UUID
        var name: String
        var email: String
        var enrolled: Bool
    }

    /// The coordinator's page: the requirement, who it covers, and resetting somebody's two-factor sign-in.
    static func settings(_ ctx: PageContext, policy: TwoFactorPolicy, covered: [CoveredPerson], message: String?, error: String?) -> HTML {
        PageFrame.page(ctx, title: ctx.t("Cài đặt đăng nhập", "Sign-in settings"), body: """
        <h1>\(ctx.t("Cài đặt đăng nhập", "Sign-in settings"))</h1>
        <p><a href="/settings/backups">\(ctx.t(.backups))</a></p>
        \(message.map { "<p class=\"flash\" role=\"status\">\($0)</p>" as HTML } ?? .empty)
        \(errorBox(error))
        <h2>\(ctx.t("Bắt buộc xác thực hai lớp", "Require two-factor sign-in"))</h2>
        <form class="stack" method="post" action="/settings/sign-in">
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
        <form class="stack" method="post" action="/settings/sign-in/reset">
          \(ctx.csrfField)
          <label>Email <input type="email" name="email" required></label>
          <button type="submit">\(ctx.t("Đặt lại", "Reset"))</button>
        </form>
        """)
    }
}
