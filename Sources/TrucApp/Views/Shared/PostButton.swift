import Foundation

/// A one-button form that posts to a route with the CSRF token (delete, acknowledge, publish…).
struct PostButton: HTMLComponent {
    let route: any WebRoute
    let label: String
    let csrfField: HTML
    let hidden: [(String, String)]
    let className: String?

    init(_ route: some WebRoute, label: String, ctx: PageContext, hidden: [(String, String)] = [], className: String? = nil) {
        self.route = route
        self.label = label
        self.csrfField = ctx.csrfField
        self.hidden = hidden
        self.className = className
    }

    var html: HTML {
        """
        <form method="post" action="\(route.path)" class="inline">\(csrfField)\(hidden.html { "<input type=\"hidden\" name=\"\($0.0)\" value=\"\($0.1)\">" })\
        <button type="submit"\(className.map { " class=\"\($0)\"" as HTML } ?? .empty)>\(label)</button></form>
        """
    }
}
