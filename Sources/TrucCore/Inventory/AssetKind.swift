import Foundation

/// What an inventoried asset is: a network device, a server, or a piece of software.
public enum AssetKind: String, Sendable, Codable, CaseIterable {
    /// Bộ định tuyến (also Wi-Fi access points and broadband routers).
    case router
    /// Thiết bị chuyển mạch.
    case `switch`
    /// Tường lửa (firewalls and UTM appliances).
    case firewall
    /// Máy chủ (physical or virtual, with its operating system).
    case server
    /// Phần mềm: an application or service running on a server.
    case software
    /// Khác.
    case other

    /// Routers, switches and firewalls.
    public var isNetworkDevice: Bool {
        switch self {
        case .router, .switch, .firewall: true
        case .server, .software, .other: false
        }
    }

    public var vietnamese: String {
        switch self {
        case .router: "Bộ định tuyến"
        case .switch: "Thiết bị chuyển mạch"
        case .firewall: "Tường lửa"
        case .server: "Máy chủ"
        case .software: "Phần mềm"
        case .other: "Khác"
        }
    }

    public var english: String {
        switch self {
        case .router: "Router"
        case .switch: "Switch"
        case .firewall: "Firewall"
        case .server: "Server"
        case .software: "Software"
        case .other: "Other"
        }
    }

    /// The CPE part an asset of this kind is usually named by: network devices and servers by their firmware or
    /// operating system (`o`), software by the application (`a`). `other` defaults to `a`.
    public var defaultCPEPart: CPEPart {
        switch self {
        case .router, .switch, .firewall, .server: .operatingSystem
        case .software, .other: .application
        }
    }

    /// Reads a kind as people type it: the raw value, the English or Vietnamese label, or a common synonym
    /// ("máy chủ", "may chu", "server", "sw", "fw", "ứng dụng", "application", "wifi"…); case-, accent-,
    /// space/underscore/hyphen-insensitive.
    public init?(label: String) {
        let key = Self.normalized(label)
        guard !key.isEmpty, let kind = Self.labels[key] else { return nil }
        self = kind
    }

    /// A short list of accepted spellings, for error messages.
    public static var acceptedLabelsHint: String {
        allCases.map { "\($0.rawValue) (\($0.vietnamese.lowercased()))" }.joined(separator: ", ")
    }

    /// Lower-case, accents folded, runs of spaces, `_`, `-`, `/` and `.` turned into one space.
    static func normalized(_ text: String) -> String {
        SearchText.fold(text)
            .split(whereSeparator: { $0.isWhitespace || $0 == "_" || $0 == "-" || $0 == "/" || $0 == "." })
            .joined(separator: " ")
    }

    private static let labels: [String: AssetKind] = {
        let synonyms: [AssetKind: [String]] = [
            .router: ["router", "routers", "rt", "bo dinh tuyen", "dinh tuyen", "thiet bi dinh tuyen", "wap",
                      "access point", "ap", "wifi", "wi fi", "diem truy cap", "broadband router", "gateway"],
            .switch: ["switch", "switches", "sw", "thiet bi chuyen mach", "chuyen mach", "bo chuyen mach", "l2",
                      "l3 switch", "core switch", "bridge"],
            .firewall: ["firewall", "firewalls", "fw", "tuong lua", "ngfw", "utm", "thiet bi tuong lua"],
            .server: ["server", "servers", "srv", "host", "may chu", "may chu ao", "vm", "virtual machine",
                      "may tinh", "computer", "workstation", "may tram"],
            .software: ["software", "application", "applications", "app", "phan mem", "ung dung",
                        "dich vu", "service", "he quan tri", "cms", "database", "co so du lieu"],
            .other: ["other", "others", "khac", "thiet bi khac", "loai khac"],
        ]
        var table: [String: AssetKind] = [:]
        for kind in allCases {
            for label in [kind.rawValue, kind.english, kind.vietnamese] + (synonyms[kind] ?? []) {
                table[normalized(label)] = kind
            }
        }
        return table
    }()
}
