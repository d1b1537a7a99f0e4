import Foundation

/// The initial incident report, "Báo cáo ban đầu sự cố" — form Mẫu 03 of Circular 20/2017/TT-BTTTT (Thông tư
/// 20/2017/TT-BTTTT quy định về điều phối, ứng cứu sự cố an toàn thông tin mạng trên toàn quốc), which the unit
/// operating an affected system sends to the national coordinator and to its response team. The form's
/// footnotes: fields marked (*) are required, and an e-mail carrying it has a subject starting with "[TBSC]"
/// (`TBSCSubject`).
///
/// The properties follow the form's groups: the reporting organisation and its contact person, the affected
/// system, the incident, the additional information about the system, confidentiality, support and the time of
/// the report. Values are stored as entered; `validated(now:)` checks them all and returns the normalised copy to
/// store. The deadline for sending it is `ReportingClock`.
public struct InitialIncidentReport: Sendable, Codable, Equatable {
    // MARK: Thông tin về tổ chức/cá nhân báo cáo sự cố

    /// Tên tổ chức/cá nhân báo cáo sự cố (*): the reporting unit.
    public var reporterOrganization: String
    /// Địa chỉ of the reporting organisation. Marked (*) on the paper form; optional here because the platform
    /// knows every unit's address from its directory and prints it from there when it is not given.
    public var reporterAddress: String?
    /// Người liên hệ — họ và tên (*).
    public var reporterName: String
    /// Người liên hệ — chức vụ.
    public var reporterPosition: String?
    /// Người liên hệ — điện thoại (*): a Vietnamese number (see `validated(now:)`).
    public var reporterPhone: String
    /// Người liên hệ — email (*).
    public var reporterEmail: String

    // MARK: Thông tin chi tiết về hệ thống bị sự cố

    /// Tên đơn vị vận hành hệ thống thông tin (*): the unit operating (or contracted to operate) the system.
    public var operatingUnit: String
    /// Cơ quan chủ quản: the agency the system belongs to. Required here (the platform always knows it).
    public var owningAgency: String
    /// Tên hệ thống bị sự cố. Required here (the platform tracks incidents per system).
    public var systemName: String
    /// Tên miền liên quan: the domain names involved (lower case, no final dot once validated).
    public var domains: [String]
    /// Địa chỉ IP liên quan: the addresses involved in the incident (internal ones allowed).
    public var ipAddresses: [String]
    /// Phân loại cấp độ của hệ thống thông tin (nếu có): security level 1–5 under Decree 85/2016/NĐ-CP.
    public var securityLevel: Int?
    /// Tổ chức cung cấp dịch vụ an toàn thông tin (nếu có).
    public var securityProvider: String?
    /// Nhà cung cấp dịch vụ kết nối bên ngoài (nếu có): the ISP.
    public var connectivityProvider: String?
    /// Mục đích chính sử dụng hệ thống.
    public var purpose: String?
    /// Hệ điều hành (and versions), as free text ("Ubuntu 22.04, Windows Server 2019").
    public var operatingSystems: String?
    /// Các dịch vụ có trên hệ thống (web, mail, DNS, VPN …), as free text.
    public var services: String?
    /// Các biện pháp an toàn thông tin đã triển khai (firewall, antivirus, IDS/IPS, WAF …), as free text.
    public var securityMeasures: String?
    /// Các địa chỉ IP của hệ thống: addresses used on the Internet only, no internal ones (the form's note).
    public var publicIPs: [String]

    // MARK: Sự cố

    /// Mô tả sơ bộ về sự cố (*): what happened, a first assessment, what may be disrupted, how sensitive the
    /// information involved is.
    public var summary: String
    /// Ngày và thời gian phát hiện sự cố (*).
    public var detectedAt: Date
    /// Hiện trạng sự cố (*).
    public var currentStatus: IncidentCurrentStatus
    /// Cách thức phát hiện (*).
    public var detectionMethod: IncidentDetectionMethod
    /// Đã gửi thông báo sự cố cho: whom the unit has already told (may be empty).
    public var notifiedParties: [NotifiedParty]

    // MARK: Bảo mật, hỗ trợ, thời gian

    /// "Các thông tin cung cấp trong thông báo sự cố này đều phải được giữ bí mật": the reporter asks that the
    /// report stay confidential.
    public var keepConfidential: Bool
    /// Kiến nghị, đề xuất hỗ trợ: whether the unit asks for help with the response.
    public var supportRequested: Bool
    /// What help is asked for; required when `supportRequested`.
    public var supportDetails: String?
    /// Thời gian thực hiện báo cáo sự cố (*).
    public var reportedAt: Date

    public init(reporterOrganization: String, reporterAddress: String? = nil, reporterName: String,
                reporterPosition: String? = nil, reporterPhone: String, reporterEmail: String,
                operatingUnit: String, owningAgency: String, systemName: String, domains: [String] = [],
                ipAddresses: [String] = [], securityLevel: Int? = nil, securityProvider: String? = nil,
                connectivityProvider: String? = nil, purpose: String? = nil, operatingSystems: String? = nil,
                services: String? = nil, securityMeasures: String? = nil, publicIPs: [String] = [],
                summary: String, detectedAt: Date, currentStatus: IncidentCurrentStatus,
                detectionMethod: IncidentDetectionMethod, notifiedParties: [NotifiedParty] = [],
                keepConfidential: Bool = false, supportRequested: Bool = false, supportDetails: String? = nil,
                reportedAt: Date) {
        self.reporterOrganization = reporterOrganization
        self.reporterAddress = reporterAddress
        self.reporterName = reporterName
        self.reporterPosition = reporterPosition
        self.reporterPhone = reporterPhone
        self.reporterEmail = reporterEmail
        self.operatingUnit = operatingUnit
        self.owningAgency = owningAgency
        self.systemName = systemName
        self.domains = domains
        self.ipAddresses = ipAddresses
        self.securityLevel = securityLevel
        self.securityProvider = securityProvider
        self.connectivityProvider = connectivityProvider
        self.purpose = purpose
        self.operatingSystems = operatingSystems
        self.services = services
        self.securityMeasures = securityMeasures
        self.publicIPs = publicIPs
        self.summary = summary
        self.detectedAt = detectedAt
        self.currentStatus = currentStatus
        self.detectionMethod = detectionMethod
        self.notifiedParties = notifiedParties
        self.keepConfidential = keepConfidential
        self.supportRequested = supportRequested
        self.supportDetails = supportDetails
        self.reportedAt = reportedAt
    }
}
