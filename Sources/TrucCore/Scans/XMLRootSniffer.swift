import Foundation

/// Finds the name of an XML document's root element without parsing the document: skips the prolog, comments,
/// processing instructions and a DOCTYPE (the reader refuses entities later), then reads the first start tag's name.
enum XMLRootSniffer {
    static func rootName(of data: Data) -> String? {
        let bytes = data.prefix(64 * 1024)
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            guard let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) else { return nil }
            let next = bytes.index(after: open)
            guard next < end else { return nil }
            switch bytes[next] {
            case UInt8(ascii: "?"), UInt8(ascii: "!"):
                // Prolog, processing instruction, comment or DOCTYPE: skip to its end.
                let isComment = bytes[next...].starts(with: Array("!--".utf8))
                if isComment {
                    guard let close = find(Array("-->".utf8), in: bytes, from: next) else { return nil }
                    index = close
                } else {
                    guard let close = bytes[next...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                    index = bytes.index(after: close)
                }
            default:
                var nameEnd = next
                while nameEnd < end, !isNameEnd(bytes[nameEnd]) { nameEnd = bytes.index(after: nameEnd) }
                guard nameEnd > next else { return nil }
                let name = String(decoding: bytes[next..<nameEnd], as: UTF8.self)
                // A namespace prefix (`cdx:bom`) does not change the element.
                return name.split(separator: ":").last.map(String.init)
            }
        }
        return nil
    }

    static func isNameEnd(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
    }

    static func find(_ needle: [UInt8], in bytes: Data, from start: Data.Index) -> Data.Index? {
        var index = start
        while index + needle.count <= bytes.endIndex {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index + needle.count }
            index += 1
        }
        return nil
    }
}
