import Foundation

/// A mailbox: an optional display name and an `local@domain` address.
public struct MailAddress: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The display name ("Nguyễn Văn An"), any Unicode; `nil` when absent.
    public var name: String?
    /// The addr-spec, `local@domain`.
    public var address: String

    /// Stores a mailbox as given (an empty or blank name becomes `nil`). Nothing is checked here:
    /// call `validate()` (as `init(parsing:)`, `MailMessage.validate()` and `SMTPClient.send` do).
    public init(name: String? = nil, address: String) {
        let trimmedName = name?.trimmingCharacters(in: .whitespaces)
        self.name = (trimmedName?.isEmpty ?? true) ? nil : trimmedName
        self.address = address
    }

    /// Checks the mailbox.
    /// - Throws: `.headerInjection` if the name or address has CR/LF, `.invalidAddress` for a malformed address.
    public func validate() throws(MailError) {
        if let name, name.containsLineBreak { throw .headerInjection(field: "display name") }
        if address.containsLineBreak { throw .headerInjection(field: "address") }
        guard Self.isValidAddress(address) else { throw .invalidAddress(address) }
    }

    /// Parses `Name <local@domain>`, `"Name, Quoted" <local@domain>`, `<local@domain>` or `local@domain`.
    public init(parsing text: String) throws(MailError) {
        if text.containsLineBreak {
            throw .headerInjection(field: "address")
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(">") {
            guard let open = trimmed.lastIndex(of: "<") else { throw .invalidAddress(text) }
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\"") {
                guard name.count >= 2, name.hasSuffix("\"") else { throw .invalidAddress(text) }
                var unescaped = ""
                var escaping = false
                for character in name.dropFirst().dropLast() {
                    if escaping {
                        unescaped.append(character)
                        escaping = false
                    } else if character == "\\" {
                        escaping = true
                    } else if character == "\"" {
                        throw .invalidAddress(text)
                    } else {
                        unescaped.append(character)
                    }
                }
                guard !escaping else { throw .invalidAddress(text) }
                name = unescaped
            } else if name.contains(where: { "<>\"".contains($0) }) {
                throw .invalidAddress(text)
            }
            self.init(name: name.isEmpty ? nil : name, address: address)
        } else {
            self.init(name: nil, address: trimmed)
        }
        try validate()
    }

    /// The header form: `address`, `Name <address>`, `"Name, Inc." <address>`, or RFC 2047
    /// encoded-words for a non-ASCII name.
    public var description: String { headerText(firstLineBudget: 75).joined(separator: " ") }

    /// Header form split into pieces that may each go on their own folded line.
    func headerText(firstLineBudget: Int) -> [String] {
        // Defence in depth for unvalidated values: a line break can never reach the header.
        let address = self.address.withoutLineBreaks
        guard let name = self.name?.withoutLineBreaks else { return [address] }
        let angle = "<\(address)>"
        if name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) {
            let atomSpecials = Set("()<>[]:;@\\,.\"")
            if name.contains(where: { atomSpecials.contains($0) }) {
                let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                return ["\"\(escaped)\"", angle]
            }
            return [name, angle]
        }
        return RFC2047.encodedWords(name, firstWordMaxLength: firstLineBudget) + [angle]
    }

    /// `local@domain` check: ASCII dot-atom local part of at most 64 bytes; domain of LDH labels
    /// (no leading/trailing hyphen, at most 63 bytes each) or an address literal `[192.0.2.1]` /
    /// `[IPv6:2001:db8::1]`; at most 254 bytes in all.
    public static func isValidAddress(_ address: String) -> Bool {
        guard address.utf8.count <= 254, let at = address.lastIndex(of: "@") else { return false }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        guard !local.isEmpty, local.utf8.count <= 64, !domain.isEmpty else { return false }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
        for atom in local.split(separator: ".", omittingEmptySubsequences: false) {
            guard !atom.isEmpty, atom.allSatisfy({ atext.contains($0) }) else { return false }
        }
        if domain.hasPrefix("[") && domain.hasSuffix("]") {
            let literal = String(domain.dropFirst().dropLast())
            if literal.lowercased().hasPrefix("ipv6:") {
                return IPAddressFormat.parseIPv6(String(literal.dropFirst(5))) != nil
            }
            return IPAddressFormat.parseIPv4(literal) != nil
        }
        let ldh = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        for label in domain.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty, label.utf8.count <= 63, label.allSatisfy({ ldh.contains($0) }),
                  label.first != "-", label.last != "-" else { return false }
        }
        return true
    }
}
