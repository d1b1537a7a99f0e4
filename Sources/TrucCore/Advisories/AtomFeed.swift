import Foundation

/// An Atom 1.0 feed (RFC 4287), e.g. the public advisories.
public struct AtomFeed: Sendable {
    public struct Entry: Sendable {
        public var id: String
        public var title: String
        public var updated: Date
        public var published: Date?
        public var link: String
        public var summary: String
        public var categories: [String]

        public init(id: String, title: String, updated: Date, published: Date? = nil, link: String, summary: String,
                    categories: [String] = []) {
            self.id = id
            self.title = title
            self.updated = updated
            self.published = published
            self.link = link
            self.summary = summary
            self.categories = categories
        }
    }

    public var id: String
    public var title: String
    public var selfLink: String
    public var alternateLink: String
    public var author: String
    public var entries: [Entry]

    public init(id: String, title: String, selfLink: String, alternateLink: String, author: String, entries: [Entry]) {
        self.id = id
        self.title = title
        self.selfLink = selfLink
        self.alternateLink = alternateLink
        self.author = author
        self.entries = entries
    }

    /// The XML document; `updated` is the latest entry's (or `now` for an empty feed).
    public func render(now: Date = Date()) -> String {
        let updated = entries.map(\.updated).max() ?? now
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
          <id>\(Self.escape(id))</id>
          <title>\(Self.escape(title))</title>
          <updated>\(Self.timestamp(updated))</updated>
          <link rel="self" type="application/atom+xml" href="\(Self.escape(selfLink))"/>
          <link rel="alternate" type="text/html" href="\(Self.escape(alternateLink))"/>
          <author><name>\(Self.escape(author))</name></author>

        """
        for entry in entries {
            xml += """
              <entry>
                <id>\(Self.escape(entry.id))</id>
                <title>\(Self.escape(entry.title))</title>
                <updated>\(Self.timestamp(entry.updated))</updated>

            """
            if let published = entry.published { xml += "    <published>\(Self.timestamp(published))</published>\n" }
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(Self.escape(entry.link))\"/>\n"
            for category in entry.categories { xml += "    <category term=\"\(Self.escape(category))\"/>\n" }
            xml += "    <summary type=\"text\">\(Self.escape(entry.summary))</summary>\n  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// RFC 3339 in UTC, e.g. 2026-11-23T08:00:00Z.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// XML text/attribute escaping; characters XML 1.0 forbids are dropped.
    public static func escape(_ text: String) -> String { XMLText.escape(text) }
}
