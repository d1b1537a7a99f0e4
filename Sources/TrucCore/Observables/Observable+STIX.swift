import Foundation

extension Observable {
    /// The namespace of the UUIDv5 identifiers of STIX cyber-observable objects (STIX 2.1 §2.9).
    public static let stixObservableNamespace = UUID(uuidString: "00abedb4-aa42-466c-9c01-fed23315a9b7")!

    /// The STIX cyber-observable object type: "ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr", "file"
    /// for hashes; nil for CVE identifiers, which are `vulnerability` domain objects instead.
    public var stixObservableType: String? {
        switch kind {
        case .ipv4: "ipv4-addr"
        case .ipv6: "ipv6-addr"
        case .domain: "domain-name"
        case .url: "url"
        case .email: "email-addr"
        case .md5, .sha1, .sha256: "file"
        case .cve: nil
        }
    }

    /// The key of a hash in a STIX `hashes` dictionary (hashing-algorithm-ov): "MD5", "SHA-1", "SHA-256".
    public var stixHashAlgorithm: String? {
        switch kind {
        case .md5: "MD5"
        case .sha1: "SHA-1"
        case .sha256: "SHA-256"
        default: nil
        }
    }

    /// The ID contributing properties of the cyber-observable object (STIX 2.1 §2.9 and §6): `value` for
    /// addresses, names and URLs, a one-hash `hashes` dictionary for a file; nil for CVE identifiers.
    public var stixContributingProperties: [String: STIXValue]? {
        guard stixObservableType != nil else { return nil }
        if let algorithm = stixHashAlgorithm {
            return ["hashes": .object([algorithm: .string(value)])]
        }
        return ["value": .string(value)]
    }

    /// The deterministic identifier of the cyber-observable object: its type, "--", and the UUIDv5, in the
    /// `stixObservableNamespace`, of the JCS (RFC 8785) form of the ID contributing properties, as the OASIS
    /// python-stix2 library computes it ("ipv4-addr--9ddd739e-87b1-587d-83f2-62ef1130af2f" for 203.0.113.7).
    public var stixObservableID: String? {
        guard let type = stixObservableType, let properties = stixContributingProperties else { return nil }
        let uuid = UUID(version5Namespace: Self.stixObservableNamespace, name: STIXValue.object(properties).canonicalJSON)
        return "\(type)--\(uuid.lowercasedString)"
    }

    /// The cyber-observable object (without markings); nil for CVE identifiers.
    public var stixObservableObject: [String: STIXValue]? {
        guard let type = stixObservableType, let id = stixObservableID,
              let properties = stixContributingProperties else { return nil }
        var object = properties
        object["type"] = .string(type)
        object["spec_version"] = "2.1"
        object["id"] = .string(id)
        return object
    }

    /// The STIX pattern that matches the observable, "[ipv4-addr:value = '203.0.113.7']",
    /// "[file:hashes.'SHA-256' = '…']"; nil for e-mail addresses and CVE identifiers, which are not exported as
    /// indicators.
    public var stixPattern: String? {
        let literal = Self.stixStringLiteral(value)
        switch kind {
        case .ipv4, .ipv6, .domain, .url:
            return "[\(stixObservableType!):value = \(literal)]"
        case .md5:
            return "[file:hashes.MD5 = \(literal)]"
        case .sha1, .sha256:
            return "[file:hashes.'\(stixHashAlgorithm!)' = \(literal)]"
        case .email, .cve:
            return nil
        }
    }

    /// A STIX patterning string literal: the text in single quotes, with `\` and `'` escaped by a backslash.
    public static func stixStringLiteral(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
