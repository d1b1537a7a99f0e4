import Foundation

/// One answer record, with its data as normalised text:
/// A "192.0.2.1"; AAAA RFC 5952 form "2001:db8::1"; CNAME/NS lower-case name without the final dot;
/// MX "10 mail.example.org"; TXT the character-strings concatenated.
public struct DNSRecord: Sendable, Equatable, Hashable {
    public var name: String
    public var type: DNSRecordType
    public var ttl: UInt32
    public var value: String

    public init(name: String, type: DNSRecordType, ttl: UInt32, value: String) {
        self.name = name
        self.type = type
        self.ttl = ttl
        self.value = value
    }
}
