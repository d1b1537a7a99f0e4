import Foundation

/// The person filing an initial report, as the platform knows them: fills the report's "reporting organisation"
/// and contact-person fields (`InitialIncidentReport.prefill(system:reporter:…)`).
public struct IncidentReporter: Sendable, Codable, Equatable {
    /// Họ và tên.
    public var name: String
    /// Thư điện tử.
    public var email: String
    /// Điện thoại.
    public var phone: String
    /// Chức vụ, if known.
    public var title: String?
    /// The unit the person reports for (tổ chức báo cáo).
    public var unitName: String
    /// That unit's postal address, if known.
    public var unitAddress: String?

    public init(name: String, email: String, phone: String, title: String? = nil, unitName: String,
                unitAddress: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
        self.title = title
        self.unitName = unitName
        self.unitAddress = unitAddress
    }
}
