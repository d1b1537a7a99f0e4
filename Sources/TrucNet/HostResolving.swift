import TrucCore

/// Looks up the addresses of a host name, for `OutboundGuard`: the guard checks every address the name has, then
/// connects to one of those it checked (never resolving the name a second time), so a name cannot point elsewhere
/// between the check and the connection (DNS rebinding).
public protocol HostResolving: Sendable {
    /// The A and AAAA addresses of `name` (lower-case, without the final dot), at least one.
    /// - Throws: `HostNotFound` when the name has no address, or another error (timeout, network).
    func addresses(of name: String, timeout: Duration) async throws -> [IPAddress]
}

/// A name without any address (or that could not be looked up in time).
public struct HostNotFound: Error, Sendable, Equatable, CustomStringConvertible {
    public let name: String
    /// True when the lookup ran out of time rather than getting an answer.
    public let timedOut: Bool

    public init(name: String, timedOut: Bool = false) {
        self.name = name
        self.timedOut = timedOut
    }

    public var description: String { timedOut ? "DNS: lookup timed out" : "DNS: name not found" }
}
