import Foundation
import Fluent
import Vapor

/// The frame of every page: header with navigation and language switch, main content, footer.
enum Layout {
    static func page(_ ctx: PageContext, title: String, body: HTML) -> HTML {
        let other: Lang = ctx.lang == .vi ? .en : .vi
        let nav: HTML
        if let principal = ctx.principal {
            var links: [(String, String)] = [
                ("/", ctx.t("Tổng quan", "Overview")),
                ("/units", ctx.t("Đơn vị", "Units")),
                ("/contacts", ctx.t("Danh bạ", "Contacts")),
                ("/campaigns", ctx.t("Đợt cao điểm", "Campaigns")),
                ("/units/\(principal.unitID.uuidString)/roster", ctx.t("Lịch trực", "Roster")),
                ("/on-duty", ctx.t("Đang trực", "On duty")),
                ("/units/\(principal.unitID.uuidString)/inventory", ctx.t("Tài sản", "Inventory")),
                ("/findings", ctx.t("Lỗ hổng", "Findings")),
                ("/advisories", ctx.t("Cảnh báo", "Advisories")),
                ("/monitors", ctx.t("Giám sát", "Monitoring")),
                ("/incidents", ctx.t("Sự cố", "Incidents")),
                ("/cves", "CVE"),
            ]
            if principal.policy.mayViewAudit { links.append(("/audit", ctx.t("Nhật ký", "Audit log"))) }
            links.append(("/tokens", ctx.t("Token API", "API tokens")))
            links.append(("/account/two-factor", ctx.t("Xác thực hai lớp", "Two-factor")))
            // The longest link that starts the current path is the current page.
            let currentLink = links.map(\.0).filter { $0 == "/" ? ctx.path == "/" : ctx.path.hasPrefix($0) }.max { $0.count < $1.count }
            nav = """
            <nav aria-label="\(ctx.t("Điều hướng", "Navigation"))"><ul>\(links.html { link in
                let current = link.0 == currentLink
                return "<li><a href=\"\(link.0)\"\(current ? HTML(raw: " aria-current=\"page\"") : .empty)>\(link.1)</a></li>"
            })</ul>
            <form method="post" action="/logout" class="inline">\(ctx.csrfField)<span class="who">\(principal.fullName)</span>
            <button type="submit">\(ctx.t("Đăng xuất", "Sign out"))</button></form></nav>
            """
        } else {
            nav = .empty
        }
        let flash: HTML = ctx.flash.map { "<p class=\"flash\" role=\"status\">\($0)</p>" } ?? .empty
        return """
        <!DOCTYPE html>
        <html lang="\(ctx.lang.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · Trực ATTT</title>
        <link rel="stylesheet" href="/static/app.css">
        </head>
        <body>
        <header>
          <a class="brand" href="/">Trực ATTT</a>
          <a class="lang" href="/lang/\(other.rawValue)?next=\(ctx.path)">\(other == .en ? "English" : "Tiếng Việt")</a>
          \(nav)
        </header>
        <main>
        \(flash)
        \(body)
        </main>
        <footer>\(ctx.t("Hệ thống trực và ứng cứu sự cố an toàn thông tin mạng", "Cyber-security duty and incident-response platform")) · \(ctx.t("Giờ địa phương", "Local time")): \(ctx.timeZone.identifier)</footer>
        </body>
        </html>
        """
    }

    /// Previous/next links for a paginated list; keeps the other query parameters.
    static func pager(_ ctx: PageContext, metadata: PageMetadata, request: Request) -> HTML {
        guard metadata.pageCount > 1 else { return .empty }
        func link(_ page: Int) -> String {
            var items = (URLComponents(string: request.url.string)?.queryItems ?? []).filter { $0.name != "page" }
            items.append(URLQueryItem(name: "page", value: String(page)))
            var comps = URLComponents()
            comps.path = request.url.path
            comps.queryItems = items
            return comps.string ?? request.url.path
        }
        let prev: HTML = metadata.page > 1 ? "<a rel=\"prev\" href=\"\(link(metadata.page - 1))\">« \(ctx.t("Trước", "Previous"))</a>" : .empty
        let next: HTML = metadata.page < metadata.pageCount ? "<a rel=\"next\" href=\"\(link(metadata.page + 1))\">\(ctx.t("Sau", "Next")) »</a>" : .empty
        return "<nav class=\"pager\">\(prev) <span>\(ctx.t("Trang", "Page")) \(metadata.page)/\(metadata.pageCount) (\(metadata.total))</span> \(next)</nav>"
    }

    static let stylesheet = """
    :root { --fg:#1b1f24; --muted:#5b6470; --line:#d6dbe1; --accent:#b3261e; --ok:#1e7b34; --warn:#9a6700; --bg:#fafbfc; }
    * { box-sizing: border-box; }
    body { font: 15px/1.45 system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
    header { background: #7f1d1d; color: #fff; padding: .5rem 1rem; display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; }
    header a { color: #fff; }
    header .brand { font-weight: 700; font-size: 1.15rem; text-decoration: none; }
    header nav { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; flex: 1; }
    header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .8rem; margin: 0; padding: 0; }
    header nav a[aria-current] { font-weight: 700; text-decoration: underline; }
    header .who { margin-right: .5rem; }
    main { max-width: 1200px; margin: 1rem auto; padding: 0 1rem; }
    footer { color: var(--muted); font-size: .85rem; text-align: center; padding: 2rem 1rem; }
    h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
    h2 { font-size: 1.2rem; margin-top: 1.5rem; }
    table { border-collapse: collapse; width: 100%; background: #fff; margin: .5rem 0 1rem; }
    th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
    th { background: #f0f2f5; }
    form.inline { display: inline; }
    form.stack { display: grid; gap: .6rem; max-width: 640px; background: #fff; padding: 1rem; border: 1px solid var(--line); }
    form.stack label { display: grid; gap: .2rem; font-weight: 600; }
    input, select, textarea, button { font: inherit; padding: .3rem .4rem; }
    textarea { min-height: 6rem; }
    button { cursor: pointer; }
    .flash { background: #e7f5ec; border: 1px solid #9bd3ad; padding: .5rem; }
    .error .reason { background: #fdecea; border: 1px solid #f5b7b1; padding: .6rem; }
    .muted { color: var(--muted); }
    .badge { display: inline-block; padding: 0 .4rem; border-radius: .6rem; font-size: .85rem; border: 1px solid var(--line); }
    .s-done { background: #e7f5ec; color: var(--ok); }
    .s-not_applicable { background: #eef1f4; color: var(--muted); }
    .s-problem { background: #fff4d6; color: var(--warn); }
    .s-overdue, .gap { background: #fdecea; color: var(--accent); }
    .s-pending { background: #fff; }
    .s-not_targeted { background: #f6f7f9; color: #aab; }
    .pager { margin: .5rem 0; display: flex; gap: 1rem; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 1rem; }
    .card { background: #fff; border: 1px solid var(--line); padding: .8rem; }
    @media print { header, footer, nav, form, .noprint { display: none !important; } body { background: #fff; } main { max-width: none; } }
    """ + VulnViews.stylesheet + MonitorViews.stylesheet
}
