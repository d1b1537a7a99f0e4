import Foundation

extension InitialIncidentReport {
    /// The longest one-line text (names, position, providers, …): 255 characters, as on the national form.
    public static let shortTextLimit = 255
    /// The longest free text (summary, purpose, services, measures, support details …): 5000 characters.
    public static let longTextLimit = 5000
    /// The most domains or IP addresses in one list: 100.
    public static let maxListEntries = 100
    /// The security levels of information systems (Decree 85/2016/NĐ-CP).
    public static let securityLevels: ClosedRange<Int> = 1...5
    /// How far in the future a time may be, for clock skew: 5 minutes.
    public static let allowedClockSkew: TimeInterval = IncidentFormValidator.clockSkew

    /// Checks every field and returns the normalised copy to store, or throws every problem found, in the order of
    /// the properties, each on its property's name:
    ///
    /// - texts are trimmed (one-line ones have their whitespace runs collapsed, control and invisible format
    ///   characters removed, everything in NFC); blank optional texts become `nil`;
    /// - required: `reporterOrganization`, `reporterName`, `reporterPhone`, `reporterEmail`, `operatingUnit`,
    ///   `owningAgency`, `systemName`, `summary`, and `supportDetails` when `supportRequested`;
    /// - `reporterEmail` is `local@domain` with a real domain name (returned with the domain in lower case);
    ///   `reporterPhone` is Vietnamese: 10 digits starting with 0, 11 digits starting with 02 (fixed lines), or
    ///   +84 instead of the 0; spaces, dots, hyphens and parentheses allowed (returned without them);
    /// - `domains` and `ipAddresses`/`publicIPs` are checked entry by entry (each bad entry named; blank entries
    ///   dropped; duplicates removed; IPv6 in RFC 5952 form); `publicIPs` refuses internal addresses; at most
    ///   `maxListEntries` each;
    /// - `securityLevel` is 1–5;
    /// - `detectionMethod` `.other` needs a description; `notifiedParties` `.other` needs a name (duplicates
    ///   removed);
    /// - `detectedAt` is not after `now` + 5 minutes and not before 2000; `reportedAt` is not after `now` + 5
    ///   minutes and not before `detectedAt`;
    /// - one-line texts at most `shortTextLimit` characters, free texts at most `longTextLimit`.
    public func validated(now: Date) throws(IncidentValidationError) -> InitialIncidentReport {
        var v = IncidentFormValidator()
        let short = Self.shortTextLimit, long = Self.longTextLimit
        var copy = self

        copy.reporterOrganization = v.required(reporterOrganization, field: "reporterOrganization",
                                               vietnamese: "tên tổ chức báo cáo sự cố",
                                               english: "the reporting organisation", limit: short)
        copy.reporterAddress = v.optional(reporterAddress, field: "reporterAddress",
                                          vietnamese: "địa chỉ tổ chức báo cáo",
                                          english: "the reporting organisation's address", limit: short)
        copy.reporterName = v.required(reporterName, field: "reporterName", vietnamese: "họ và tên người liên hệ",
                                       english: "the contact person's name", limit: short)
        copy.reporterPosition = v.optional(reporterPosition, field: "reporterPosition",
                                           vietnamese: "chức vụ người liên hệ",
                                           english: "the contact person's position", limit: short)
        copy.reporterPhone = v.phone(reporterPhone, field: "reporterPhone",
                                     vietnamese: "số điện thoại người liên hệ",
                                     english: "the contact person's telephone number")
        copy.reporterEmail = v.email(reporterEmail, field: "reporterEmail",
                                     vietnamese: "thư điện tử người liên hệ",
                                     english: "the contact person's e-mail address")

        copy.operatingUnit = v.required(operatingUnit, field: "operatingUnit",
                                        vietnamese: "tên đơn vị vận hành hệ thống thông tin",
                                        english: "the operating unit", limit: short)
        copy.owningAgency = v.required(owningAgency, field: "owningAgency", vietnamese: "tên cơ quan chủ quản",
                                       english: "the governing agency", limit: short)
        copy.systemName = v.required(systemName, field: "systemName", vietnamese: "tên hệ thống bị sự cố",
                                     english: "the affected system's name", limit: short)
        copy.domains = v.domains(domains, field: "domains", maxEntries: Self.maxListEntries)
        copy.ipAddresses = v.ipAddresses(ipAddresses, field: "ipAddresses", publicOnly: false,
                                         maxEntries: Self.maxListEntries)
        if let level = securityLevel, !Self.securityLevels.contains(level) {
            v.add("securityLevel", "Cấp độ của hệ thống thông tin là \(level); phải từ 1 đến 5.",
                  "The system's security level is \(level); it must be 1 to 5.")
        }
        copy.securityProvider = v.optional(securityProvider, field: "securityProvider",
                                           vietnamese: "tên tổ chức cung cấp dịch vụ an toàn thông tin",
                                           english: "the security service provider", limit: short)
        copy.connectivityProvider = v.optional(connectivityProvider, field: "connectivityProvider",
                                               vietnamese: "tên nhà cung cấp dịch vụ kết nối",
                                               english: "the connectivity provider", limit: short)
        copy.purpose = v.optional(purpose, field: "purpose", vietnamese: "mục đích sử dụng hệ thống",
                                  english: "the system's purpose", limit: long, multiline: true)
        copy.operatingSystems = v.optional(operatingSystems, field: "operatingSystems", vietnamese: "hệ điều hành",
                                           english: "the list of operating systems", limit: long, multiline: true)
        copy.services = v.optional(services, field: "services", vietnamese: "các dịch vụ trên hệ thống",
                                   english: "the list of services", limit: long, multiline: true)
        copy.securityMeasures = v.optional(securityMeasures, field: "securityMeasures",
                                           vietnamese: "các biện pháp an toàn thông tin đã triển khai",
                                           english: "the list of security measures in place", limit: long, multiline: true)
        copy.publicIPs = v.ipAddresses(publicIPs, field: "publicIPs", publicOnly: true,
                                       maxEntries: Self.maxListEntries)

        copy.summary = v.required(summary, field: "summary", vietnamese: "mô tả sơ bộ về sự cố",
                                  english: "the summary of the incident", limit: long, multiline: true)
        v.pastInstant(detectedAt, field: "detectedAt", vietnamese: "thời điểm phát hiện sự cố",
                      english: "the detection time", now: now)
        copy.detectionMethod = Self.validated(detectionMethod, &v)
        copy.notifiedParties = Self.validated(notifiedParties, &v)

        if supportRequested {
            copy.supportDetails = v.required(supportDetails ?? "", field: "supportDetails",
                                             vietnamese: "nội dung đề nghị hỗ trợ", english: "the description of the support requested",
                                             limit: long, multiline: true)
        } else {
            copy.supportDetails = v.optional(supportDetails, field: "supportDetails",
                                             vietnamese: "nội dung đề nghị hỗ trợ",
                                             english: "the description of the support requested", limit: long, multiline: true)
        }
        if reportedAt > now.addingTimeInterval(Self.allowedClockSkew) {
            v.add("reportedAt", "Thời điểm báo cáo ở tương lai.", "The report time is in the future.")
        } else if reportedAt < detectedAt {
            v.add("reportedAt", "Thời điểm báo cáo sớm hơn thời điểm phát hiện sự cố.",
                  "The report time is earlier than the detection time.")
        }
        try v.check()
        return copy
    }

    private static func validated(_ method: IncidentDetectionMethod,
                                  _ v: inout IncidentFormValidator) -> IncidentDetectionMethod {
        switch method {
        case .externalNotification(let from):
            let name = v.optional(from, field: "detectionMethod", vietnamese: "tên nơi gửi thông báo",
                                  english: "the notifying party", limit: shortTextLimit)
            return .externalNotification(from: name)
        case .other(let text):
            let text = v.required(text, field: "detectionMethod", vietnamese: "mô tả cách thức phát hiện khác",
                                  english: "the description of the other detection method", limit: shortTextLimit)
            return .other(text)
        case .monitoringSystem, .logReview, .userReport, .audit:
            return method
        }
    }

    private static func validated(_ parties: [NotifiedParty], _ v: inout IncidentFormValidator) -> [NotifiedParty] {
        var result: [NotifiedParty] = []
        guard parties.count <= maxListEntries else {
            v.checkCount(parties.count, field: "notifiedParties", maxEntries: maxListEntries, vietnamese: "nơi đã được thông báo",
                         english: "notified parties")
            return result
        }
        for party in parties {
            var party = party
            if case .other(let name) = party {
                let name = v.required(name, field: "notifiedParties", vietnamese: "tên nơi đã được thông báo (mục Khác)",
                                      english: "the name of the other notified party", limit: shortTextLimit)
                if name.isEmpty { continue }
                party = .other(name)
            }
            if !result.contains(party) { result.append(party) }
        }
        return result
    }
}
