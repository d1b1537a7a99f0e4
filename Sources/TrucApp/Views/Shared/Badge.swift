import Foundation

/// A short status word in a coloured pill: `<span class="badge s-done">Đã xong</span>`. The class names the state
/// (s-…, st-…, sev-…, ms-…) so the stylesheet colours it.
struct Badge: HTMLComponent {
    let text: String
    let className: String?

    init(_ text: String, className: String? = nil) {
        self.text = text
        self.className = className
    }

    var html: HTML {
        "<span class=\"badge\(className.map { " " + $0 } ?? "")\">\(text)</span>"
    }
}
