import Fluent
import Foundation

/// Previous/next links of a paged list, keeping the list's other query parameters; nothing for a single page.
struct Pagination: HTMLComponent {
    let metadata: PageMetadata
    let path: String
    let query: [URLQueryItem]
    let lang: Lang

    init(metadata: PageMetadata, path: String, query: [URLQueryItem], lang: Lang = .vi) {
        self.metadata = metadata
        self.path = path
        self.query = query
        self.lang = lang
    }

    /// For the list the page context shows.
    init(_ ctx: PageContext, metadata: PageMetadata) {
        self.init(metadata: metadata, path: ctx.path, query: ctx.query, lang: ctx.lang)
    }

    func render(_ ctx: PageContext) -> HTML { Pagination(metadata: metadata, path: path, query: query, lang: ctx.lang).html }

    private func link(_ page: Int) -> String {
        var items = query.filter { $0.name != "page" }
        items.append(URLQueryItem(name: "page", value: String(page)))
        var comps = URLComponents()
        comps.path = path
        comps.queryItems = items
        return comps.string ?? path
    }

    var html: HTML {
        guard metadata.pageCount > 1 else { return .empty }
        func t(_ label: Label) -> String { lang == .vi ? label.vi : label.en }
        let prev: HTML = metadata.page > 1 ? "<a rel=\"prev\" href=\"\(link(metadata.page - 1))\">« \(t(.previous))</a>" : .empty
        let next: HTML = metadata.page < metadata.pageCount ? "<a rel=\"next\" href=\"\(link(metadata.page + 1))\">\(t(.next)) »</a>" : .empty
        return "<nav class=\"pager\">\(prev) <span>\(t(.page)) \(metadata.page)/\(metadata.pageCount) (\(metadata.total))</span> \(next)</nav>"
    }
}
