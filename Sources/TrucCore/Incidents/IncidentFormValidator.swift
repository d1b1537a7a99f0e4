import Foundation

/// Collects the problems of an incident form field by field and returns the normalised values; shared by the
/// initial report, the final report and tasks. Labels are given in lower case ("tên người liên hệ", "the contact
/// name") and capitalised where a sentence starts with them.
struct IncidentFormValidator {
    /// The clock skew allowed between the reporter's and the server's clocks: 5 minutes.
    static let clockSkew: TimeInterval = 300
    /// The earliest acceptable incident time: 2000-01-01 00:00:00 UTC.
    static let earliestDate = Date(timeIntervalSince1970: 946_684_800)

    private(set) var problems: [IncidentValidationError.Problem] = []

    mutating func add(_ field: String, _ vietnamese: String, _ english: String) {
        problems.append(.init(field: field, vietnamese: vietnamese, english: english))
    }

    /// Throws the collected problems, if any.
    func check() throws(IncidentValidationError) {
        if !problems.isEmpty { throw IncidentValidationError(problems: problems) }
    }

    // MARK: Text

    /// One line: other control and format characters removed, every run of whitespace (line breaks included) made
    /// one space, trimmed, NFC.
    static func singleLine(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if isInvisible(scalar) { continue }
            if pendingSpace { result.unicodeScalars.append(" ") }
            pendingSpace = false
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// Several lines: CR LF and CR made LF, tabs kept, other control and format characters removed, trailing spaces
    /// of each line, blank lines at both ends and the indentation of the first line removed, NFC.
    static func multiline(_ text: String) -> String {
        let unified = text.precomposedStringWithCanonicalMapping
            .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var cleaned = String.UnicodeScalarView()
        for scalar in unified.unicodeScalars where scalar == "\n" || scalar == "\t" || !isInvisible(scalar) {
            cleaned.append(scalar)
        }
        let lines = String(cleaned).split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var line = Substring(line)
            while let last = line.last, last.isWhitespace { line.removeLast() }
            return line
        }
        var start = 0, end = lines.count
        while start < end, lines[start].allSatisfy(\.isWhitespace) { start += 1 }
        while end > start, lines[end - 1].allSatisfy(\.isWhitespace) { end -= 1 }
        var kept = Array(lines[start..<end])
        if let first = kept.first { kept[0] = first.drop(while: \.isWhitespace) }
        return kept.joined(separator: "\n")
    }

    /// Control (Cc), format (Cf: bidirectional overrides, zero-width characters), line and paragraph separators and
    /// unassigned or private-use scalars.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate: true
        default: false
        }
    }

    static func capitalized(_ label: String) -> String {
        label.prefix(1).uppercased() + label.dropFirst()
    }

    /// A required text: normalised, non-empty, at most `limit` characters.
    mutating func required(_ text: String, field: String, vietnamese: String, english: String, limit: Int,
                           multiline isMultiline: Bool = false) -> String {
        let value = isMultiline ? Self.multiline(text) : Self.singleLine(text)
        if value.isEmpty {
            add(field, "Chưa nhập \(vietnamese).", "\(Self.capitalized(english)) is required.")
        } else {
            checkLength(value, field: field, vietnamese: vietnamese, english: english, limit: limit)
        }
        return value
    }

    /// An optional text: normalised, blank becomes `nil`, at most `limit` characters.
    mutating func optional(_ text: String?, field: String, vietnamese: String, english: String, limit: Int,
                           multiline isMultiline: Bool = false) -> String? {
        guard let text else { return nil }
        let value = isMultiline ? Self.multiline(text) : Self.singleLine(text)
        guard !value.isEmpty else { return nil }
        checkLength(value, field: field, vietnamese: vietnamese, english: english, limit: limit)
        return value
    }

    /// Lengths count Unicode scalars (`TextLimit`), so stacked combining marks cannot hide a long text.
    mutating func checkLength(_ value: String, field: String, vietnamese: String, english: String, limit: Int) {
        guard !TextLimit.fits(value, limit) else { return }
        let length = TextLimit.length(value)
        add(field, "\(Self.capitalized(vietnamese)) dài \(length) ký tự; tối đa \(limit) ký tự.",
            "\(Self.capitalized(english)) is \(length) characters long; at most \(limit) are allowed.")
    }

    /// Whether a text to be quoted in a message is within `limit`; reports it as too long otherwise.
    private mutating func fits(_ value: String, field: String, vietnamese: String, english: String, limit: Int) -> Bool {
        guard TextLimit.fits(value, limit) else {
            checkLength(value, field: field, vietnamese: vietnamese, english: english, limit: limit)
            return false
        }
        return true
    }

    /// A list of `count` entries is refused outright when it is far over `maxEntries` (before any entry is looked at,
    /// so a huge list costs nothing and is not echoed entry by entry).
    private mutating func withinEntryBudget(_ count: Int, field: String, maxEntries: Int, vietnamese: String,
                                            english: String) -> Bool {
        guard count > maxEntries * 2 else { return true }
        checkCount(count, field: field, maxEntries: maxEntries, vietnamese: vietnamese, english: english)
        return false
    }

    // MARK: Contacts

    /// A required e-mail address `local@domain`: local part of 1…64 ASCII characters (letters, digits and
    /// !#$%&'*+/=?^_`{|}~.- without leading, trailing or doubled dots), a domain name of at least two labels
    /// (punycode for internationalised names), at most 254 characters. Returned with the domain in lower case.
    mutating func email(_ text: String, field: String, vietnamese: String, english: String) -> String {
        let value = Self.singleLine(text)
        guard !value.isEmpty else {
            add(field, "Chưa nhập \(vietnamese).", "\(Self.capitalized(english)) is required.")
            return value
        }
        guard fits(value, field: field, vietnamese: vietnamese, english: english, limit: TextLimit.email) else { return value }
        if let normalized = Self.normalizedEmail(value) { return normalized }
        add(field, "Địa chỉ thư điện tử \"\(value)\" không hợp lệ; nhập theo dạng ten@donvi.gov.vn.",
            "The e-mail address \"\(value)\" is invalid; write it as name@agency.gov.vn.")
        return value
    }

    static func normalizedEmail(_ value: String) -> String? {
        guard value.count <= 254 else { return nil }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let local = parts[0], domainText = String(parts[1])
        let atext = Set("!#$%&'*+-/=?^_`{|}~.")
        guard (1...64).contains(local.count),
              local.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || atext.contains($0)) }),
              local.first != ".", local.last != ".", !local.contains("..") else { return nil }
        guard !domainText.hasSuffix("."),
              let domain = try? HostPort.normalizedDomainName(domainText, field: "email"),
              domain.contains("."), HostPort.isIPv4(domain) == false,
              let tld = domain.split(separator: ".").last, !tld.allSatisfy(\.isNumber) else { return nil }
        return "\(local)@\(domain)"
    }

    /// A required Vietnamese telephone number. Spaces, dots, hyphens and parentheses may separate the digits.
    /// Accepted: 10 digits starting with 0 (mobile numbers and the newer fixed numbers), 11 digits starting with 02
    /// (fixed lines: area code 02x/02xx and the subscriber number), or the same after +84 instead of the leading 0.
    /// Returned without separators ("0912345678", "+84912345678").
    mutating func phone(_ text: String, field: String, vietnamese: String, english: String) -> String {
        let value = Self.singleLine(text)
        guard !value.isEmpty else {
            add(field, "Chưa nhập \(vietnamese).", "\(Self.capitalized(english)) is required.")
            return value
        }
        guard fits(value, field: field, vietnamese: vietnamese, english: english, limit: TextLimit.phone) else { return value }
        if let normalized = Self.normalizedPhone(value) { return normalized }
        add(field, "Số điện thoại \"\(value)\" không hợp lệ; nhập 10 chữ số bắt đầu bằng 0 (ví dụ 0912 345 678), "
                + "số cố định 11 chữ số bắt đầu bằng 02, hoặc dạng +84 ….",
            "The telephone number \"\(value)\" is invalid; write 10 digits starting with 0 (e.g. 0912 345 678), "
                + "an 11-digit fixed line starting with 02, or the +84 … form.")
        return value
    }

    static func normalizedPhone(_ value: String) -> String? {
        var text = Substring(value)
        var international = false
        if text.hasPrefix("+84") {
            international = true
            text = text.dropFirst(3)
        }
        var digits = ""
        for character in text {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else if !" .-()".contains(character) {
                return nil
            }
        }
        let national = international ? "0" + digits : digits
        guard national.first == "0", national.dropFirst().first != "0" else { return nil }
        let valid = national.count == 10 || (national.count == 11 && national.hasPrefix("02"))
        guard valid else { return nil }
        return international ? "+84" + national.dropFirst() : national
    }

    // MARK: Network

    /// Domain names: blank entries skipped, each normalised (lower case, no final dot), duplicates removed; every
    /// bad entry reported on its own. At most `maxEntries`.
    mutating func domains(_ entries: [String], field: String, maxEntries: Int) -> [String] {
        guard withinEntryBudget(entries.count, field: field, maxEntries: maxEntries, vietnamese: "tên miền",
                                english: "domain names") else { return [] }
        var result: [String] = []
        for entry in entries.map(Self.singleLine) where !entry.isEmpty {
            guard fits(entry, field: field, vietnamese: "tên miền", english: "the domain name", limit: TextLimit.host) else { continue }
            if IPAddressFormat.parseIPv4(entry) != nil || IPAddressFormat.parseIPv6(entry) != nil {
                add(field, "\"\(entry)\" là địa chỉ IP, không phải tên miền; hãy nhập vào mục địa chỉ IP.",
                    "\"\(entry)\" is an IP address, not a domain name; enter it among the IP addresses.")
                continue
            }
            if entry.contains("/") || entry.contains(":") {
                add(field, "\"\(entry)\" không phải là tên miền; chỉ nhập tên miền, ví dụ congthongtin.example.gov.vn "
                        + "(không kèm https://, cổng hay đường dẫn).",
                    "\"\(entry)\" is not a domain name; enter the name only, e.g. portal.example.gov.vn "
                        + "(no https://, port or path).")
                continue
            }
            do throws(MonitorValidationError) {
                let name = try HostPort.normalizedDomainName(entry, field: field)
                let labels = name.split(separator: ".")
                guard labels.count >= 2, let tld = labels.last, !tld.allSatisfy(\.isNumber) else {
                    add(field, "Tên miền \"\(entry)\" không hợp lệ: cần ít nhất hai nhãn và phần cuối không phải là số, "
                            + "ví dụ example.gov.vn.",
                        "The domain name \"\(entry)\" is invalid: it needs at least two labels and a non-numeric last "
                            + "label, e.g. example.gov.vn.")
                    continue
                }
                if !result.contains(name) { result.append(name) }
            } catch {
                let reason = error.problems.first
                add(field, "Tên miền \"\(entry)\" không hợp lệ: \(Self.lowercasedFirst(reason?.vietnamese ?? ""))",
                    "The domain name \"\(entry)\" is invalid: \(Self.lowercasedFirst(reason?.english ?? ""))")
            }
        }
        checkCount(result.count, field: field, maxEntries: maxEntries, vietnamese: "tên miền", english: "domain names")
        return result
    }

    /// IP addresses: blank entries skipped, IPv4 dotted quads or IPv6 (normalised to RFC 5952), duplicates removed;
    /// with `publicOnly`, internal addresses (`IPAddressFormat.isInternal`) are refused. Every bad entry is
    /// reported on its own. At most `maxEntries`.
    mutating func ipAddresses(_ entries: [String], field: String, publicOnly: Bool, maxEntries: Int) -> [String] {
        guard withinEntryBudget(entries.count, field: field, maxEntries: maxEntries, vietnamese: "địa chỉ IP",
                                english: "IP addresses") else { return [] }
        var result: [String] = []
        for entry in entries.map(Self.singleLine) where !entry.isEmpty {
            guard fits(entry, field: field, vietnamese: "địa chỉ IP", english: "the IP address", limit: TextLimit.host) else { continue }
            let normalized: String? = HostPort.isIPv4(entry) ? entry : HostPort.normalizedIPv6(entry)
            guard let address = normalized else {
                add(field, "\"\(entry)\" không phải là địa chỉ IPv4 hoặc IPv6 hợp lệ.",
                    "\"\(entry)\" is not a valid IPv4 or IPv6 address.")
                continue
            }
            if publicOnly, IPAddressFormat.isInternal(address) == true {
                add(field, "\"\(entry)\" là địa chỉ nội bộ hoặc dành riêng; mục này chỉ liệt kê địa chỉ IP sử dụng "
                        + "trên Internet.",
                    "\"\(entry)\" is an internal or reserved address; list only addresses used on the Internet here.")
                continue
            }
            if !result.contains(address) { result.append(address) }
        }
        checkCount(result.count, field: field, maxEntries: maxEntries, vietnamese: "địa chỉ IP",
                   english: "IP addresses")
        return result
    }

    mutating func checkCount(_ count: Int, field: String, maxEntries: Int, vietnamese: String,
                                     english: String) {
        guard count > maxEntries else { return }
        add(field, "Có \(count) \(vietnamese); tối đa \(maxEntries).",
            "There are \(count) \(english); at most \(maxEntries) are allowed.")
    }

    static func lowercasedFirst(_ text: String) -> String {
        text.prefix(1).lowercased() + text.dropFirst()
    }

    // MARK: Times

    /// Not after `now` plus the clock skew, and not before 2000.
    mutating func pastInstant(_ date: Date, field: String, vietnamese: String, english: String, now: Date) {
        if date > now.addingTimeInterval(Self.clockSkew) {
            add(field, "\(Self.capitalized(vietnamese)) ở tương lai.", "\(Self.capitalized(english)) is in the future.")
        } else if date < Self.earliestDate {
            add(field, "\(Self.capitalized(vietnamese)) trước năm 2000; hãy kiểm tra lại.",
                "\(Self.capitalized(english)) is before 2000; please check it.")
        }
    }
}
