import Foundation

/// Reads the data of one table out of the SQL text `pg_restore --data-only -f -` writes: the
/// `COPY schema.table (columns) FROM stdin;` block, one tab-separated row a line, ended by `\.`.
public enum PostgresCopyText {
    /// The values of `column` in the COPY block of `table` (any schema), nil for SQL NULL; nil when the text has no
    /// such block or column.
    public static func values(in text: String, table: String, column: String) -> [String?]? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        while let line = lines.next() {
            guard line.hasPrefix("COPY "), line.hasSuffix(" FROM stdin;") else { continue }
            let body = line.dropFirst(5).dropLast(" FROM stdin;".count)
            guard let open = body.firstIndex(of: "("), body.last == ")" else { continue }
            let name = body[..<open].trimmingSpaces
            let qualified = name.split(separator: ".").last.map(String.init).map(unquote) ?? ""
            guard qualified == table else { continue }
            let columns = body[body.index(after: open)..<body.index(before: body.endIndex)]
                .split(separator: ",").map { unquote(String($0.trimmingSpaces)) }
            guard let index = columns.firstIndex(of: column) else { return nil }
            var out: [String?] = []
            while let row = lines.next(), row != "\\." {
                let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
                guard index < fields.count else { return nil }
                out.append(unescape(fields[index]))
            }
            return out
        }
        return nil
    }

    private static func unquote(_ name: String) -> String {
        guard name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") else { return name }
        return String(name.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }

    /// COPY's text format: `\N` is NULL; backslash escapes for \\, \t, \n, \r, \b, \f, \v.
    static func unescape(_ field: Substring) -> String? {
        if field == "\\N" { return nil }
        guard field.contains("\\") else { return String(field) }
        var out = ""
        var escaping = false
        for ch in field {
            if escaping {
                switch ch {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "b": out.append("\u{8}")
                case "f": out.append("\u{C}")
                case "v": out.append("\u{B}")
                default: out.append(ch)
                }
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}

private extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
