import Foundation

extension STIXValue {
    /// The JSON Canonicalization Scheme form (RFC 8785) of the value: no whitespace, object members sorted by the
    /// UTF-16 code units of their names, strings escaped minimally (`"`, `\`, and control characters, the latter as
    /// `\b \t \n \f \r` or lower-case `\u00XX`), everything else written as is.
    ///
    /// STIX 2.1 (§2.9) derives the UUIDv5 of a cyber-observable object from this form of its ID contributing
    /// properties. Integers are written in decimal, which is what RFC 8785 gives for integers of at most 2^53.
    public var canonicalJSON: String {
        var output = ""
        appendCanonical(to: &output)
        return output
    }

    private func appendCanonical(to output: inout String) {
        switch self {
        case .string(let value):
            Self.appendCanonical(string: value, to: &output)
        case .integer(let value):
            output += String(value)
        case .bool(let value):
            output += value ? "true" : "false"
        case .null:
            output += "null"
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                element.appendCanonical(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            let keys = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (index, key) in keys.enumerated() {
                if index > 0 { output += "," }
                Self.appendCanonical(string: key, to: &output)
                output += ":"
                members[key]!.appendCanonical(to: &output)
            }
            output += "}"
        }
    }

    private static func appendCanonical(string: String, to output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\u{08}": output += "\\b"
            case "\u{09}": output += "\\t"
            case "\u{0A}": output += "\\n"
            case "\u{0C}": output += "\\f"
            case "\u{0D}": output += "\\r"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
