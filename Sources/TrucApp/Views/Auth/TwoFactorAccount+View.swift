import Foundation
import TrucCore

extension TwoFactorAccount {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            Self.account(ctx, status: model.status, enrolment: model.enrolment, askPassword: model.askPassword, error: model.error)
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
                \(codeOrPasswordForm(ctx, action: AuthRoute.twoFactorRecoveryCodes, button: ctx.t("Tạo mã mới", "Make new codes")))
                \(status.required ? """
                <p class="muted">\(ctx.t("Vai trò của bạn bắt buộc xác thực hai lớp nên không thể tắt.", "Your role requires two-factor sign-in, so it cannot be turned off."))</p>
                """ as HTML : """
                <h2>\(ctx.t("Tắt xác thực hai lớp", "Turn two-factor sign-in off"))</h2>
                \(codeOrPasswordForm(ctx, action: AuthRoute.twoFactorDisable, button: ctx.t("Tắt", "Turn off")))
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
                <form class="stack" method="post" action="\(AuthRoute.twoFactorEnrol)">
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
            \(ErrorMessage(text: error))
            \(state)
            \(ctx.principal?.isCoordinator == true ? "<p><a href=\"\(AuthRoute.signInSettings)\">\(ctx.t("Cài đặt đăng nhập của hệ thống", "Sign-in settings of the system"))</a></p>" as HTML : .empty)
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
                <form class="stack" method="post" action="\(AuthRoute.twoFactorConfirm)">
                  \(ctx.csrfField)
                  <label>\(ctx.t(.code)) <input name="code" required inputmode="numeric" autocomplete="one-time-code" maxlength="10"></label>
                  <button type="submit">\(ctx.t("Xác nhận và bật", "Confirm and turn on"))</button>
                </form></li>
            </ol>
            """
        }

        static func codeOrPasswordForm(_ ctx: PageContext, action: AuthRoute, button: String) -> HTML {
            """
            <form class="stack" method="post" action="\(action)">
              \(ctx.csrfField)
              <label>\(ctx.t("Mã hiện tại từ ứng dụng xác thực", "A current code from your authenticator")) <input name="code" autocomplete="one-time-code" maxlength="20"></label>
              <label>\(ctx.t("hoặc mật khẩu", "or your password")) <input type="password" name="password" autocomplete="current-password"></label>
              <button type="submit">\(button)</button>
            </form>
            """
        }
    }
}
