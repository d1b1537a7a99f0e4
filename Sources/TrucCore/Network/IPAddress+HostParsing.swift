import Foundation

extension IPAddress {
    /// What the host of a URL (or a host typed for a monitor) stands for.
    public enum HostForm: Sendable, Equatable {
        /// An IP address, in any form a URL parser or `inet_aton` reads as one.
        case address(IPAddress)
        /// A domain name: lower-cased, without brackets or the final dot.
        case name(String)
        /// Not usable: empty, non-ASCII (internationalised names must be in punycode), percent-encoded, a zone
        /// identifier, or a host that ends in a number but is no valid IPv4 address ("1.2.3.4.5", "256.1.1.1").
        case malformed
    }

    /// Reads a host as connecting code would: brackets mean IPv6; a host whose last label is a number (decimal, or
    /// hexadecimal after "0x") is an IPv4 address in the WHATWG URL / `inet_aton` sense, where each of 1–4 parts may be
    /// decimal, octal (leading 0) or hexadecimal (0x) and the last part fills the remaining bytes:
    /// "2130706433", "0x7f000001", "0177.0.0.1", "0x7f.1", "127.1" and "127.0.0.1." are all 127.0.0.1.
    /// Anything else is a name. This is what stops "http://2130706433/" slipping past a check that only knows
    /// dotted quads.
    public static func parseHost(_ text: String) -> HostForm {
        var host = Substring(text)
        guard !host.isEmpty, host.count <= 255, host.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7f }),
              !host.contains("%") else { return .malformed }
        if host.hasPrefix("[") {
            guard host.hasSuffix("]") else { return .malformed }
            host = host.dropFirst().dropLast()
            return IPAddressFormat.parseIPv6(String(host)).flatMap { IPAddress(bytes: $0) }.map(HostForm.address) ?? .malformed
        }
        if host.contains(":") {
            return IPAddressFormat.parseIPv6(String(host)).flatMap { IPAddress(bytes: $0) }.map(HostForm.address) ?? .malformed
        }
        var parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        guard let last = parts.last, !last.isEmpty else { return .malformed }
        guard endsInNumber(last) else {
            let name = (host.hasSuffix(".") ? host.dropLast() : host).lowercased()
            return name.isEmpty || name.hasPrefix(".") || name.contains("..") ? .malformed : .name(name)
        }
        guard parts.count <= 4 else { return .malformed }
        var numbers: [UInt64] = []
        for part in parts {
            guard let value = number(part) else { return .malformed }
            numbers.append(value)
        }
        for value in numbers.dropLast() where value > 255 { return .malformed }
        let lastLimit = UInt64(1) << (8 * UInt64(5 - numbers.count))
        guard numbers[numbers.count - 1] < lastLimit else { return .malformed }
        var address = numbers[numbers.count - 1]
        for (index, value) in numbers.dropLast().enumerated() {
            address += value << (8 * UInt64(3 - index))
        }
        return .address(IPAddress(ipv4: UInt32(address)))
    }

    /// WHATWG "ends in a number": all decimal digits, or "0x"/"0X" followed by hexadecimal digits (or nothing).
    private static func endsInNumber(_ label: Substring) -> Bool {
        if label.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        let lower = label.lowercased()
        return lower.hasPrefix("0x") && lower.dropFirst(2).allSatisfy { $0.isASCII && $0.isHexDigit }
    }

    /// One part of a loose IPv4 address: "0x…" hexadecimal, "0…" octal, else decimal; "0x" alone is 0.
    /// nil when a digit does not fit the base or the value exceeds 32 bits.
    private static func number(_ part: Substring) -> UInt64? {
        guard !part.isEmpty else { return nil }
        var digits = part
        var radix = 10
        if digits.count >= 2, digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            digits = digits.dropFirst(2)
            radix = 16
        } else if digits.count >= 2, digits.hasPrefix("0") {
            digits = digits.dropFirst()
            radix = 8
        }
        if digits.isEmpty { return 0 }
        guard digits.allSatisfy({ $0.isASCII && ($0.hexDigitValue.map { $0 < radix } ?? false) }) else { return nil }
        // Leading zeros cannot overflow; drop them before the length check.
        let significant = digits.drop { $0 == "0" }
        if significant.isEmpty { return 0 }
        guard significant.count <= 12, let value = UInt64(significant, radix: radix), value <= UInt64(UInt32.max) else { return nil }
        return value
    }
}
