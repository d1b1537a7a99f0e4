import Foundation
import Testing
@testable import TrucCore

@Suite struct IncidentClassificationTests {
    @Test func severity() throws {
        #expect(IncidentSeverity.allCases.map(\.rawValue) == ["low", "medium", "high", "critical"])
        #expect(IncidentSeverity.allCases.map(\.vietnamese) == ["Thấp", "Trung bình", "Cao", "Nghiêm trọng"])
        #expect(IncidentSeverity.low < .medium && IncidentSeverity.high < .critical)
        #expect(IncidentSeverity.allCases.filter(\.mayBeSeriousIncident) == [.critical])
        #expect(IncidentSeverity(label: " nghiêm trọng ") == .critical)
        #expect(IncidentSeverity(label: "Trung bình") == .medium)
        #expect(IncidentSeverity(label: "HIGH") == .high)
        #expect(IncidentSeverity(label: "urgent") == nil)
        let data = try JSONEncoder().encode([IncidentSeverity.critical])
        #expect(String(decoding: data, as: UTF8.self) == #"["critical"]"#)
    }

    @Test func category() throws {
        #expect(IncidentCategory.allCases.map(\.rawValue) == [
            "ddos", "malware", "ransomware", "unauthorized_access", "defacement", "phishing", "data_leak",
            "vulnerability_exploitation", "apt", "scanning", "other",
        ])
        #expect(Set(IncidentCategory.allCases.map(\.vietnamese)).count == IncidentCategory.allCases.count)
        #expect(Set(IncidentCategory.allCases.map(\.english)).count == IncidentCategory.allCases.count)
        #expect(IncidentCategory.defacement.vietnamese == "Tấn công thay đổi giao diện (deface)")
        #expect(IncidentCategory.dataLeak.vietnamese == "Rò rỉ, lộ lọt dữ liệu")
        #expect(try JSONDecoder().decode(IncidentCategory.self, from: Data(#""data_leak""#.utf8)) == .dataLeak)
    }

    @Test func statusLabels() {
        #expect(IncidentStatus.allCases.map(\.rawValue)
            == ["reported", "triaged", "in_progress", "contained", "resolved", "closed", "rejected"])
        #expect(IncidentStatus.allCases.map(\.vietnamese) == ["Đã báo cáo", "Đã phân loại", "Đang xử lý", "Đã ngăn chặn",
                                                             "Đã khắc phục", "Đã đóng", "Không phải sự cố"])
        #expect(IncidentStatus.allCases.filter { !$0.isOpen } == [.closed, .rejected])
        #expect(IncidentStatus.allCases.filter(\.isActive) == [.reported, .triaged, .inProgress])
        #expect(Set(IncidentCurrentStatus.allCases.map(\.vietnamese)).count == 4)
        #expect(IncidentCurrentStatus.unknown.vietnamese == "Chưa xác định")
    }

    @Test func detectionMethodCoding() throws {
        let all: [IncidentDetectionMethod] = [.monitoringSystem, .logReview, .userReport,
                                              .externalNotification(from: "VNCERT/CC"), .externalNotification(from: nil),
                                              .audit, .other("Đối tác báo")]
        #expect(all.map(\.kind) == ["monitoring_system", "log_review", "user_report", "external_notification",
                                    "external_notification", "audit", "other"])
        let data = try JSONEncoder().encode(all)
        #expect(try JSONDecoder().decode([IncidentDetectionMethod].self, from: data) == all)
        #expect(String(decoding: try JSONEncoder().encode(IncidentDetectionMethod.audit), as: UTF8.self)
            == #"{"kind":"audit"}"#)
        #expect(IncidentDetectionMethod(kind: "external_notification", details: "  ") == .externalNotification(from: nil))
        #expect(IncidentDetectionMethod(kind: "audit", details: "ignored") == .audit)
        #expect(IncidentDetectionMethod(kind: "psychic", details: nil) == nil)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(IncidentDetectionMethod.self, from: Data(#"{"kind":"psychic"}"#.utf8))
        }
        #expect(IncidentDetectionMethod.externalNotification(from: "NCSC").vietnamese == "Nhận được thông báo từ NCSC")
        #expect(IncidentDetectionMethod.other("x").english == "Other: x")
        #expect(IncidentDetectionMethod.kinds == all.map(\.kind).reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        })
    }

    @Test func notifiedPartyCoding() throws {
        let all = NotifiedParty.standard + [.other("Bộ Công an")]
        #expect(all.map(\.kind) == NotifiedParty.kinds)
        let data = try JSONEncoder().encode(all)
        #expect(try JSONDecoder().decode([NotifiedParty].self, from: data) == all)
        #expect(String(decoding: try JSONEncoder().encode(NotifiedParty.vncert), as: UTF8.self) == #"{"kind":"vncert"}"#)
        #expect(NotifiedParty(kind: "ncsc") == .ncsc)
        #expect(NotifiedParty(kind: "other", details: "A") == .other("A"))
        #expect(NotifiedParty(kind: "nobody") == nil)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(NotifiedParty.self, from: Data(#"{"kind":"nobody"}"#.utf8))
        }
        #expect(NotifiedParty.vncert.vietnamese.contains("VNCERT/CC"))
        #expect(NotifiedParty.authorityOfInformationSecurity.vietnamese == "Cục An toàn thông tin")
        #expect(Set(all.map(\.english)).count == all.count)
    }
}
