import Foundation
@testable import TrucCore

/// Fixed instants and a complete, valid initial report for the incident tests (no wall clock anywhere).
enum IncidentSamples {
    /// An instant given in UTC, computed independently of TrucCore.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0,
                    _ second: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute,
                                                  second: second))!
    }

    static let detectedAt = utc(2026, 4, 29, 1, 30)
    static let reportedAt = utc(2026, 4, 29, 3, 0)
    static let now = utc(2026, 4, 29, 3, 5)

    static var report: InitialIncidentReport {
        InitialIncidentReport(
            reporterOrganization: "Sở Y tế", reporterAddress: "01 Đường Lê Lợi", reporterName: "Nguyễn Văn An",
            reporterPosition: "Chuyên viên CNTT", reporterPhone: "0912 345 678", reporterEmail: "an.nv@syt.example.gov.vn",
            operatingUnit: "Trung tâm CNTT Sở Y tế", owningAgency: "Sở Y tế", systemName: "Cổng thông tin điện tử",
            domains: ["syt.example.gov.vn"], ipAddresses: ["203.0.113.10", "10.0.0.5"], securityLevel: 2,
            securityProvider: "VNPT", connectivityProvider: "Viettel", purpose: "Cung cấp thông tin cho người dân",
            operatingSystems: "Ubuntu 22.04", services: "Web, DNS", securityMeasures: "Tường lửa, WAF",
            publicIPs: ["203.0.113.10"],
            summary: "Trang chủ bị thay đổi giao diện, hiển thị nội dung lạ.", detectedAt: detectedAt,
            currentStatus: .contained, detectionMethod: .monitoringSystem, notifiedParties: [.vncert, .owningAgency],
            keepConfidential: true, supportRequested: false, supportDetails: nil, reportedAt: reportedAt)
    }

    static func problems(_ body: () throws(IncidentValidationError) -> Void) -> IncidentValidationError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }
}
