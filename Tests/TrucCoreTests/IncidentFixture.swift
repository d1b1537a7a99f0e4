import Foundation
@testable import TrucCore

/// A sample incident for the STIX and MISP export tests; every date is fixed.
enum IncidentFixture {
    static let producer = (id: UUID(uuidString: "0A5E1C2D-3B4F-4A6B-8C7D-9E0F1A2B3C4D")!,
                           name: "Sở Thông tin và Truyền thông tỉnh Lâm Đồng")
    /// 2026-11-24T08:15:30.250Z.
    static let now = Date(timeIntervalSince1970: 1_795_508_130.25)
    static let incidentID = UUID(uuidString: "11111111-2222-4333-8444-555555555555")!
    static let unitID = UUID(uuidString: "66666666-7777-4888-9999-AAAAAAAAAAAA")!

    static let md5 = "d41d8cd98f00b204e9800998ecf8427e"
    static let sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709"
    static let sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Ten distinct observables of every kind (one given twice), a URL with a quote among them.
    static let observables: [Observable] = [
        (ObservableKind.ipv4, "203.0.113.7"), (.ipv6, "2001:db8::7"), (.domain, "c2.evil.example"),
        (.url, "https://evil.example/path?a=1"), (.url, "https://evil.example/it's"), (.email, "attacker@evil.example"),
        (.md5, md5), (.sha1, sha1), (.sha256, sha256), (.cve, "CVE-2021-44228"), (.cve, "cve-2023-4966"),
        (.ipv4, "203.0.113.7"),
    ].map { try! Observable(kind: $0.0, value: $0.1) }

    static func incident(tlp: TLP = .amberStrict, confidential: Bool = false,
                         observables: [Observable] = observables) -> IncidentExport {
        IncidentExport(
            id: incidentID,
            reference: "SC-2026-0001",
            title: "Máy chủ cổng thông tin kết nối tới máy chủ điều khiển",
            description: "Máy chủ 203.0.113.7 của Sở Tài chính kết nối tới hxxps://evil[.]example/path?a=1; "
                + "nghi khai thác CVE-2021-44228 (\"Log4Shell\").",
            createdAt: Date(timeIntervalSince1970: 1_795_199_400),   // 2026-11-20T18:30:00Z
            modifiedAt: Date(timeIntervalSince1970: 1_795_489_200),  // 2026-11-24T03:00:00Z
            detectedAt: Date(timeIntervalSince1970: 1_795_195_800),  // 2026-11-20T17:30:00Z, 00:30 on the 21st in Vietnam
            reportedAt: Date(timeIntervalSince1970: 1_795_199_400),
            status: "investigating",
            severity: "high",
            category: "malware",
            tlp: tlp,
            reporter: IncidentExportReporter(unitID: unitID, name: "Sở Tài chính tỉnh Lâm Đồng", contactName: "Nguyễn Văn An",
                                       contactEmail: "an.nv@stc.lamdong.gov.vn", contactPhone: "0263 3822 000"),
            observables: observables,
            confidential: confidential)
    }

    static func bundle(tlp: TLP = .amberStrict, confidential: Bool = false,
                       observables: [Observable] = observables) -> STIXBundle {
        STIXBundle.make(from: incident(tlp: tlp, confidential: confidential, observables: observables),
                        producer: producer, now: now)
    }
}
