extension CPEName {
    /// Parses a CPE 2.3 formatted string: `cpe:2.3:` and 11 attributes separated by unquoted colons
    /// (NISTIR 7695 §6.2). Letters are lower-cased; `.` and `-` are quoted in the WFN; an unquoted `*` or `?`
    /// is a wildcard and must stand at the beginning or end of its value; other punctuation must be quoted.
    public init(formattedString text: String) throws(CPEError) {
        // Split on colons not preceded by a backslash escape.
        var components: [Substring] = []
        components.reserveCapacity(13)
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var escaped = false
        for index in scalars.indices {
            if escaped {
                escaped = false
            } else if scalars[index] == "\\" {
                escaped = true
            } else if scalars[index] == ":" {
                components.append(text[start..<index])
                start = scalars.index(after: index)
            }
        }
        components.append(text[start...])
        guard components.count >= 2, components[0].lowercased() == "cpe", components[1] == "2.3" else {
            throw .unknownBinding(text)
        }
        guard components.count == 13 else { throw .componentCount(text, found: components.count) }
        var name = CPEName()
        for attribute in CPEAttributeName.allCases {
            name[attribute] = try Self.unbindFormatted(components[attribute.rawValue + 2], attribute)
        }
        try Self.validatePart(name.part)
        self = name
    }

    /// The canonical CPE 2.3 formatted string, e.g. `cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*`.
    public var formattedString: String {
        var out = "cpe:2.3"
        for attribute in CPEAttributeName.allCases {
            out += ":"
            out += self[attribute].formattedString
        }
        return out
    }

    static func validatePart(_ part: CPEAttribute) throws(CPEError) {
        switch part {
        case .any: return
        case .value(let value) where CPEPart(rawValue: value) != nil: return
        default: throw .invalidPart(part.formattedString)
        }
    }

    /// One formatted-string component → WFN attribute.
    static func unbindFormatted(_ component: Substring, _ attribute: CPEAttributeName) throws(CPEError) -> CPEAttribute {
        switch component {
        case "": throw .emptyValue(attribute)
        case "*": return .any
        case "-": return .na
        default: break
        }
        var out: [UInt8] = []
        out.reserveCapacity(component.utf8.count + 4)
        var scalars = component.unicodeScalars.makeIterator()
        func invalid(_ scalar: Unicode.Scalar) -> CPEError {
            .invalidCharacter(attribute, value: String(component), character: String(scalar))
        }
        while let scalar = scalars.next() {
            guard scalar.isASCII, let byte = UInt8(exactly: scalar.value), WFN.isPrintable(byte) else {
                throw invalid(scalar)
            }
            switch byte {
            case WFN.backslash:
                guard let next = scalars.next() else {
                    throw .danglingEscape(attribute, value: String(component))
                }
                guard next.isASCII, let nextByte = UInt8(exactly: next.value), WFN.isPrintable(nextByte) else {
                    throw invalid(next)
                }
                if WFN.isPlain(nextByte) {
                    out.append(WFN.lowercased(nextByte)) // needless quoting, e.g. "\_": drop it
                } else {
                    out.append(WFN.backslash)
                    out.append(nextByte)
                }
            case UInt8(ascii: "."), UInt8(ascii: "-"):
                out.append(WFN.backslash)
                out.append(byte)
            case WFN.star, WFN.question:
                out.append(byte)
            default:
                guard WFN.isPlain(byte) else { throw invalid(scalar) }
                out.append(WFN.lowercased(byte))
            }
        }
        try WFN.validateWildcards(out, attribute: attribute, original: String(component))
        let value = CPEAttribute.value(String(decoding: out, as: UTF8.self))
        if attribute == .language { try WFN.validateLanguage(value) }
        return value
    }
}
