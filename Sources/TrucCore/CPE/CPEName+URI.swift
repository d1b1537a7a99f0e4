extension CPEName {
    /// Parses a CPE 2.2 URI binding such as `cpe:/o:microsoft:windows_7::sp1` (as Nmap reports them;
    /// NISTIR 7695 §6.1.3): up to seven components `part` … `language`, missing or empty ones meaning ANY and
    /// `-` meaning NA; percent-encoding decoded (`%01` is the wildcard `?`, `%02` is `*`); an edition of the
    /// packed form `~edition~sw_edition~target_sw~target_hw~other` is unpacked.
    ///
    /// Leniency: scanners do not always percent-encode, so unencoded printable punctuation is taken as that
    /// character; spaces and non-ASCII characters are still rejected.
    public init(uri text: String) throws(CPEError) {
        guard text.prefix(5).lowercased() == "cpe:/" else { throw .unknownBinding(text) }
        let components = text.dropFirst(5).split(separator: ":", omittingEmptySubsequences: false)
        guard components.count <= 7 else { throw .tooManyURIComponents(text, found: components.count) }
        var name = CPEName()
        let order: [CPEAttributeName] = [.part, .vendor, .product, .version, .update, .edition, .language]
        for (attribute, component) in zip(order, components) {
            if attribute == .edition, component.hasPrefix("~") {
                let packed = component.split(separator: "~", omittingEmptySubsequences: false)
                guard packed.count == 6 else { throw .invalidPackedEdition(String(component)) }
                let unpacked: [CPEAttributeName] = [.edition, .softwareEdition, .targetSoftware, .targetHardware, .other]
                for (packedAttribute, value) in zip(unpacked, packed.dropFirst()) {
                    name[packedAttribute] = try Self.decodeURI(value, packedAttribute)
                }
            } else {
                name[attribute] = try Self.decodeURI(component, attribute)
            }
        }
        try Self.validatePart(name.part)
        self = name
    }

    /// One URI component → WFN attribute.
    static func decodeURI(_ component: Substring, _ attribute: CPEAttributeName) throws(CPEError) -> CPEAttribute {
        switch component {
        case "": return .any
        case "-": return .na
        default: break
        }
        let original = String(component)
        var out: [UInt8] = []
        out.reserveCapacity(component.utf8.count + 4)
        var scalars = component.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar.isASCII, let byte = UInt8(exactly: scalar.value), WFN.isPrintable(byte) else {
                throw .invalidCharacter(attribute, value: original, character: String(scalar))
            }
            if byte == UInt8(ascii: "%") {
                guard let high = scalars.next().flatMap(hexValue), let low = scalars.next().flatMap(hexValue) else {
                    throw .invalidPercentEncoding(attribute, value: original)
                }
                let decoded = high << 4 | low
                switch decoded {
                case 0x01: out.append(WFN.question)
                case 0x02: out.append(WFN.star)
                case _ where WFN.isPlain(decoded): out.append(WFN.lowercased(decoded))
                case _ where WFN.isPrintable(decoded):
                    out.append(WFN.backslash)
                    out.append(decoded)
                default: throw .invalidPercentEncoding(attribute, value: original)
                }
            } else if WFN.isPlain(byte) {
                out.append(WFN.lowercased(byte))
            } else {
                out.append(WFN.backslash)
                out.append(byte)
            }
        }
        try WFN.validateWildcards(out, attribute: attribute, original: original)
        let value = CPEAttribute.value(String(decoding: out, as: UTF8.self))
        if attribute == .language { try WFN.validateLanguage(value) }
        return value
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar {
        case "0"..."9": UInt8(scalar.value - 48)
        case "a"..."f": UInt8(scalar.value - 97 + 10)
        case "A"..."F": UInt8(scalar.value - 65 + 10)
        default: nil
        }
    }
}
