import Foundation

extension FinalIncidentReport {
    /// The fields of Mẫu 04 (Circular 20/2017/TT-BTTTT) after the incident's own lines, dates in `timeZone`.
    public func formLines(reference: String, title: String, systemName: String?, detectedAt: Date,
                          timeZone: TimeZone) -> [IncidentFormLine] {
        [
            IncidentFormLine("Sự cố", "\(reference): \(title)"),
            IncidentFormLine("Hệ thống", systemName ?? ""),
            IncidentFormLine("Thời điểm phát hiện", VNDateFormat.format(detectedAt, timeZone: timeZone)),
            IncidentFormLine("Thời điểm khắc phục", VNDateFormat.format(resolvedAt, timeZone: timeZone)),
            IncidentFormLine("Diễn biến, nguyên nhân", whatHappened),
            IncidentFormLine("Thiệt hại, ảnh hưởng", impact),
            IncidentFormLine("Các biện pháp đã xử lý", actionsTaken),
            IncidentFormLine("Nguyên nhân gốc", rootCause),
            IncidentFormLine("Biện pháp phòng ngừa tái diễn", preventionMeasures),
            IncidentFormLine("Kiến nghị", recommendations ?? ""),
        ]
    }
}
