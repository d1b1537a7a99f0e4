import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One entry of the NVD CPE dictionary (`<cpe-item>`).
public struct CPEDictionaryItem: Sendable, Hashable {
    /// From the `cpe-23:cpe23-item` name, else the item's 2.2 URI name.
    public var name: CPEName
    /// The English (`en-US`) title, else the first title, e.g. "Cisco IOS 15.2(4)M1".
    public var title: String
    /// Marked `deprecated="true"` (replaced by another name).
    public var deprecated: Bool

    public init(name: CPEName, title: String, deprecated: Bool = false) {
        self.name = name
        self.title = title
        self.deprecated = deprecated
    }
}

/// Reading the NVD official CPE dictionary (XML, CPE 2.3 version with `cpe-23:cpe23-item` names) and collapsing
/// it to products for `CPEProposer`.
public enum CPEDictionary {
    /// Parses the dictionary XML (the whole document in memory: the 2015 dictionary is 29 MB); items in file order.
    /// Calls `progress(count)` after every 10,000 items. Items whose name is not a valid CPE name in either binding
    /// are skipped (the NVD dictionary has none).
    ///
    /// Throws `InventoryError.emptyDocument`, `.malformedXML`, `.entityDeclaration`, `.truncated`, or
    /// `.unexpectedRoot` when the root is not `cpe-list`.
    public static func parse(data: Data, progress: (Int) -> Void = { _ in }) throws(InventoryError)
        -> [CPEDictionaryItem] {
        return try withoutActuallyEscaping(progress) { progress throws(InventoryError) in
            let reader = Reader(progress: progress)
            try reader.read(data, root: "cpe-list")
            return reader.items
        }
    }

    /// Collapses items to distinct (part, vendor, product), in order of first appearance, skipping deprecated
    /// items and names whose part, vendor or product is ANY, NA or has wildcards. The title is the most common
    /// item title with the version text cut off ("Cisco IOS 15.2(4)M1" → "Cisco IOS"; the shorter on a tie);
    /// `versionCount` counts the distinct versions other than ANY.
    public static func products(_ items: [CPEDictionaryItem]) -> [CPEProduct] {
        struct Key: Hashable {
            var part: CPEPart
            var vendor: String
            var product: String
        }
        struct Accumulator {
            var titles: [String: Int] = [:]
            var versions: Set<CPEAttribute> = []
        }
        var order: [Key] = []
        var groups: [Key: Accumulator] = [:]
        for item in items where !item.deprecated {
            guard let part = item.name.cpePart,
                  case .value = item.name.vendor, !item.name.vendor.hasWildcards,
                  case .value = item.name.product, !item.name.product.hasWildcards else { continue }
            let key = Key(part: part, vendor: item.name.vendor.formattedString,
                          product: item.name.product.formattedString)
            if groups[key] == nil { order.append(key) }
            let title = productTitle(item.title, version: item.name.version.unescaped)
            groups[key, default: Accumulator()].titles[title, default: 0] += 1
            if item.name.version != .any { groups[key, default: Accumulator()].versions.insert(item.name.version) }
        }
        return order.map { key in
            let group = groups[key]!
            let title = group.titles.max { lhs, rhs in
                lhs.value != rhs.value ? lhs.value < rhs.value
                    : lhs.key.count != rhs.key.count ? lhs.key.count > rhs.key.count : lhs.key > rhs.key
            }?.key ?? ""
            return CPEProduct(part: key.part, vendor: key.vendor, product: key.product,
                              title: title.isEmpty ? key.product : title, versionCount: group.versions.count)
        }
    }

    /// The title cut before the version, matched case-insensitively as a word: it starts the title or follows a
    /// space, "(" or a "v"/"V" that follows a space, and ends the title or is followed by a character other than a
    /// letter or digit. "Cisco IOS 15.2(4)M1" with "15.2(4)m1" → "Cisco IOS"; "Foo v1.2" with "1.2" → "Foo".
    /// Trailing spaces, commas, hyphens, "(" and a trailing word "version" are removed too. A title that does
    /// not contain the version, or that would become empty, is returned trimmed.
    static func productTitle(_ title: String, version: String?) -> String {
        guard let version, !version.isEmpty, version != "*" else { return trimmedTitle(title) }
        // Byte-wise, ASCII case-insensitive: versions are ASCII, so a match always starts on a character boundary.
        let bytes = Array(title.utf8)
        let needle = Array(version.utf8).map(asciiLowercased)
        guard needle.count <= bytes.count else { return trimmedTitle(title) }
        func isWordByte(_ byte: UInt8) -> Bool {
            byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
        }
        let space = UInt8(ascii: " ")
        let needleEndsInWord = isWordByte(needle[needle.count - 1])
        var cut: Int?
        var start = 0
        while cut == nil, start + needle.count <= bytes.count {
            defer { start += 1 }
            guard asciiLowercased(bytes[start]) == needle[0] else { continue }
            var offset = 1
            while offset < needle.count, asciiLowercased(bytes[start + offset]) == needle[offset] { offset += 1 }
            guard offset == needle.count else { continue }
            let end = start + needle.count
            guard end == bytes.count || !needleEndsInWord || !isWordByte(bytes[end]) else { continue }
            if start == 0 || bytes[start - 1] == space || bytes[start - 1] == UInt8(ascii: "(") {
                cut = start
            } else if asciiLowercased(bytes[start - 1]) == UInt8(ascii: "v"), start == 1 || bytes[start - 2] == space {
                cut = start - 1
            }
        }
        guard let cut else { return trimmedTitle(title) }
        // Trim byte-wise (Foundation's trimming is slow on Linux, and every versioned item comes here).
        var end = cut
        func trimEnd() {
            while end > 0, isSpace(bytes[end - 1]) || isTrailingPunctuation(bytes[end - 1]) { end -= 1 }
        }
        trimEnd()
        for word in [" version", " ver.", " ver", " release"] {
            let suffix = Array(word.utf8)
            if end >= suffix.count, zip(bytes[(end - suffix.count)..<end], suffix).allSatisfy({ asciiLowercased($0) == $1 }) {
                end -= suffix.count
                trimEnd()
            }
        }
        var begin = 0
        while begin < end, isSpace(bytes[begin]) { begin += 1 }
        return begin < end ? String(decoding: bytes[begin..<end], as: UTF8.self) : trimmedTitle(title)
    }

    @inline(__always) private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// `,` `-` `(` `:` `;`, left at the end of a title when the version is cut off.
    @inline(__always) private static func isTrailingPunctuation(_ byte: UInt8) -> Bool {
        byte == 0x2C || byte == 0x2D || byte == 0x28 || byte == 0x3A || byte == 0x3B
    }

    /// The title without surrounding whitespace; fast when there is none.
    static func trimmedTitle(_ title: String) -> String {
        guard let first = title.utf8.first, let last = title.utf8.last, isSpace(first) || isSpace(last) else {
            return title
        }
        let bytes = Array(title.utf8)
        var begin = 0, end = bytes.count
        while begin < end, isSpace(bytes[begin]) { begin += 1 }
        while end > begin, isSpace(bytes[end - 1]) { end -= 1 }
        return String(decoding: bytes[begin..<end], as: UTF8.self)
    }

    @inline(__always) private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    /// The SAX delegate for `cpe-list`.
    private final class Reader: SafeXMLReader {
        var items: [CPEDictionaryItem] = []
        private let progress: (Int) -> Void

        private var depth = 0
        private var inItem = false
        private var uriName: String?
        private var formattedName: String?
        private var deprecated = false
        private var titles: [(language: String?, text: String)] = []
        private var titleLanguage: String?
        private var titleText: String?

        init(progress: @escaping (Int) -> Void) {
            self.progress = progress
            items.reserveCapacity(110_000)
        }

        /// The name without its namespace prefix: `cpe-23:cpe23-item` → `cpe23-item`.
        private static func localName(_ name: String) -> Substring {
            guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
            return name[name.index(after: colon)...]
        }

        override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            guard abortError == nil else { return }
            depth += 1
            let local = Self.localName(elementName)
            if depth == 1 {
                guard local == "cpe-list" else {
                    return abort(parser, .unexpectedRoot(found: elementName, expected: "cpe-list"))
                }
                sawRoot = true
                return
            }
            switch (depth, local) {
            case (2, "cpe-item"):
                inItem = true
                uriName = attributes["name"]
                formattedName = nil
                deprecated = attributes["deprecated"] == "true"
                titles.removeAll(keepingCapacity: true)
            case (3, "title") where inItem:
                titleLanguage = attributes["xml:lang"]
                titleText = ""
            case (3, "cpe23-item") where inItem:
                formattedName = attributes["name"]
            default:
                break
            }
        }

        override func parser(_ parser: XMLParser, foundCharacters string: String) {
            titleText? += string
        }

        override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?) {
            guard abortError == nil else { return }
            defer { depth -= 1 }
            switch depth {
            case 1:
                sawRootEnd = true
            case 3 where titleText != nil:
                titles.append((titleLanguage, CPEDictionary.trimmedTitle(titleText!)))
                titleText = nil
                titleLanguage = nil
            case 2 where inItem:
                inItem = false
                let name = formattedName.flatMap { try? CPEName(parsing: $0) } ?? uriName.flatMap { try? CPEName(parsing: $0) }
                guard let name else { return }
                let title = titles.first { $0.language?.lowercased() == "en-us" }?.text
                    ?? titles.first { $0.language?.lowercased().hasPrefix("en") == true }?.text
                    ?? titles.first?.text ?? ""
                items.append(CPEDictionaryItem(name: name, title: title, deprecated: deprecated))
                if items.count % 10_000 == 0 { progress(items.count) }
            default:
                break
            }
        }
    }
}
