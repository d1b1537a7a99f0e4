/// The eleven attributes of a CPE 2.3 well-formed name (WFN), in binding order (NISTIR 7695 §5.2).
public enum CPEAttributeName: Int, CaseIterable, Sendable, Hashable, Comparable, CustomStringConvertible {
    case part, vendor, product, version, update, edition, language
    case softwareEdition, targetSoftware, targetHardware, other

    /// The attribute's name in the specification: `part`, …, `sw_edition`, `target_sw`, `target_hw`, `other`.
    public var specName: String {
        switch self {
        case .part: "part"
        case .vendor: "vendor"
        case .product: "product"
        case .version: "version"
        case .update: "update"
        case .edition: "edition"
        case .language: "language"
        case .softwareEdition: "sw_edition"
        case .targetSoftware: "target_sw"
        case .targetHardware: "target_hw"
        case .other: "other"
        }
    }

    public var description: String { specName }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
