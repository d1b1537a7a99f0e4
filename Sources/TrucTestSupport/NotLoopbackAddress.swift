import TrucNet

/// Thrown when a loopback test server is asked to listen on an address outside 127.0.0.0/8 and ::1.
public struct NotLoopbackAddress: Error, Sendable, Equatable, CustomStringConvertible {
    /// The refused address.
    public let host: String

    public init(host: String) {
        self.host = host
    }

    public var description: String { "not a loopback address: \(host)" }

    /// `host` itself when it is a loopback IP literal ("127.0.0.1", "::1", "[::1]" → "::1"), else throws.
    static func check(_ host: String) throws -> String {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard let bytes = IPAddressLiteral.bytes(bare) else { throw NotLoopbackAddress(host: host) }
        if bytes.count == 4, bytes[0] == 127 { return bare }
        if bytes.count == 16, bytes == [UInt8](repeating: 0, count: 15) + [1] { return bare }
        throw NotLoopbackAddress(host: host)
    }
}
