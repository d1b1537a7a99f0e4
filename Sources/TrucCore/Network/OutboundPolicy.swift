import Foundation

/// Where the server may connect on behalf of its users (monitors, webhooks, a monitor's DNS resolver), in one
/// place. Pure: resolving names is the caller's job (`TrucNet.OutboundGuard`); this type classifies hosts and
/// addresses and decides.
///
/// The rules:
/// - Public addresses are allowed.
/// - Link-local (169.254/16, fe80::/10, so cloud metadata), known cloud-metadata addresses and names,
///   unspecified (0.0.0.0/8, ::), multicast, broadcast and malformed hosts are always refused: no entry allows them.
/// - Loopback (127/8, ::1) is refused unless a range entry that lies inside 127.0.0.0/8 or is ::1 covers the address
///   (an explicit choice: the demo and tests allow 127.0.0.1; a wide range or a name never does).
/// - Private (RFC 1918, 100.64/10, fc00::/7), reserved addresses and internal names (.internal, .local, single
///   labels…) are refused unless a range entry covers the address, or a name entry matches the host name that
///   led to it.
/// - IPv6 forms that carry an IPv4 address (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d, 2002:aabb:ccdd::/48) are
///   judged by the stricter of the IPv6 range and the IPv4 address, and range entries match the IPv4 address too.
public struct OutboundPolicy: Sendable, Equatable {
    /// The allow-list entries that apply (the province's and the unit's).
    public var allowed: [OutboundAllowEntry]

    public init(allowing allowed: [OutboundAllowEntry] = []) {
        self.allowed = allowed
    }

    /// No entries: only public destinations.
    public static let strict = OutboundPolicy()

    static let loopbackIPv4 = IPNetwork("127.0.0.0/8")
    static let loopbackIPv6 = IPNetwork("::1/128")

    /// The ranges no entry may cover, with their class.
    public static let alwaysRefusedRanges: [(IPNetwork, OutboundAddressClass)] = [
        (IPNetwork("0.0.0.0/8"), .unspecified),
        (IPNetwork("169.254.0.0/16"), .linkLocal),
        (IPNetwork("224.0.0.0/4"), .multicast),
        (IPNetwork("255.255.255.255/32"), .broadcast),
        (IPNetwork("::/128"), .unspecified),
        (IPNetwork("fe80::/10"), .linkLocal),
        (IPNetwork("ff00::/8"), .multicast),
    ]

    /// Addresses of cloud instance-metadata services (always refused, even inside an allowed range).
    public static let metadataAddresses: Set<IPAddress> = Set([
        "169.254.169.254", "169.254.170.2", "169.254.170.23", "100.100.100.200", "192.0.0.192",
        "fd00:ec2::254", "fd00:ec2::23",
    ].compactMap { IPAddress($0) })

    /// Names of cloud instance-metadata services (always refused, without asking DNS).
    public static let metadataNames: Set<String> = [
        "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal",
        "metadata.azure.internal", "metadata.tencentyun.com", "metadata.platformequinix.com",
    ]

    /// Top-level names (and suffixes) that only mean something inside a network.
    public static let internalSuffixes = ["internal", "local", "localdomain", "home.arpa", "lan", "intranet", "corp", "private"]

    // MARK: - Classification

    /// IPv4 ranges other than public, most specific first where they nest.
    static let ipv4Table: [(IPNetwork, OutboundAddressClass)] = [
        (IPNetwork("255.255.255.255/32"), .broadcast),
        (IPNetwork("0.0.0.0/8"), .unspecified),
        (IPNetwork("10.0.0.0/8"), .privateUse),
        (IPNetwork("100.64.0.0/10"), .privateUse),
        (IPNetwork("127.0.0.0/8"), .loopback),
        (IPNetwork("169.254.0.0/16"), .linkLocal),
        (IPNetwork("172.16.0.0/12"), .privateUse),
        (IPNetwork("192.0.0.0/24"), .reserved),
        (IPNetwork("192.0.2.0/24"), .reserved),
        (IPNetwork("192.88.99.0/24"), .reserved),
        (IPNetwork("192.168.0.0/16"), .privateUse),
        (IPNetwork("198.18.0.0/15"), .reserved),
        (IPNetwork("198.51.100.0/24"), .reserved),
        (IPNetwork("203.0.113.0/24"), .reserved),
        (IPNetwork("224.0.0.0/4"), .multicast),
        (IPNetwork("240.0.0.0/4"), .reserved),
    ]

    /// IPv6 ranges other than public, most specific first where they nest. Outside 2000::/3 is reserved.
    static let ipv6Table: [(IPNetwork, OutboundAddressClass)] = [
        (IPNetwork("::/128"), .unspecified),
        (IPNetwork("::1/128"), .loopback),
        (IPNetwork("64:ff9b:1::/48"), .reserved),
        (IPNetwork("100::/64"), .reserved),
        (IPNetwork("2001:db8::/32"), .reserved),
        (IPNetwork("2001::/23"), .reserved),
        (IPNetwork("3fff::/20"), .reserved),
        (IPNetwork("5f00::/16"), .reserved),
        (IPNetwork("fc00::/7"), .privateUse),
        (IPNetwork("fe80::/10"), .linkLocal),
        (IPNetwork("fec0::/10"), .privateUse),
        (IPNetwork("ff00::/8"), .multicast),
    ]

    static let globalUnicast = IPNetwork("2000::/3")

    /// The class of an address (see `OutboundAddressClass`).
    public static func classify(_ address: IPAddress) -> OutboundAddressClass {
        if metadataAddresses.contains(address) { return .cloudMetadata }
        if address.isIPv4 {
            return ipv4Table.first { $0.0.contains(address) }?.1 ?? .public
        }
        if let embedded = address.embeddedIPv4 {
            let inner = classify(embedded)
            // Mapped and NAT64 addresses lead to the IPv4 address; the deprecated compatible form and 6to4 are at
            // least reserved-looking oddities unless the IPv4 address is stricter.
            let b = address.bytes
            let mapped = b[0..<10].allSatisfy { $0 == 0 } && b[10] == 0xff && b[11] == 0xff
            let nat64 = b[0..<4] == [0x00, 0x64, 0xff, 0x9b]
            if mapped || nat64 { return inner }
            let outer: OutboundAddressClass = b[0] == 0x20 && b[1] == 0x02 ? .public : .reserved
            return inner.strictness >= outer.strictness ? inner : outer
        }
        if let listed = ipv6Table.first(where: { $0.0.contains(address) })?.1 { return listed }
        return globalUnicast.contains(address) ? .public : .reserved
    }

    /// The class a name has by itself, before any DNS: `.loopback` for "localhost" and names below it (RFC 6761),
    /// `.cloudMetadata` for metadata service names, `.internalName` for internal suffixes and single labels;
    /// nil for an ordinary name (judged by what it resolves to). `name` is lower-case without the final dot.
    public static func nameClass(_ name: String) -> OutboundAddressClass? {
        if name == "localhost" || name.hasSuffix(".localhost") { return .loopback }
        if metadataNames.contains(name) { return .cloudMetadata }
        if !name.contains(".") { return .internalName }
        for suffix in internalSuffixes where name == suffix || name.hasSuffix("." + suffix) { return .internalName }
        return nil
    }

    /// The addresses a name stands for without asking DNS: 127.0.0.1 for "localhost" and names below it; nil for
    /// other names.
    public static func fixedAddresses(forName name: String) -> [IPAddress]? {
        nameClass(name) == .loopback ? [IPAddress(ipv4: 0x7f00_0001)] : nil
    }

    // MARK: - Decisions

    /// What a host needs before a connection: a refusal, an address to check, or a name to resolve.
    public enum HostDecision: Sendable, Equatable {
        /// Connect to this address (already allowed).
        case address(IPAddress)
        /// Resolve this name (normalised), then check every address with `check(_:name:)`.
        case name(String)
        case refused(OutboundRefusal)
    }

    /// Screens a host as written in a URL or a "host:port" (brackets allowed): literal addresses in any form are
    /// decided here; names are refused here when they are metadata names, or internal names that no name entry
    /// allows; other names must be resolved.
    public func screen(host text: String) -> HostDecision {
        switch IPAddress.parseHost(text) {
        case .malformed:
            return .refused(OutboundRefusal(host: text, addressClass: .malformed, viaName: false))
        case .address(let address):
            if let refusal = check(address) { return .refused(refusal) }
            return .address(address)
        case .name(let name):
            if let cls = Self.nameClass(name) {
                switch cls {
                case .loopback:
                    // "localhost" stands for 127.0.0.1: allowed exactly when that address is.
                    if check(IPAddress(ipv4: 0x7f00_0001)) != nil {
                        return .refused(OutboundRefusal(host: name, addressClass: .loopback, viaName: true))
                    }
                case .internalName:
                    if !allowed.contains(where: { $0.matches(name: name) }) {
                        return .refused(OutboundRefusal(host: name, addressClass: .internalName, viaName: false))
                    }
                default:
                    return .refused(OutboundRefusal(host: name, addressClass: cls, viaName: false))
                }
            }
            return .name(name)
        }
    }

    /// Checks one address; `name` is the host name that resolved to it (nil for a literal). nil means allowed.
    public func check(_ address: IPAddress, name: String? = nil) -> OutboundRefusal? {
        let cls = Self.classify(address)
        let refusal = OutboundRefusal(host: name ?? address.description, addressClass: cls, viaName: name != nil)
        switch cls {
        case .public:
            return nil
        case .loopback:
            let candidates = [address] + [address.embeddedIPv4].compactMap { $0 }
            let allowedByRange = allowed.contains { entry in
                guard case .range(let network) = entry else { return false }
                let loopback = network.isIPv4 ? Self.loopbackIPv4 : Self.loopbackIPv6
                return loopback.contains(network) && candidates.contains { network.contains($0) }
            }
            return allowedByRange ? nil : refusal
        case .privateUse, .reserved, .internalName:
            let candidates = [address] + [address.embeddedIPv4].compactMap { $0 }
            let allowedHere = allowed.contains { entry in
                switch entry {
                case .range(let network): candidates.contains { network.contains($0) }
                case .name: name.map { entry.matches(name: $0) } ?? false
                }
            }
            return allowedHere ? nil : refusal
        case .linkLocal, .cloudMetadata, .unspecified, .multicast, .broadcast, .malformed:
            return refusal
        }
    }

    /// Checks every address a name resolved to; the first refusal, or nil when all are allowed.
    public func check(_ addresses: [IPAddress], name: String) -> OutboundRefusal? {
        for address in addresses {
            if let refusal = check(address, name: name) { return refusal }
        }
        return nil
    }
}
