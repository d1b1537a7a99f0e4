import TrucCore

/// A fixed table of names and addresses; every other name is not found. For tests (no lookup ever leaves the
/// process) and for machines that must not use DNS at all.
public struct StaticHostResolver: HostResolving {
    public let table: [String: [IPAddress]]

    public init(_ table: [String: [IPAddress]] = [:]) {
        self.table = table
    }

    public func addresses(of name: String, timeout: Duration) async throws -> [IPAddress] {
        guard let addresses = table[name], !addresses.isEmpty else { throw HostNotFound(name: name) }
        return addresses
    }
}
