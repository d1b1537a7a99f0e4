import Foundation

/// Why a mail address or message was refused while being built.
public enum MailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not an address this module accepts (`local@domain`, ASCII dot-atom local part,
    /// hostname or address-literal domain).
    case invalidAddress(String)
    /// A header field (named) carries CR or LF, which would let it inject further header lines.
    /// The offending value is deliberately not repeated.
    case headerInjection(field: String)
    /// A custom header name is not printable ASCII without ":" and spaces.
    case invalidHeaderName(String)
    /// A custom header would duplicate one the message writes itself (From, To, Subject, Date, …).
    case reservedHeader(String)
    /// The Message-ID is not `<left@right>`-shaped.
    case invalidMessageID(String)
    /// The message has no recipient.
    case noRecipients

    public var description: String {
        switch self {
        case .invalidAddress(let text): "invalid mail address \"\(text)\""
        case .headerInjection(let field): "line break in mail header field \(field) refused"
        case .invalidHeaderName(let name): "invalid mail header name \"\(name)\""
        case .reservedHeader(let name): "mail header \(name) is set by the message itself"
        case .invalidMessageID(let id): "invalid Message-ID \"\(id)\""
        case .noRecipients: "mail message has no recipients"
        }
    }
}
