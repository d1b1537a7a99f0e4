import Foundation
import TrucCore

/// New recovery codes, shown once (the response is not stored: see `TwoFactorWebController.noStore`).
enum RecoveryCodeList {
    struct View {
        let ctx: PageContext
        let codes: [String]
        /// Where "Continue" leads.
        let next: any WebRoute

        func document() -> HTML { Self.recoveryCodes(ctx, codes: codes, next: next) }

        /// New recovery codes, shown once.
        static func recoveryCodes(_ ctx: PageContext, codes: [String], next: any WebRoute) -> HTML {
            PageFrame.page(ctx, title: ctx.t("Mã khôi phục", "Recovery codes"), body: """
            <h1>\(ctx.t("Mã khôi phục", "Recovery codes"))</h1>
            <div class="flash" role="status">
              <p>\(ctx.t("Mỗi mã dùng được một lần khi không có ứng dụng xác thực. Hãy in hoặc lưu chúng ở nơi an toàn ngay bây giờ: chúng chỉ hiển thị một lần.",
                         "Each code works once, when you do not have your authenticator. Print or store them somewhere safe now: they are shown only once."))</p>
              <ul id="recovery-codes">\(codes.html { "<li><code class=\"secret\">\($0)</code></li>" })</ul>
            </div>
            <p><a href="\(next.path)">\(ctx.t("Tiếp tục", "Continue"))</a></p>
            """)
        }
    }
}
