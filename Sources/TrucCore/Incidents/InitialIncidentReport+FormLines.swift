import Foundation

extension InitialIncidentReport {
    /// The fields of Mẫu 03 (Circular 20/2017/TT-BTTTT) in the form's order, dates in `timeZone`.
    public func formLines(timeZone: TimeZone) -> [IncidentFormLine] {
        func join(_ parts: [String?], _ separator: String) -> String {
            parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: separator)
        }
        return [
            IncidentFormLine("1. Tên tổ chức báo cáo", reporterOrganization),
            IncidentFormLine("Địa chỉ", reporterAddress ?? ""),
            IncidentFormLine("Người liên hệ", join([reporterName, reporterPosition], " – ")),
            IncidentFormLine("Điện thoại / E-mail", join([reporterPhone, reporterEmail], " / ")),
            IncidentFormLine("2. Đơn vị vận hành hệ thống", operatingUnit),
            IncidentFormLine("Cơ quan chủ quản", owningAgency),
            IncidentFormLine("Tên hệ thống bị sự cố", systemName),
            IncidentFormLine("Tên miền", domains.joined(separator: ", ")),
            IncidentFormLine("Địa chỉ IP", ipAddresses.joined(separator: ", ")),
            IncidentFormLine("Địa chỉ IP công cộng", publicIPs.joined(separator: ", ")),
            IncidentFormLine("Cấp độ an toàn hệ thống", securityLevel.map(String.init) ?? ""),
            IncidentFormLine("Đơn vị cung cấp dịch vụ an toàn / kết nối", join([securityProvider, connectivityProvider], " / ")),
            IncidentFormLine("Mục đích sử dụng", purpose ?? ""),
            IncidentFormLine("Hệ điều hành", operatingSystems ?? ""),
            IncidentFormLine("Các dịch vụ", services ?? ""),
            IncidentFormLine("Biện pháp an toàn đã triển khai", securityMeasures ?? ""),
            IncidentFormLine("3. Mô tả sơ bộ sự cố", summary),
            IncidentFormLine("Thời điểm phát hiện", VNDateFormat.format(detectedAt, timeZone: timeZone)),
            IncidentFormLine("Tình trạng hiện tại", currentStatus.vietnamese),
            IncidentFormLine("Cách thức phát hiện", detectionMethod.vietnamese),
            IncidentFormLine("Đã thông báo cho", notifiedParties.map(\.vietnamese).joined(separator: "; ")),
            IncidentFormLine("Đề nghị giữ bí mật", keepConfidential ? "Có" : "Không"),
            IncidentFormLine("Đề nghị hỗ trợ", supportRequested ? join(["Có", supportDetails], ": ") : "Không"),
            IncidentFormLine("Thời gian báo cáo", VNDateFormat.format(reportedAt, timeZone: timeZone)),
        ]
    }
}
