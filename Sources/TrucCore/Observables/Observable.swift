import Foundation

/// One observable of an incident: a kind and a value in its normalised form, so that the same indicator written in
/// two ways ("2001:DB8:0::1" and "2001:db8::1", "Evil.Example." and "evil.example") is one observable, compares
/// equal and correlates across incidents.
///
/// Normal forms:
/// - IPv4: dotted quad without leading zeros ("203.0.113.7"); IPv6: RFC 5952 ("2001:db8::1").
/// - Domain names: lower-case ASCII, no final dot, at least two labels, a top-level label of letters (two or more)
///   or punycode ("xn--…"); internationalised names only in their punycode form.
/// - URLs (http, https, ftp): scheme and host lower-cased, an IPv6 host in RFC 5952 form in brackets; user
///   information, port, path, query and fragment kept as written, except that characters a URI may not hold
///   there (Vietnamese letters of an IRI, `{`, `|`, a second `#`, …) are percent-encoded as UTF-8, so that
///   every value is an RFC 3986 URI as STIX requires.
/// - E-mail addresses: the domain part normalised as a domain name, the local part kept as written.
/// - Hashes: lower-case hexadecimal of the right length (32, 40, 64).
/// - CVE identifiers: upper-case "CVE-YYYY-NNNN…".
public struct Observable: Sendable, Hashable {
    /// What the value is.
    public let kind: ObservableKind
    /// The normalised value.
    public let value: String

    /// Validates `value` as an observable of `kind` and normalises it (surrounding whitespace is ignored).
    public init(kind: ObservableKind, value: String) throws(ObservableError) {
        self.kind = kind
        self.value = try Self.normalized(value, as: kind)
    }

    /// An observable whose value is already normalised (no validation).
    init(kind: ObservableKind, normalizedValue: String) {
        self.kind = kind
        self.value = normalizedValue
    }
}
