import Foundation

/// A data table with a header row, in a box that scrolls sideways on a narrow screen (the page itself never does),
/// or a muted sentence when there are no rows.
struct Table: HTMLComponent {
    struct Row {
        let cells: [HTML]
        let className: String?
        init(_ cells: [HTML], className: String? = nil) {
            self.cells = cells
            self.className = className
        }
    }

    let headers: [String]
    let rows: [Row]
    let empty: String?
    let caption: String?
    let className: String?

    init(headers: [String], rows: [Row], empty: String? = nil, caption: String? = nil, className: String? = nil) {
        self.headers = headers
        self.rows = rows
        self.empty = empty
        self.caption = caption
        self.className = className
    }

    /// One row per element.
    init<S: Sequence>(headers: [String], _ items: S, empty: String? = nil, caption: String? = nil, className: String? = nil,
                      row: (S.Element) -> [HTML]) {
        self.init(headers: headers, rows: items.map { Row(row($0)) }, empty: empty, caption: caption, className: className)
    }

    var html: HTML {
        if rows.isEmpty, let empty { return "<p class=\"muted\">\(empty)</p>" }
        let classAttr: HTML = className.map { " class=\"\($0)\"" } ?? .empty
        return """
        <div class="table-wrap"><table\(classAttr)>\(caption.map { "<caption>\($0)</caption>" as HTML } ?? .empty)
        <thead><tr>\(headers.html { "<th>\($0)</th>" })</tr></thead>
        <tbody>\(rows.html { row in
            "<tr\(row.className.map { " class=\"\($0)\"" as HTML } ?? .empty)>\(row.cells.html { "<td>\($0)</td>" })</tr>"
        })</tbody></table></div>
        """
    }
}
