import Foundation

extension MISPAttribute {
    /// The attribute for an observable of the event `eventUUID`. Its UUID is the UUIDv5, in the event's UUID as
    /// namespace, of "type|value", so that exporting the event again keeps the attribute's identity.
    ///
    /// | kind | type | category | to_ids |
    /// |---|---|---|---|
    /// | IPv4, IPv6 | ip-dst | Network activity | true |
    /// | domain | domain | Network activity | true |
    /// | URL | url | Network activity | true |
    /// | e-mail | email | Payload delivery | false |
    /// | MD5, SHA-1, SHA-256 | md5, sha1, sha256 | Payload delivery | true |
    /// | CVE | vulnerability | External analysis | false |
    public init(observable: Observable, eventUUID: UUID, timestamp: String) {
        let (type, category, toIDs): (String, String, Bool) = switch observable.kind {
        case .ipv4, .ipv6: ("ip-dst", "Network activity", true)
        case .domain: ("domain", "Network activity", true)
        case .url: ("url", "Network activity", true)
        case .email: ("email", "Payload delivery", false)
        case .md5: ("md5", "Payload delivery", true)
        case .sha1: ("sha1", "Payload delivery", true)
        case .sha256: ("sha256", "Payload delivery", true)
        case .cve: ("vulnerability", "External analysis", false)
        }
        let uuid = UUID(version5Namespace: eventUUID, name: "\(type)|\(observable.value)")
        self.init(uuid: uuid.lowercasedString, type: type, category: category, value: observable.value, toIDs: toIDs,
                  timestamp: timestamp)
    }
}
