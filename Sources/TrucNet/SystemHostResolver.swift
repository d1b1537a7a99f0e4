import NIOCore
import NIOPosix
import TrucCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves names the way the operating system does (`getaddrinfo`: /etc/hosts, then the configured DNS servers),
/// on a thread pool, within a time limit (a lookup that overruns keeps its thread until the system gives up, but
/// the caller gets its answer on time).
public struct SystemHostResolver: HostResolving {
    private let group: any EventLoopGroup
    private let threadPool: NIOThreadPool

    public init(group: any EventLoopGroup, threadPool: NIOThreadPool = .singleton) {
        self.group = group
        self.threadPool = threadPool
    }

    public func addresses(of name: String, timeout: Duration) async throws -> [IPAddress] {
        let loop = group.next()
        let promise = loop.makePromise(of: [IPAddress].self)
        threadPool.runIfActive(eventLoop: loop) { try Self.lookup(name) }.cascade(to: promise)
        let timer = loop.scheduleTask(in: timeout.timeAmount) { promise.fail(HostNotFound(name: name, timedOut: true)) }
        defer { timer.cancel() }
        return try await promise.futureResult.get()
    }

    /// One blocking `getaddrinfo` call; the addresses in the order given, without duplicates.
    static func lookup(_ name: String) throws -> [IPAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &result) == 0, let first = result else { throw HostNotFound(name: name) }
        defer { freeaddrinfo(first) }
        var addresses: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            if let socketAddress = info.pointee.ai_addr {
                var bytes: [UInt8]?
                switch Int32(socketAddress.pointee.sa_family) {
                case AF_INET:
                    bytes = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                        withUnsafeBytes(of: pointer.pointee.sin_addr) { Array($0) }
                    }
                case AF_INET6:
                    bytes = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                        withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) }
                    }
                default:
                    bytes = nil
                }
                if let bytes, let address = IPAddress(bytes: bytes), !addresses.contains(address) { addresses.append(address) }
            }
            cursor = info.pointee.ai_next
        }
        guard !addresses.isEmpty else { throw HostNotFound(name: name) }
        return addresses
    }
}
