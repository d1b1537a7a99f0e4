import Foundation

/// A STIX 2.1 bundle: the objects that describe one exported incident, as JSON dictionaries in a fixed order.
public struct STIXBundle: Sendable, Hashable {
    /// "bundle--" and a UUID.
    public let id: String
    /// The objects, each a dictionary with at least `type` and `id`.
    public let objects: [[String: STIXValue]]

    public init(id: String, objects: [[String: STIXValue]]) {
        self.id = id
        self.objects = objects
    }

    /// The namespace of the UUIDv5 identifiers that Trực ATTT derives for the objects it creates (indicators,
    /// vulnerabilities, relationships, …), so that exporting the same incident again gives the same identifiers and
    /// consumers see new versions rather than new objects. It is `uuid5(NAMESPACE_URL, "urn:truc-attt:stix2.1")`.
    public static let namespace = UUID(uuidString: "6d13e2b9-45b1-5467-8200-591895a00084")!

    /// The bundle as one JSON value: `{"type": "bundle", "id": …, "objects": […]}`.
    public var jsonValue: STIXValue {
        ["type": "bundle", "id": .string(id), "objects": .array(objects.map(STIXValue.object))]
    }

    /// The bundle as pretty-printed JSON with sorted keys (the same bundle always gives the same bytes).
    public func jsonData() throws -> Data {
        try jsonValue.jsonData()
    }

    /// The object with identifier `id`, if the bundle has it.
    public func object(withID id: String) -> [String: STIXValue]? {
        objects.first { $0["id"]?.stringValue == id }
    }

    /// The objects of one STIX type ("indicator"), in bundle order.
    public func objects(ofType type: String) -> [[String: STIXValue]] {
        objects.filter { $0["type"]?.stringValue == type }
    }

    /// A deterministic identifier "type--uuid" for an object Trực ATTT derives, from the parts that make it unique.
    static func derivedID(_ type: String, _ parts: String...) -> String {
        let name = ([type] + parts).joined(separator: "|")
        return "\(type)--\(UUID(version5Namespace: namespace, name: name).lowercasedString)"
    }
}
