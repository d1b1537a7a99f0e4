import Foundation

/// What kind of destination an address (or a name) is, for the outbound policy (`OutboundPolicy`).
///
/// Three groups:
/// - `.public`: connected to freely.
/// - `.loopback`, `.privateUse`, `.reserved`, `.internalName`: refused unless the coordinator's allow-list
///   allows them (loopback only by a range inside 127.0.0.0/8 or ::1, never by a name or a wider range).
/// - `.linkLocal`, `.cloudMetadata`, `.unspecified`, `.multicast`, `.broadcast`, `.malformed`: always refused;
///   no allow-list entry can allow them.
public enum OutboundAddressClass: String, Sendable, Codable, CaseIterable {
    /// Globally routed unicast.
    case `public`
    /// 127.0.0.0/8, ::1: the server itself.
    case loopback
    /// 10/8, 172.16/12, 192.168/16, 100.64/10 (shared, CGNAT), fc00::/7 (unique local), fec0::/10 (old site-local).
    case privateUse
    /// Not used on the Internet: documentation (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32,
    /// 3fff::/20), benchmarking (198.18/15), IETF protocol assignments (192.0.0/24, 2001::/23), 240/4, discard-only
    /// 100::/64, the old 6to4 relay 192.88.99/24, NAT64 for local use 64:ff9b:1::/48, and IPv6 outside 2000::/3.
    case reserved
    /// A name that only has a meaning inside a network: under .internal, .local, .localdomain, .home.arpa, .lan,
    /// .intranet, .corp, or a single label without dots.
    case internalName
    /// 169.254/16 and fe80::/10.
    case linkLocal
    /// Cloud instance-metadata services: 169.254.169.254, 169.254.170.2, 169.254.170.23, 100.100.100.200,
    /// 192.0.0.192, fd00:ec2::254, fd00:ec2::23, and names such as metadata.google.internal.
    case cloudMetadata
    /// 0.0.0.0/8 and :: (which reach the server itself on most systems).
    case unspecified
    /// 224/4 and ff00::/8.
    case multicast
    /// 255.255.255.255.
    case broadcast
    /// A host in a form nothing should use ("1.2.3.4.5", a zone identifier, percent-encoding, non-ASCII).
    case malformed

    /// Whether no allow-list entry can allow it.
    public var isAlwaysRefused: Bool {
        switch self {
        case .public, .loopback, .privateUse, .reserved, .internalName: false
        case .linkLocal, .cloudMetadata, .unspecified, .multicast, .broadcast, .malformed: true
        }
    }

    /// How strict: of two classes that apply to one address (6to4 and NAT64 forms carry an IPv4 address), the
    /// stricter wins.
    var strictness: Int {
        switch self {
        case .public: 0
        case .reserved: 1
        case .internalName: 2
        case .privateUse: 3
        case .loopback: 4
        case .linkLocal, .cloudMetadata, .unspecified, .multicast, .broadcast, .malformed: 5
        }
    }

    /// "a private address (…)" as the end of a sentence.
    public var vietnamese: String {
        switch self {
        case .public: "địa chỉ công cộng"
        case .loopback: "địa chỉ loopback (chính máy chủ này: 127.0.0.0/8, ::1)"
        case .privateUse: "địa chỉ mạng riêng (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7)"
        case .reserved: "địa chỉ dành riêng, không dùng trên Internet (tài liệu, thử nghiệm hoặc chưa cấp phát)"
        case .internalName: "tên miền nội bộ (.internal, .local, .lan, .home.arpa… hoặc tên không có dấu chấm)"
        case .linkLocal: "địa chỉ link-local (169.254.0.0/16, fe80::/10 — nơi có dịch vụ metadata của máy ảo đám mây)"
        case .cloudMetadata: "dịch vụ metadata của máy ảo đám mây"
        case .unspecified: "địa chỉ không xác định (0.0.0.0/8, ::)"
        case .multicast: "địa chỉ multicast (224.0.0.0/4, ff00::/8)"
        case .broadcast: "địa chỉ broadcast (255.255.255.255)"
        case .malformed: "địa chỉ viết ở dạng không được chấp nhận"
        }
    }

    public var english: String {
        switch self {
        case .public: "a public address"
        case .loopback: "a loopback address (this server itself: 127.0.0.0/8, ::1)"
        case .privateUse: "a private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7)"
        case .reserved: "a reserved address not used on the Internet (documentation, benchmarking or unassigned)"
        case .internalName: "an internal name (.internal, .local, .lan, .home.arpa… or a name without dots)"
        case .linkLocal: "a link-local address (169.254.0.0/16, fe80::/10, where cloud metadata services live)"
        case .cloudMetadata: "a cloud instance-metadata service"
        case .unspecified: "an unspecified address (0.0.0.0/8, ::)"
        case .multicast: "a multicast address (224.0.0.0/4, ff00::/8)"
        case .broadcast: "the broadcast address (255.255.255.255)"
        case .malformed: "an address written in a form that is not accepted"
        }
    }

    /// A few words for probe results: "private address", "link-local address"…
    public var shortName: String {
        switch self {
        case .public: "public address"
        case .loopback: "loopback address"
        case .privateUse: "private address"
        case .reserved: "reserved address"
        case .internalName: "internal name"
        case .linkLocal: "link-local address"
        case .cloudMetadata: "cloud metadata service"
        case .unspecified: "unspecified address"
        case .multicast: "multicast address"
        case .broadcast: "broadcast address"
        case .malformed: "malformed address"
        }
    }
}
