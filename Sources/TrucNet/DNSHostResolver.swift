import NIOCore
import TrucCore

/// Resolves names by asking one DNS server directly (A and AAAA, with `DNSClient`), e.g. a test's
/// `DNSStubServer` (TrucTestSupport) or a resolver the operator names.
public struct DNSHostResolver: HostResolving {
    public let client: DNSClient
    /// "127.0.0.1:5353", "[::1]:53"…
    public let server: String

    public init(client: DNSClient, server: String) {
        self.client = client
        self.server = server
    }

    public func addresses(of name: String, timeout: Duration) async throws -> [IPAddress] {
        async let v4 = outcome(.a, name, timeout)
        async let v6 = outcome(.aaaa, name, timeout)
        let answers = [await v4, await v6]
        var addresses: [IPAddress] = []
        for case .success(let records) in answers {
            for record in records where record.type == .a || record.type == .aaaa {
                if let address = IPAddress(record.value), !addresses.contains(address) { addresses.append(address) }
            }
        }
        guard addresses.isEmpty else { return addresses }
        for case .failure(let error) in answers {
            if let dns = error as? DNSError, dns == .timeout { throw HostNotFound(name: name, timedOut: true) }
        }
        throw HostNotFound(name: name)
    }

    private func outcome(_ type: DNSRecordType, _ name: String, _ timeout: Duration) async -> Result<[DNSRecord], any Error> {
        do { return .success(try await client.query(name: name, type: type, server: server, timeout: timeout)) } catch { return .failure(error) }
    }
}
