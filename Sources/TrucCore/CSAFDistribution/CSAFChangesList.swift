import Foundation

/// The `changes.csv` of a CSAF directory distribution (CSAF 2.0 section 7.1.16): one line per document,
/// `"<path relative to the directory>","<RFC 3339 time of the last change>"`. Lines whose path is absolute, leaves
/// the directory or whose time does not parse are left out and listed in `problems`.
public struct CSAFChangesList: Sendable, Equatable {
    /// The largest file read.
    public static let maxBytes = 64 << 20

    public var entries: [CSAFDocumentListing]
    public var problems: [String]
    /// How many lines were left out (`problems` holds at most 50).
    public var skipped: Int

    /// Reads `data`, the `changes.csv` of the directory `directory`.
    /// - Throws: `CSAFDistributionError`.
    public init(data: Data, directory: URL) throws {
        let what = "changes.csv"
        guard data.count <= Self.maxBytes else { throw CSAFDistributionError.tooLarge(what: what, limit: Self.maxBytes) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CSAFDistributionError.malformed(what: what, reason: "not UTF-8 text")
        }
        let base = CSAFDistributionURL.directory(directory)
        var entries: [CSAFDocumentListing] = []
        var problems: [String] = []
        var skipped = 0
        func refuse(_ number: Int, _ reason: String) {
            skipped += 1
            if problems.count < 50 { problems.append("changes.csv line \(number): \(reason)") }
        }
        var seen: Set<URL> = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let fields = Self.fields(line)
            guard fields.count == 2 else {
                refuse(index + 1, "not two fields")
                continue
            }
            let path = fields[0]
            guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("://"), !path.contains("\\"),
                  !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }),
                  let url = CSAFDistributionURL.resolve(path, against: base),
                  url.absoluteString.hasPrefix(base.absoluteString) else {
                refuse(index + 1, "the path is not inside the directory")
                continue
            }
            guard let updated = CSAFDistributionURL.date(fields[1]) else {
                refuse(index + 1, "the time is not an RFC 3339 date-time")
                continue
            }
            // A document listed twice: its newest time counts.
            if seen.contains(url) {
                if let i = entries.firstIndex(where: { $0.url == url }), let old = entries[i].updated, updated > old {
                    entries[i].updated = updated
                }
                continue
            }
            seen.insert(url)
            entries.append(CSAFDocumentListing(url: url, updated: updated))
        }
        self.entries = entries
        self.problems = problems
        self.skipped = skipped
    }

    /// The fields of one CSV line (double quotes optional; `""` inside quotes is a quote).
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = Array(line).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }
}
