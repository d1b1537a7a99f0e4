import Foundation

/// Traffic Light Protocol 2.0 (FIRST) marking of a shared item: who may receive it.
public enum TLP: String, Sendable, Codable, CaseIterable, Comparable {
    case clear = "CLEAR"
    case green = "GREEN"
    case amber = "AMBER"
    case amberStrict = "AMBER+STRICT"
    case red = "RED"

    /// Accepts "TLP:AMBER", "amber", "white" (TLP 1.0 name of CLEAR), case-insensitive.
    public init?(label: String) {
        var text = label.trimmingCharacters(in: .whitespaces).uppercased()
        if text.hasPrefix("TLP:") { text.removeFirst(4) }
        if text == "WHITE" { text = "CLEAR" }
        self.init(rawValue: text)
    }

    /// "TLP:AMBER+STRICT".
    public var label: String { "TLP:\(rawValue)" }

    /// Only TLP:CLEAR may be published to the world (e.g. in the public Atom feed).
    public var isPublic: Bool { self == .clear }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: TLP, rhs: TLP) -> Bool { lhs.rank < rhs.rank }

    public var vietnamese: String {
        switch self {
        case .clear: "Công khai, không hạn chế"
        case .green: "Trong cộng đồng (các đơn vị của tỉnh)"
        case .amber: "Trong tổ chức nhận và khách hàng cần biết"
        case .amberStrict: "Chỉ trong tổ chức nhận"
        case .red: "Chỉ người nhận được nêu tên"
        }
    }

    public var english: String {
        switch self {
        case .clear: "Public, no restriction"
        case .green: "Within the community (the province's units)"
        case .amber: "Recipients' organisations and clients who need to know"
        case .amberStrict: "Recipients' organisations only"
        case .red: "Named recipients only"
        }
    }
}
