import Foundation

/// A small independent reader for the iCalendar/vCard output, used to check round trips.
enum ContentLineParser {
    struct Property: Equatable {
        var name: String
        var parameters: String
        var value: String
    }

    /// Physical lines as raw octets, split on CRLF; fails on a bare CR or LF.
    static func physicalLines(_ text: String) -> [[UInt8]]? {
        let bytes = Array(text.utf8)
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 13 {
                guard i + 1 < bytes.count, bytes[i + 1] == 10 else { return nil }
                lines.append(current)
                current = []
                i += 2
            } else if bytes[i] == 10 {
                return nil
            } else {
                current.append(bytes[i])
                i += 1
            }
        }
        guard current.isEmpty else { return nil } // output must end with CRLF
        return lines
    }

    /// Removes CRLF followed by a space or tab, working on octets as RFC 5545 does.
    static func unfold(_ text: String) -> String {
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.first {
            if byte == 13, input.count >= 3, input.dropFirst().first == 10, [32, 9].contains(input.dropFirst(2).first!) {
                input = input.dropFirst(3)
            } else {
                bytes.append(byte)
                input = input.dropFirst()
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Splits "NAME;PARAMS:value" (the first ":" outside quotes) and unescapes TEXT.
    static func properties(_ text: String) -> [Property] {
        unfold(text).components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { line in
            var inQuotes = false
            var colon = line.endIndex
            for index in line.indices {
                if line[index] == "\"" { inQuotes.toggle() }
                if line[index] == ":", !inQuotes { colon = index; break }
            }
            let head = line[..<colon]
            let value = colon < line.endIndex ? String(line[line.index(after: colon)...]) : ""
            let name = head.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            let parameters = head.dropFirst(name.count).drop { $0 == ";" }
            return Property(name: name, parameters: String(parameters), value: value)
        }
    }

    static func unescape(_ value: String) -> String {
        var result = ""
        var escaping = false
        for c in value {
            if escaping {
                result.append(c == "n" || c == "N" ? "\n" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                result.append(c)
            }
        }
        return result
    }

    /// Splits a list value on unescaped commas.
    static func splitList(_ value: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaping = false
        for c in value {
            if escaping { current.append("\\"); current.append(c); escaping = false }
            else if c == "\\" { escaping = true }
            else if c == "," { parts.append(current); current = "" }
            else { current.append(c) }
        }
        parts.append(current)
        return parts.map(unescape)
    }
}
