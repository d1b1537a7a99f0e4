import Foundation

/// The question section entry of a DNS message (RFC 1035 §4.1.2).
public struct DNSQuestion: Sendable, Equatable, Hashable {
    /// The queried name, lower-cased, without the final dot ("." for the root).
    public var name: String
    /// The QTYPE code.
    public var typeCode: UInt16
    /// The QCLASS code (1 = IN).
    public var classCode: UInt16

    public init(name: String, typeCode: UInt16, classCode: UInt16 = 1) {
        self.name = name
        self.typeCode = typeCode
        self.classCode = classCode
    }

    /// The QTYPE as a known record type, or `nil` for types this module does not model.
    public var type: DNSRecordType? { DNSRecordType(code: typeCode) }
}
