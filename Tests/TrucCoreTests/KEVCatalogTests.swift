import Foundation
import Testing
import TrucCore

/// The CISA KEV catalog: the shared copy (`../shared/data/kev`, skipped when absent) and small made-up catalogs.
@Suite struct KEVCatalogTests {
    static let catalogURL: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent() // TrucCoreTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // repository
        .deletingLastPathComponent() // its parent, which holds shared/
        .appendingPathComponent("shared/data/kev/known_exploited_vulnerabilities.json")
    static let hasSharedData = FileManager.default.fileExists(atPath: catalogURL.path)

    @Test(.enabled(if: hasSharedData, "needs ../shared/data/kev"))
    func sharedCatalog() throws {
        let data = try Data(contentsOf: Self.catalogURL)
        let catalog = try KEVCatalog(data: data)
        let stated = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])["count"] as? Int
        #expect(catalog.entries.count == stated)
        #expect(catalog.statedCount == stated)
        #expect(catalog.skipped.isEmpty)
        #expect(catalog.title == "CISA Catalog of Known Exploited Vulnerabilities")
        #expect(catalog.catalogVersion == "2025.08.25")
        // "2025-08-25T17:04:19.9796Z"
        let released = try #require(catalog.dateReleased)
        #expect(abs(released.timeIntervalSince(Fixture.utc(2025, 8, 25, 17, 4, 19)) - 0.9796) < 1e-6)

        let log4shell = try #require(catalog.entries.first { $0.cveID == "CVE-2021-44228" })
        #expect(log4shell.vendorProject == "Apache" && log4shell.product == "Log4j2")
        #expect(log4shell.knownRansomwareCampaignUse)
        #expect(log4shell.dateAdded == LocalDay(year: 2021, month: 12, day: 10))
        #expect(log4shell.dueDate == LocalDay(year: 2021, month: 12, day: 24))
        #expect(log4shell.cwes == ["CWE-20", "CWE-400", "CWE-502"])
        #expect(log4shell.notes == "https://nvd.nist.gov/vuln/detail/CVE-2021-44228")
        // "Unknown" is not known ransomware use.
        #expect(catalog.entries.contains { !$0.knownRansomwareCampaignUse })
        #expect(Set(catalog.entries.map(\.cveID)).count == catalog.entries.count)
    }

    static func entry(_ id: String?, added: String = "2024-01-02", due: String? = "2024-01-23",
                      ransomware: String = "Unknown") -> [String: Any] {
        var entry: [String: Any] = [
            "vendorProject": "Vendor", "product": "Product", "vulnerabilityName": "Name", "dateAdded": added,
            "shortDescription": "Short", "requiredAction": "Patch", "knownRansomwareCampaignUse": ransomware,
            "notes": "", "cwes": ["CWE-79"],
        ]
        if let id { entry["cveID"] = id }
        if let due { entry["dueDate"] = due }
        return entry
    }

    static func catalog(_ entries: [Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: [
            "title": "Test", "catalogVersion": "1", "dateReleased": "2024-01-02T03:04:05.000Z",
            "count": entries.count, "vulnerabilities": entries,
        ])
    }

    @Test func badEntriesAreSkippedOthersKept() throws {
        let catalog = try KEVCatalog(data: Self.catalog([
            Self.entry("CVE-2024-0001", ransomware: "Known"),
            Self.entry(nil),
            Self.entry("CVE-2024-0003", added: "2024-02-30"),
            Self.entry("CVE-2024-0004", due: nil),
            "not an object",
            Self.entry("CVE-2024-0006", due: "soon"),
            Self.entry("2024-0007"),
        ]))
        #expect(catalog.entries.map(\.cveID) == ["CVE-2024-0001", "CVE-2024-0004"])
        #expect(catalog.entries[0].knownRansomwareCampaignUse)
        #expect(catalog.entries[0].dueDate == LocalDay(year: 2024, month: 1, day: 23))
        #expect(catalog.entries[1].dueDate == nil && !catalog.entries[1].knownRansomwareCampaignUse)
        #expect(catalog.skipped.map(\.index) == [1, 2, 4, 5, 6])
        #expect(catalog.skipped.map(\.id) == [nil, "CVE-2024-0003", nil, "CVE-2024-0006", "2024-0007"])
        #expect(catalog.skipped[1].reason.contains("dateAdded \"2024-02-30\""))
        #expect(catalog.dateReleased == Fixture.utc(2024, 1, 2, 3, 4, 5))
    }

    @Test func entryRoundTripsThroughJSON() throws {
        let catalog = try KEVCatalog(data: Self.catalog([Self.entry("CVE-2024-0001")]))
        let entry = try #require(catalog.entries.first)
        let decoded = try JSONDecoder().decode(KEVEntry.self, from: JSONEncoder().encode(entry))
        #expect(decoded == entry)
    }

    @Test(arguments: [#"{"vulnerabilities": 3}"#, #"[1, 2]"#, "not json", #"{"title": "x"}"#])
    func notACatalogThrows(text: String) throws {
        #expect {
            _ = try KEVCatalog(data: Data(text.utf8))
        } throws: { error in
            guard let error = error as? FeedError, case .unknownFormat = error else { return false }
            return !error.vietnamese.isEmpty
        }
    }
}
