import Foundation

extension HostPort {
    /// The longest domain name, in characters, without the final dot (RFC 1035).
    public static let maxNameLength = 253
    /// The longest label of a domain name (RFC 1035).
    public static let maxLabelLength = 63

    /// Parses "host:port", "[v6]:port", or, when `defaultPort` is given, also "host", "[v6]" and a bare IPv6
    /// address such as "2001:db8::1". Spaces around the text are ignored. Problems are reported on `field`.
    public init(parsing text: String, defaultPort: Int?, field: String) throws(MonitorValidationError) {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw MonitorValidationError(field: field, vietnamese: "Chưa nhập địa chỉ máy chủ.",
                                         english: "The host is empty.")
        }
        guard !text.contains(where: { $0.isWhitespace }) else {
            throw MonitorValidationError(field: field,
                                         vietnamese: "Địa chỉ máy chủ \"\(text)\" không được chứa khoảng trắng.",
                                         english: "The host \"\(text)\" must not contain spaces.")
        }
        var hostText: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else {
                throw Self.problem(field, "Thiếu dấu ] đóng địa chỉ IPv6 trong \"\(text)\".",
                                   "The IPv6 address in \"\(text)\" lacks its closing ].")
            }
            hostText = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.first == ":" else {
                    throw Self.problem(field, "Sau địa chỉ IPv6 trong ngoặc vuông chỉ được ghi :cổng (\"\(text)\").",
                                       "Only :port may follow a bracketed IPv6 address (\"\(text)\").")
                }
                portText = rest.dropFirst()
            }
            guard Self.normalizedIPv6(String(hostText)) != nil else {
                throw Self.problem(field, "\"\(hostText)\" không phải là địa chỉ IPv6 hợp lệ.",
                                   "\"\(hostText)\" is not a valid IPv6 address.")
            }
        } else if text.filter({ $0 == ":" }).count > 1 {
            // More than one colon without brackets: only a bare IPv6 address, and only when the port is optional.
            guard defaultPort != nil, Self.normalizedIPv6(text) != nil else {
                throw Self.problem(field, "Địa chỉ IPv6 kèm cổng phải viết trong ngoặc vuông, ví dụ [2001:db8::1]:443.",
                                   "Write an IPv6 address with a port in brackets, e.g. [2001:db8::1]:443.")
            }
            hostText = Substring(text)
            portText = nil
        } else if let colon = text.firstIndex(of: ":") {
            hostText = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            hostText = Substring(text)
        }

        let port: Int
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let value = Int(portText), Self.portRange.contains(value) else {
                throw Self.problem(field, "Cổng \"\(portText)\" không hợp lệ; cổng phải là số từ 1 đến 65535.",
                                   "The port \"\(portText)\" is invalid; it must be a number from 1 to 65535.")
            }
            port = value
        } else if let defaultPort {
            port = defaultPort
        } else {
            throw Self.problem(field, "Thiếu số cổng; nhập theo dạng máy_chủ:cổng, ví dụ example.org:22.",
                               "The port is missing; write host:port, e.g. example.org:22.")
        }
        self.init(host: try Self.normalizedHost(String(hostText), field: field), port: port)
    }

    /// A host as written in a URL or before a port (without brackets): a domain name, an IPv4 address or an IPv6
    /// address, normalised (see the type's documentation).
    public static func normalizedHost(_ text: String, field: String) throws(MonitorValidationError) -> String {
        if text.contains(":") {
            guard let v6 = normalizedIPv6(text) else {
                throw problem(field, "\"\(text)\" không phải là địa chỉ IPv6 hợp lệ.",
                              "\"\(text)\" is not a valid IPv6 address.")
            }
            return v6
        }
        if isIPv4(text) { return text }
        let name = try normalizedDomainName(text, field: field)
        if let last = name.split(separator: ".").last, last.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw problem(field, "\"\(text)\" không phải là địa chỉ IPv4 hợp lệ (bốn số 0–255 cách nhau bởi dấu chấm).",
                          "\"\(text)\" is not a valid IPv4 address (four numbers 0–255 separated by dots).")
        }
        return name
    }

    /// A domain name: lower-cased, without the final dot; labels of 1…63 letters, digits, hyphens or underscores
    /// that do not start or end with a hyphen; at most 253 characters. Internationalised names must be given in
    /// their ASCII (punycode, "xn--") form.
    public static func normalizedDomainName(_ text: String, field: String) throws(MonitorValidationError) -> String {
        var name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.hasSuffix(".") { name.removeLast() }
        guard !name.isEmpty else {
            throw problem(field, "Chưa nhập tên miền.", "The domain name is empty.")
        }
        guard name.unicodeScalars.allSatisfy(\.isASCII) else {
            throw problem(field, "Tên miền \"\(text)\" có ký tự ngoài bảng mã ASCII; hãy nhập dạng punycode (xn--…), "
                            + "ví dụ xn--bcher-kva.de thay cho bücher.de.",
                          "The domain name \"\(text)\" has non-ASCII characters; use its punycode form (xn--…), "
                            + "e.g. xn--bcher-kva.de for bücher.de.")
        }
        name = name.lowercased()
        guard name.count <= maxNameLength else {
            throw problem(field, "Tên miền dài \(name.count) ký tự; tối đa \(maxNameLength) ký tự.",
                          "The domain name is \(name.count) characters long; at most \(maxNameLength) are allowed.")
        }
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty else {
                throw problem(field, "Tên miền \"\(text)\" có hai dấu chấm liền nhau hoặc bắt đầu bằng dấu chấm.",
                              "The domain name \"\(text)\" has an empty label (two dots in a row or a leading dot).")
            }
            guard label.count <= maxLabelLength else {
                throw problem(field, "Nhãn \"\(label)\" của tên miền dài quá \(maxLabelLength) ký tự.",
                              "The label \"\(label)\" is longer than \(maxLabelLength) characters.")
            }
            guard label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw problem(field, "Tên miền \"\(text)\" chỉ được chứa chữ cái, chữ số, dấu gạch ngang, gạch dưới và dấu chấm.",
                              "The domain name \"\(text)\" may only contain letters, digits, hyphens, underscores and dots.")
            }
            guard label.first != "-", label.last != "-" else {
                throw problem(field, "Nhãn \"\(label)\" của tên miền không được bắt đầu hay kết thúc bằng dấu gạch ngang.",
                              "The label \"\(label)\" must not start or end with a hyphen.")
            }
        }
        return name
    }

    /// Whether the text is a dotted-quad IPv4 address: four decimal numbers 0…255 without leading zeros.
    public static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber }
                && (part.count == 1 || part.first != "0") && Int(part).map { $0 <= 255 } == true
        }
    }

    /// The RFC 5952 form of an IPv6 address (lower-case hexadecimal without leading zeros, the longest run of two or
    /// more zero groups as "::", an IPv4-mapped address as "::ffff:192.0.2.1"); nil when the text is not an IPv6
    /// address. Zone identifiers ("%eth0") are not accepted.
    public static func normalizedIPv6(_ text: String) -> String? {
        guard let groups = ipv6Groups(text) else { return nil }
        if groups[0..<5].allSatisfy({ $0 == 0 }) && groups[5] == 0xffff {
            let v4 = [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].map(String.init)
            return "::ffff:" + v4.joined(separator: ".")
        }
        // The longest run of zero groups (the first one on a tie), if at least two long.
        var bestStart = -1, bestLength = 0, index = 0
        while index < 8 {
            guard groups[index] == 0 else { index += 1; continue }
            var end = index
            while end < 8 && groups[end] == 0 { end += 1 }
            if end - index > bestLength { bestStart = index; bestLength = end - index }
            index = end
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestLength >= 2 else { return hex.joined(separator: ":") }
        return hex[..<bestStart].joined(separator: ":") + "::" + hex[(bestStart + bestLength)...].joined(separator: ":")
    }

    /// The eight 16-bit groups of an IPv6 address.
    static func ipv6Groups(_ text: String) -> [UInt16]? {
        guard text.count >= 2, text.count <= 45, text.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == ":" || $0 == ".") }) else {
            return nil
        }
        func groups(_ part: Substring, allowIPv4Tail: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (offset, piece) in pieces.enumerated() {
                if piece.contains(".") {
                    guard allowIPv4Tail, offset == pieces.count - 1, isIPv4(String(piece)) else { return nil }
                    let octets = piece.split(separator: ".").compactMap { UInt16($0) }
                    result.append(octets[0] << 8 | octets[1])
                    result.append(octets[2] << 8 | octets[3])
                } else {
                    guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                    result.append(value)
                }
            }
            return result
        }
        let halves = text.components(separatedBy: "::")
        switch halves.count {
        case 1:
            guard let all = groups(Substring(text), allowIPv4Tail: true), all.count == 8 else { return nil }
            return all
        case 2:
            guard let head = groups(Substring(halves[0]), allowIPv4Tail: false),
                  let tail = groups(Substring(halves[1]), allowIPv4Tail: true),
                  head.count + tail.count <= 7 else { return nil }
            return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        default:
            return nil
        }
    }

    static func problem(_ field: String, _ vietnamese: String, _ english: String) -> MonitorValidationError {
        MonitorValidationError(field: field, vietnamese: vietnamese, english: english)
    }
}
