import Foundation

/// A JSON value as found in a STIX 2.1 object (or any JSON document): strings, integers, booleans, lists and
/// dictionaries. STIX uses no floating-point property in what Trực ATTT exports, so numbers are integers.
public enum STIXValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case array([STIXValue])
    case object([String: STIXValue])
    case null

    /// The string, if this is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, if this is one.
    public var integerValue: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The Boolean, if this is one.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, if this is a list.
    public var arrayValue: [STIXValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members, if this is a dictionary.
    public var objectValue: [String: STIXValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The member named `key`, if this is a dictionary that has it.
    public subscript(key: String) -> STIXValue? {
        objectValue?[key]
    }
}

extension STIXValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: STIXValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, STIXValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
