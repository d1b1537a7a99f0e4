import Foundation

extension Observable {
    /// The URL schemes accepted.
    public static let urlSchemes: Set<String> = ["http", "https", "ftp"]

    /// The normal form of `text` as a value of `kind` (see the type's documentation).
    public static func normalized(_ text: String, as kind: ObservableKind) throws(ObservableError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty(kind) }
        switch kind {
        case .ipv4:
            guard HostPort.isIPv4(trimmed) else { throw .invalid(kind, value: trimmed) }
            return trimmed
        case .ipv6:
            var address = Substring(trimmed)
            if address.hasPrefix("["), address.hasSuffix("]") { address = address.dropFirst().dropLast() }
            guard let canonical = HostPort.normalizedIPv6(String(address)) else { throw .invalid(kind, value: trimmed) }
            return canonical
        case .domain:
            return try normalizedDomain(trimmed, reportedAs: kind, original: trimmed)
        case .url:
            return try normalizedURL(trimmed)
        case .email:
            return try normalizedEmail(trimmed)
        case .md5, .sha1, .sha256:
            let hash = trimmed.lowercased()
            guard hash.count == kind.hashLength, hash.unicodeScalars.allSatisfy(Self.isLowerHexDigit) else {
                throw .invalid(kind, value: trimmed)
            }
            return hash
        case .cve:
            let identifier = trimmed.uppercased()
            guard isCVEIdentifier(identifier) else { throw .invalid(kind, value: trimmed) }
            return identifier
        }
    }

    /// Whether `text` is "CVE-" followed by four digits, a hyphen and four to nineteen digits (upper-case only).
    static func isCVEIdentifier(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 13, scalars.count <= 28, String(String.UnicodeScalarView(scalars[0..<4])) == "CVE-",
              scalars[8] == "-" else { return false }
        return scalars[4..<8].allSatisfy(isDigit) && scalars[9...].allSatisfy(isDigit)
    }

    /// A domain name in normal form: `HostPort`'s rules (ASCII, lower case, no final dot, labels of at most 63
    /// characters without a leading or trailing hyphen) plus at least two labels and a top-level label that is
    /// letters only (two or more) or punycode ("xn--…"). Errors are reported as `kind`, quoting `original`.
    static func normalizedDomain(_ text: String, reportedAs kind: ObservableKind,
                                 original: String) throws(ObservableError) -> String {
        guard text.unicodeScalars.allSatisfy(\.isASCII) else { throw .nonASCIIHost(kind, value: original) }
        let name: String
        do {
            name = try HostPort.normalizedDomainName(text, field: "value")
        } catch {
            throw .invalid(kind, value: original)
        }
        let labels = name.split(separator: ".")
        guard labels.count >= 2, let top = labels.last,
              (top.count >= 2 && top.unicodeScalars.allSatisfy(isLowerLetter))
                || (top.hasPrefix("xn--") && top.count > 4) else {
            throw .invalid(kind, value: original)
        }
        return name
    }

    /// A URL in normal form: scheme and host lower-cased, the host checked (domain name, IPv4, or IPv6 in brackets,
    /// the latter rewritten in RFC 5952 form), the port checked; the rest kept as written except that characters
    /// that RFC 3986 does not allow there (letters outside ASCII, `{`, `|`, …) are percent-encoded. Whitespace,
    /// control characters, `"`, `<`, `>` and `\` are refused anywhere.
    static func normalizedURL(_ text: String) throws(ObservableError) -> String {
        guard let separator = text.range(of: "://") else { throw .invalid(.url, value: text) }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard !scheme.isEmpty, scheme.unicodeScalars.allSatisfy({ isLowerLetter($0) || isDigit($0) || "+-.".unicodeScalars.contains($0) }),
              scheme.unicodeScalars.first.map(isLowerLetter) == true else {
            throw .invalid(.url, value: text)
        }
        guard urlSchemes.contains(scheme) else { throw .unsupportedScheme(value: text, scheme: scheme) }
        guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F
                                                    || "\"<>\\".unicodeScalars.contains($0) }) else {
            throw .invalid(.url, value: text)
        }
        let afterScheme = text[separator.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        let rest = afterScheme[authorityEnd...]

        var userInfo = ""
        var hostAndPort = authority
        if let at = authority.lastIndex(of: "@") {
            userInfo = String(authority[...at])
            hostAndPort = authority[authority.index(after: at)...]
        }
        var hostText: Substring
        var portText: Substring?
        var host: String
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { throw .invalid(.url, value: text) }
            hostText = hostAndPort[hostAndPort.index(after: hostAndPort.startIndex)..<close]
            let after = hostAndPort[hostAndPort.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else { throw .invalid(.url, value: text) }
                portText = after.dropFirst()
            }
            guard let v6 = HostPort.normalizedIPv6(String(hostText)) else { throw .invalid(.url, value: text) }
            host = "[\(v6)]"
        } else {
            if let colon = hostAndPort.lastIndex(of: ":") {
                hostText = hostAndPort[..<colon]
                portText = hostAndPort[hostAndPort.index(after: colon)...]
            } else {
                hostText = hostAndPort
            }
            guard !hostText.isEmpty else { throw .invalid(.url, value: text) }
            guard hostText.unicodeScalars.allSatisfy(\.isASCII) else { throw .nonASCIIHost(.url, value: text) }
            do {
                host = try HostPort.normalizedHost(String(hostText), field: "value")
            } catch {
                throw .invalid(.url, value: text)
            }
        }
        var port = ""
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.unicodeScalars.allSatisfy(isDigit),
                  let number = Int(portText), HostPort.portRange.contains(number) else {
                throw .invalid(.url, value: text)
            }
            port = ":\(number)"
        }
        return "\(scheme)://\(percentEncoded(userInfo, isUserInfo: true))\(host)\(port)\(percentEncoded(String(rest), isUserInfo: false))"
    }

    /// Characters kept as they are in the user information, path, query and fragment of a URL: RFC 3986's
    /// unreserved and sub-delims characters, ":", "@", "/", "?" and "%" (the latter only before two hexadecimal
    /// digits).
    private static let uriCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?%".unicodeScalars)

    /// `text` with every other character percent-encoded as its UTF-8 bytes (upper-case hexadecimal), as RFC 3987
    /// §3.1 maps an IRI to a URI: "/tải-về" becomes "/t%E1%BA%A3i-v%E1%BB%81". The first "#" stays (it starts the
    /// fragment), later ones are encoded.
    static func percentEncoded(_ text: String, isUserInfo: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = ""
        var sawFragment = isUserInfo
        for (index, scalar) in scalars.enumerated() {
            if scalar == "#", !sawFragment {
                sawFragment = true
                output.unicodeScalars.append(scalar)
                continue
            }
            if scalar == "%" {
                let isEscape = index + 2 < scalars.count && scalars[index + 1].properties.isASCIIHexDigit
                    && scalars[index + 2].properties.isASCIIHexDigit
                if isEscape {
                    output.unicodeScalars.append(scalar)
                    continue
                }
            } else if uriCharacters.contains(scalar) {
                output.unicodeScalars.append(scalar)
                continue
            }
            for byte in String(scalar).utf8 {
                output += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return output
    }

    /// An e-mail address in normal form: a dot-atom local part (RFC 5322 atext characters, no leading, trailing or
    /// doubled dot, at most 64 characters) kept as written, and the domain normalised as a domain name.
    static func normalizedEmail(_ text: String) throws(ObservableError) -> String {
        guard let at = text.lastIndex(of: "@") else { throw .invalid(.email, value: text) }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        guard !local.isEmpty, local.count <= 64, local.first != ".", local.last != ".", !local.contains(".."),
              local.unicodeScalars.allSatisfy(isAtext) else {
            throw .invalid(.email, value: text)
        }
        let name = try normalizedDomain(String(domain), reportedAs: .email, original: text)
        return "\(local)@\(name)"
    }

    /// RFC 5322 `atext` plus the dot.
    static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        isLowerLetter(scalar) || ("A"..."Z").contains(scalar) || isDigit(scalar)
            || "!#$%&'*+-/=?^_`{|}~.".unicodeScalars.contains(scalar)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
    static func isLowerLetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) }
    static func isLowerHexDigit(_ scalar: Unicode.Scalar) -> Bool { isDigit(scalar) || ("a"..."f").contains(scalar) }
}
