import Foundation

/// Everything that can go wrong while encoding, decoding or exchanging a DNS message.
public enum DNSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name cannot be sent as a query (empty label, label over 63 bytes, name over 255 bytes, non-ASCII).
    case invalidName(String)
    /// The message ended before a field that had to be there.
    case truncatedMessage
    /// A compression pointer points outside the message, forward, or into a loop.
    case badPointer(offset: Int)
    /// A decoded name is longer than the 255 bytes RFC 1035 allows.
    case nameTooLong
    /// The message has the QR bit clear (it is a query, not a response) or the wrong opcode.
    case notAResponse
    /// The message is not a query the stub server can answer (QR set, no question).
    case malformedQuery
    /// The response's ID is not the one the query carried.
    case idMismatch(expected: UInt16, received: UInt16)
    /// The response's question is not the question that was asked.
    case questionMismatch
    /// A record's data does not fit its type (for example an A record whose RDLENGTH is not 4).
    case malformedRecord(type: String)
    /// A record's text value cannot be written in wire format (used when building responses).
    case invalidRecordValue(type: String, value: String)
    /// The server answered with a non-zero RCODE.
    case serverFailure(rcode: Int)
    /// The server set the TC bit: the answer did not fit in the UDP datagram.
    case responseTruncated
    /// No valid answer arrived within the allowed time.
    case timeout
    /// No nameserver was given and none could be found in resolv.conf.
    case noNameserver
    /// The nameserver address is not an IP literal with an optional port.
    case invalidServerAddress(String)
    /// A socket-level failure (bind, send).
    case network(String)

    /// The conventional mnemonic for an RCODE (RFC 1035 §4.1.1, RFC 6895), or `nil` if it has none here.
    public static func rcodeName(_ rcode: Int) -> String? {
        switch rcode {
        case 0: "NOERROR"
        case 1: "FORMERR"
        case 2: "SERVFAIL"
        case 3: "NXDOMAIN"
        case 4: "NOTIMP"
        case 5: "REFUSED"
        case 6: "YXDOMAIN"
        case 7: "YXRRSET"
        case 8: "NXRRSET"
        case 9: "NOTAUTH"
        case 10: "NOTZONE"
        default: nil
        }
    }

    /// A short English explanation of an RCODE.
    public static func rcodeMeaning(_ rcode: Int) -> String {
        switch rcode {
        case 0: "no error"
        case 1: "format error"
        case 2: "server failure"
        case 3: "name does not exist"
        case 4: "not implemented"
        case 5: "query refused"
        case 6: "name exists when it should not"
        case 7: "RR set exists when it should not"
        case 8: "RR set that should exist does not"
        case 9: "server not authoritative for zone"
        case 10: "name not contained in zone"
        default: "unknown response code"
        }
    }

    /// `true` for NXDOMAIN: the name definitely does not exist (as opposed to a failure to find out).
    public var isNameNotFound: Bool {
        if case .serverFailure(rcode: 3) = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .invalidName(let name): "invalid DNS name \"\(name)\""
        case .truncatedMessage: "DNS message is truncated"
        case .badPointer(let offset): "bad DNS name compression pointer at offset \(offset)"
        case .nameTooLong: "DNS name is longer than 255 bytes"
        case .notAResponse: "DNS message is not a response"
        case .malformedQuery: "DNS message is not a well-formed query"
        case .idMismatch(let expected, let received):
            "DNS response ID \(received) does not match query ID \(expected)"
        case .questionMismatch: "DNS response question does not match the query"
        case .malformedRecord(let type): "malformed \(type) record in DNS response"
        case .invalidRecordValue(let type, let value): "cannot encode \(type) record value \"\(value)\""
        case .serverFailure(let rcode):
            if let name = Self.rcodeName(rcode) {
                "DNS server answered \(name) (\(Self.rcodeMeaning(rcode)))"
            } else {
                "DNS server answered RCODE \(rcode) (\(Self.rcodeMeaning(rcode)))"
            }
        case .responseTruncated: "DNS response was truncated (TC bit set)"
        case .timeout: "DNS query timed out"
        case .noNameserver: "no DNS nameserver configured"
        case .invalidServerAddress(let address): "invalid DNS server address \"\(address)\""
        case .network(let message): "DNS network error: \(message)"
        }
    }
}
