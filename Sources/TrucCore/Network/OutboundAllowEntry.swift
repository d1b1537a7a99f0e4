import Foundation

/// One entry of the coordinator's outbound allow-list: a range of addresses or a host name.
///
/// - `.range`: lets the server connect to addresses of the range that are private, reserved or — only when the
///   whole range lies inside 127.0.0.0/8 or is ::1 — loopback.
/// - `.name`: "intranet.so-a.gov.vn" (that name) or "*.so-a.gov.vn" (every name below, not the name itself); lets
///   the name be an internal name and resolve to private or reserved addresses. A name never allows loopback
///   (allow the loopback range instead).
///
/// Nothing allows link-local, cloud metadata, unspecified, multicast or broadcast addresses: an entry that would
/// cover one of their ranges is refused (`init(parsing:field:)`). The metadata addresses inside private ranges
/// (100.100.100.200, fd00:ec2::254…) stay refused even when their range is allowed.
public enum OutboundAllowEntry: Sendable, Hashable, CustomStringConvertible {
    case range(IPNetwork)
    case name(String)

    /// The longest accepted text.
    public static let maxLength = 260

    /// "range" or "name".
    public var kind: String {
        switch self {
        case .range: "range"
        case .name: "name"
        }
    }

    /// "10.1.0.0/16", "intranet.so-a.gov.vn", "*.so-a.gov.vn": parsing it again gives the same entry.
    public var description: String {
        switch self {
        case .range(let network): network.description
        case .name(let name): name
        }
    }

    /// Whether a (normalised) host name is this name, or below it for a "*." entry.
    public func matches(name: String) -> Bool {
        guard case .name(let pattern) = self else { return false }
        if pattern.hasPrefix("*.") {
            return name.hasSuffix(pattern.dropFirst()) && name.count > pattern.count - 1
        }
        return name == pattern
    }

    /// Parses what the coordinator typed: a CIDR range ("10.1.0.0/16", "fd12:3456::/48"), one address (taken as
    /// /32 or /128), a host name, or "*." and a name. Problems are reported on `field`.
    public init(parsing text: String, field: String = "entry") throws(FieldValidationError) {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        func problem(_ vietnamese: String, _ english: String) -> FieldValidationError {
            FieldValidationError(field: field, vietnamese: vietnamese, english: english)
        }
        guard !text.isEmpty else {
            throw problem("Chưa nhập dải địa chỉ hay tên miền.", "\(field): enter a range (CIDR) or a host name.")
        }
        guard text.count <= Self.maxLength else {
            throw problem("Mục cho phép dài quá \(Self.maxLength) ký tự.", "\(field): at most \(Self.maxLength) characters.")
        }
        let looksLikeRange = text.contains("/") || text.contains(":") || IPAddress(text) != nil
        if looksLikeRange {
            let network: IPNetwork
            do {
                network = try IPNetwork(parsing: text)
            } catch {
                switch error {
                case .invalidAddress:
                    throw problem("\"\(text)\" không phải là dải địa chỉ hợp lệ; ví dụ 10.1.2.0/24 hoặc fd00:1::/48.",
                                  "\(field): \"\(text)\" is not a valid range; e.g. 10.1.2.0/24 or fd00:1::/48.")
                case .invalidPrefix:
                    throw problem("Độ dài tiền tố trong \"\(text)\" phải từ 0 đến 32 (IPv4) hoặc 0 đến 128 (IPv6).",
                                  "\(field): the prefix length in \"\(text)\" must be 0-32 (IPv4) or 0-128 (IPv6).")
                case .hostBitsSet(let suggestion):
                    throw problem("\"\(text)\" có bit ngoài tiền tố; có phải ý bạn là \(suggestion)?",
                                  "\(field): \"\(text)\" has bits set after the prefix; did you mean \(suggestion)?")
                }
            }
            if let embedded = network.address.embeddedIPv4, network.prefixLength >= 96,
               network.address.bytes[0..<12] == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] {
                throw problem("Hãy ghi dải IPv4 ở dạng IPv4 (ví dụ \(embedded)/\(network.prefixLength - 96)), không ở dạng ::ffff:….",
                              "\(field): write IPv4 ranges as IPv4 (e.g. \(embedded)/\(network.prefixLength - 96)), not as ::ffff:….")
            }
            for (refused, cls) in OutboundPolicy.alwaysRefusedRanges where refused.isIPv4 == network.isIPv4 && refused.overlaps(network) {
                throw problem("Dải \(network) chứa \(cls.vietnamese) (\(refused)); những địa chỉ này luôn bị chặn, không thể cho phép.",
                              "\(field): the range \(network) covers \(cls.english) (\(refused)); those are always refused and cannot be allowed.")
            }
            let loopback = network.isIPv4 ? OutboundPolicy.loopbackIPv4 : OutboundPolicy.loopbackIPv6
            if loopback.overlaps(network) && !loopback.contains(network) {
                throw problem("Dải \(network) chứa cả địa chỉ loopback; địa chỉ loopback chỉ được cho phép bằng một dải nằm trong \(loopback).",
                              "\(field): the range \(network) includes loopback addresses; loopback can only be allowed by a range within \(loopback).")
            }
            self = .range(network)
            return
        }
        var name = text.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let wildcard = name.hasPrefix("*.")
        let bare = wildcard ? String(name.dropFirst(2)) : name
        let normalized: String
        do {
            normalized = try HostPort.normalizedDomainName(bare, field: field)
        } catch {
            throw problem(error.vietnamese, "\(field): \(error.english)")
        }
        if case .address = IPAddress.parseHost(normalized) {
            throw problem("\"\(text)\" là một địa chỉ IP viết ở dạng lạ; hãy nhập dải địa chỉ dạng CIDR, ví dụ 10.1.2.0/24.",
                          "\(field): \"\(text)\" is an IP address in an unusual form; enter a CIDR range such as 10.1.2.0/24.")
        }
        if let cls = OutboundPolicy.nameClass(wildcard ? "x." + normalized : normalized), cls == .loopback || cls.isAlwaysRefused {
            throw problem("Tên \(normalized) là \(cls.vietnamese); không thể cho phép bằng tên. "
                            + (cls == .loopback ? "Hãy cho phép dải loopback, ví dụ 127.0.0.1/32." : ""),
                          "\(field): \(normalized) is \(cls.english) and cannot be allowed by name."
                            + (cls == .loopback ? " Allow the loopback range instead, e.g. 127.0.0.1/32." : ""))
        }
        self = .name(wildcard ? "*." + normalized : normalized)
    }
}
