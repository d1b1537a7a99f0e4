import Foundation
import Fluent
import Vapor

/// The frame of every page: header with the grouped navigation and the language switch, the flash message, the
/// page's content, the footer. The navigation collapses behind a "Menu" button on narrow screens without any
/// JavaScript (a checkbox and CSS), and each group opens with `<details>`.
enum PageFrame {
    static func page(_ ctx: PageContext, title: String, body: HTML) -> HTML {
        let other: Lang = ctx.lang == .vi ? .en : .vi
        let flash: HTML = ctx.flash.map { FlashMessage(text: $0).html } ?? .empty
        return """
        <!DOCTYPE html>
        <html lang="\(ctx.lang.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · Trực ATTT</title>
        <link rel="stylesheet" href="\(SiteRoute.stylesheet)">
        </head>
        <body>
        <header>
          <a class="brand" href="\(HomeRoute.home)">Trực ATTT</a>
          <a class="lang" href="\(AuthRoute.language(other.rawValue).path(query: [("next", ctx.path)]))">\(other == .en ? "English" : "Tiếng Việt")</a>
          \(navigation(ctx))
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

    /// The signed-in person's navigation: the overview, then groups of links, then sign-out.
    static func navigation(_ ctx: PageContext) -> HTML {
        guard let principal = ctx.principal else { return .empty }
        let groups = NavigationGroup.all(for: principal)
        let current = NavigationGroup.currentPath(ctx.path, among: groups.flatMap { $0.links.map(\.path) } + [HomeRoute.home.path])
        func link(_ link: NavigationGroup.Link) -> HTML {
            "<a href=\"\(link.path)\"\(link.path == current ? HTML(raw: " aria-current=\"page\"") : .empty)>\(ctx.t(link.label))</a>"
        }
        return """
        <input type="checkbox" id="menu-toggle" class="menu-toggle" aria-label="\(ctx.t("Mở trình đơn", "Open the menu"))">
        <label for="menu-toggle" class="menu-button">☰ \(ctx.t("Trình đơn", "Menu"))</label>
        <nav class="site-nav" aria-label="\(ctx.t("Điều hướng", "Navigation"))">
        \(link(.init(path: HomeRoute.home.path, label: .overview)))
        \(groups.html { group in
            let holdsCurrent = group.links.contains { $0.path == current }
            return """
            <details class="nav-group\(holdsCurrent ? " current" : "")"><summary>\(ctx.t(group.label))</summary>
            <ul>\(group.links.html { "<li>\(link($0))</li>" })</ul></details>
            """
        })
        <form method="post" action="\(AuthRoute.logout)" class="inline signout">\(ctx.csrfField)<span class="who">\(principal.fullName)</span>
        <button type="submit">\(ctx.t(.signOut))</button></form>
        </nav>
        """
    }
}
