import Foundation

extension UUID {
    /// The name-based UUID of version 5 (RFC 9562 §5.5, formerly RFC 4122 §4.3): SHA-1 of the namespace's 16 bytes
    /// followed by the UTF-8 bytes of `name`, truncated to 16 bytes, with the version (5) and variant (10) bits set.
    ///
    /// `UUID(version5Namespace: UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8")!, name: "python.org")` is
    /// 886313e1-3b8a-5372-9b90-0c9aee199e5d, as Python's `uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")`.
    public init(version5Namespace namespace: UUID, name: String) {
        let space = namespace.uuid
        let namespaceBytes: [UInt8] = [
            space.0, space.1, space.2, space.3, space.4, space.5, space.6, space.7,
            space.8, space.9, space.10, space.11, space.12, space.13, space.14, space.15,
        ]
        var hash = SHA1.digest(namespaceBytes + Array(name.utf8))
        hash[6] = (hash[6] & 0x0F) | 0x50
        hash[8] = (hash[8] & 0x3F) | 0x80
        self.init(uuid: (hash[0], hash[1], hash[2], hash[3], hash[4], hash[5], hash[6], hash[7],
                         hash[8], hash[9], hash[10], hash[11], hash[12], hash[13], hash[14], hash[15]))
    }

    /// The lower-case text form ("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), as STIX identifiers and MISP UUIDs
    /// are written.
    public var lowercasedString: String { uuidString.lowercased() }
}
