import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
@testable import TrucApp

/// CVEs on the Struts fixture asset with different CVSS, KEV and EPSS, and EPSS files written to a temporary folder.
enum EPSSFixtures {
    /// Extra CVEs matching the same Struts range as CVE-2017-5638 (critical 10.0): (id, CVSS 3.1 vector).
    static let extra: [(id: String, vector: String)] = [
        ("CVE-2099-0101", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"),  // 5.3 medium
        ("CVE-2099-0102", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"),  // 7.5 high
        ("CVE-2099-0103", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"),  // 7.5 high
        ("CVE-2099-0104", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"),  // 5.3 medium
    ]

    static func record(_ id: String, vector: String) throws -> CVERecord {
        let criterion = try CPEMatchCriterion(criteria: VulnerabilityFixtures.strutsCPE, vulnerable: true, versionStartIncluding: "2.5",
                                              versionEndExcluding: "2.5.10.1")
        return CVERecord(id: id, description: "Test CVE \(id) in Apache Struts.", published: Date(timeIntervalSince1970: 1_700_000_000),
                         metrics: [try CVSSMetric(vector: vector)],
                         configurations: [CPEConfiguration(nodes: [CPEConfiguration.Node(criteria: [criterion])])])
    }

    /// The Sở A inventory with five findings on the Struts asset (CVE-2017-5638 and `extra`).
    static func inventory(_ w: TestWorld) async throws -> VulnerabilityFixtures.Inventory {
        _ = try await VulnerabilityStore.upsertNVD(try extra.map { try record($0.id, vector: $0.vector) }, on: w.db)
        return try await VulnerabilityFixtures.deptAInventory(w)
    }

    /// A FIRST-style file: the comment line, the header, the rows as given.
    static func csv(day: String = "2026-12-01", model: String = "v2025.03.14", rows: [String]) -> String {
        "#model_version:\(model),score_date:\(day)T00:00:00+0000\ncve,epss,percentile\n" + rows.joined(separator: "\n") + "\n"
    }

    /// A temporary folder, removed by the caller.
    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("truc-epss-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// gzip (the system's `gzip -n`) of a file: the path of the `.gz` beside it.
    static func gzip(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-n", "-k", "-f", path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gzip \(path) failed")
        return path + ".gz"
    }

    /// Marks a CVE as in KEV (no CISA due date) and refreshes its findings.
    static func markKEV(_ id: String, _ w: TestWorld) async throws {
        let vulnerability = try #require(try await Vulnerability.find(id, on: w.db))
        vulnerability.kev = true
        try await vulnerability.save(on: w.db)
        _ = try await MatchingService.refreshFindings(cveIDs: [id], on: w.db, zone: w.app.config.timeZone)
    }

    static func finding(_ cve: String, _ w: TestWorld) async throws -> Finding {
        try #require(try await Finding.query(on: w.db).filter(\.$vulnerability.$id == cve).first())
    }
}
