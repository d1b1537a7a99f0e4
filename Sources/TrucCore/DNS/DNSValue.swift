import Foundation

/// Normalisation of DNS record data as text, so that a value a user expects compares with `DNSRecord.value`
/// regardless of case, surrounding spaces, a final dot or the spelling of an IPv6 address.
enum DNSValue {
    /// The value trimmed and lower-cased, with runs of spaces made single; for every type but TXT without a final
    /// dot; IPv6 addresses (AAAA) in RFC 5952 form.
    static func normalized(_ value: String, type: DNSRecordType) -> String {
        var text = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if type == .aaaa, let v6 = HostPort.normalizedIPv6(text) { return v6 }
        if type != .txt {
            text = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
