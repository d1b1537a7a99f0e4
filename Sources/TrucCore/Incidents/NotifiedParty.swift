import Foundation

/// "Đã gửi thông báo sự cố cho" of the initial report (Mẫu 03): whom the unit has already told about the incident.
///
/// The national bodies are named as Circular 20/2017/TT-BTTTT and the provincial directives name them; when an
/// organisation is renamed or merged, `other` carries the new name.
///
/// Encoded as `{"kind": "vncert"}`, or `{"kind": "other", "details": "…"}` for `other`.
public enum NotifiedParty: Sendable, Hashable, Codable {
    /// Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam (VNCERT/CC), the national coordinator.
    case vncert
    /// Trung tâm Giám sát an toàn không gian mạng quốc gia (NCSC).
    case ncsc
    /// Cục An toàn thông tin.
    case authorityOfInformationSecurity
    /// Cơ quan công an.
    case police
    /// Cơ quan, đơn vị chủ quản (the agency the affected system belongs to).
    case owningAgency
    /// Doanh nghiệp cung cấp dịch vụ viễn thông, Internet (ISP).
    case isp
    /// The province's information-security unit (Đội ƯCSC of the province, its coordinator).
    case provincialCoordinator
    /// Someone else, named by the reporter (required, non-blank).
    case other(String)

    /// The kinds, as encoded in `kind`, in the order the form lists them.
    public static let kinds = ["vncert", "ncsc", "authority_of_information_security", "police", "owning_agency", "isp",
                               "provincial_coordinator", "other"]

    /// Every party but `other`, in the form's order.
    public static let standard: [NotifiedParty] = [.vncert, .ncsc, .authorityOfInformationSecurity, .police,
                                                    .owningAgency, .isp, .provincialCoordinator]

    /// The encoded kind ("vncert", "owning_agency", …).
    public var kind: String {
        switch self {
        case .vncert: "vncert"
        case .ncsc: "ncsc"
        case .authorityOfInformationSecurity: "authority_of_information_security"
        case .police: "police"
        case .owningAgency: "owning_agency"
        case .isp: "isp"
        case .provincialCoordinator: "provincial_coordinator"
        case .other: "other"
        }
    }

    /// A party from its encoded kind; `details` names the party for `other` and is ignored otherwise. `nil` for an
    /// unknown kind.
    public init?(kind: String, details: String? = nil) {
        if kind == "other" {
            self = .other(details ?? "")
            return
        }
        guard let party = Self.standard.first(where: { $0.kind == kind }) else { return nil }
        self = party
    }

    public var vietnamese: String {
        switch self {
        case .vncert: "Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam (VNCERT/CC)"
        case .ncsc: "Trung tâm Giám sát an toàn không gian mạng quốc gia (NCSC)"
        case .authorityOfInformationSecurity: "Cục An toàn thông tin"
        case .police: "Cơ quan công an"
        case .owningAgency: "Cơ quan, đơn vị chủ quản"
        case .isp: "Doanh nghiệp cung cấp dịch vụ viễn thông, Internet (ISP)"
        case .provincialCoordinator: "Đơn vị chuyên trách an toàn thông tin của tỉnh"
        case .other(let name): "Khác: \(name)"
        }
    }

    public var english: String {
        switch self {
        case .vncert: "Vietnam Computer Emergency Response Team (VNCERT/CC)"
        case .ncsc: "National Cyber Security Centre (NCSC)"
        case .authorityOfInformationSecurity: "Authority of Information Security"
        case .police: "The police"
        case .owningAgency: "The governing agency"
        case .isp: "The telecom or Internet provider (ISP)"
        case .provincialCoordinator: "The province's information-security unit"
        case .other(let name): "Other: \(name)"
        }
    }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey {
        case kind, details
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        guard let party = Self(kind: kind, details: try container.decodeIfPresent(String.self, forKey: .details)) else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container,
                                                   debugDescription: "Unknown notified party \"\(kind)\".")
        }
        self = party
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        if case .other(let name) = self { try container.encode(name, forKey: .details) }
    }
}
