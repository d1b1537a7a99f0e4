import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// Evidence goes in and out through one layer (`UploadedEvidence`, `EvidenceDownload`) built on TrucCore's
/// `EvidencePolicy`, for campaign answers and incidents alike: hostile file names come back harmless in
/// `Content-Disposition`, and active content (HTML, SVG) is only ever an attachment.
@Suite struct EvidenceTransferTests {
    typealias F = CampaignFixtures

    /// Names a browser or a script could send: header injection, quotes, path separators, very long, non-ASCII,
    /// bidirectional overrides.
    static let hostileNames = [
        "bao-cao\"; filename*=UTF-8''evil.html; x=\".txt",
        "nhat-ky\r\nSet-Cookie: truc_session=stolen\r\n.txt",
        "../../etc/passwd",
        "C:\\Windows\\System32\\drivers\\etc\\hosts.txt",
        String(repeating: "Đ", count: 440) + ".txt",
        "Báo cáo sự cố ‮txt.exe",
        "'`<script>`'; rm -rf / .log",
    ]

    static let text = Array("Nhật ký rà soát: không phát hiện bất thường.\n".utf8)

    /// Checks a `Content-Disposition` value: printable ASCII only, exactly one quoted `filename` without separators
    /// or quotes, and a `filename*` that decodes to `stored`, itself the policy's sanitised form of `original`.
    static func expectSafe(_ header: String?, stored: String, original: String,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        let value = try #require(header, sourceLocation: sourceLocation)
        #expect(value.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }, "\(value)", sourceLocation: sourceLocation)
        #expect(value.hasPrefix("attachment; filename=\""), "\(value)", sourceLocation: sourceLocation)
        #expect(value.filter { $0 == "\"" }.count == 2, "\(value)", sourceLocation: sourceLocation)
        let parts = value.components(separatedBy: "\"; filename*=UTF-8''")
        #expect(parts.count == 2, "\(value)", sourceLocation: sourceLocation)
        let ascii = String(parts[0].dropFirst("attachment; filename=\"".count))
        #expect(!ascii.contains(where: { "/\\;\r\n".contains($0) }), "\(ascii)", sourceLocation: sourceLocation)
        let decoded = try #require(parts.last?.removingPercentEncoding, sourceLocation: sourceLocation)
        #expect(decoded == stored, sourceLocation: sourceLocation)
        #expect(stored == EvidencePolicy.sanitizedFilename(original), sourceLocation: sourceLocation)
        #expect(stored.count <= EvidencePolicy.maxFilenameLength, sourceLocation: sourceLocation)
        #expect(!stored.contains(where: { "/\\\"';\r\n".contains($0) }), "\(stored)", sourceLocation: sourceLocation)
    }

    /// A JSON body carrying the file (`{"filename": ..., "data": base64}`), so that any name at all can be sent.
    static func fileJSON(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = ["filename": name, "data": Data(bytes).base64EncodedString()]
        return String(decoding: try JSONSerialization.data(withJSONObject: file), as: UTF8.self)
    }

    static func answer(_ w: TestWorld, campaign: CampaignDTO, filename: String, bytes: [UInt8]) async throws -> ReportDTO {
        let path = "/api/v1/campaigns/\(campaign.id)/items/\(campaign.items[0].id)/units/\(w.deptA.id!)/report"
        let json = #"{"status": "done", "note": "Đã rà soát", "evidence": \#(try fileJSON(filename, bytes))}"#
        let res = try await F.send(w, .POST, path, as: w.adminA, json: json)
        #expect(res.status == .ok, "\(res.body.string)")
        return try res.content.decode(ReportDTO.self)
    }

    static func incidentEvidence(_ w: TestWorld, incident: UUID, filename: String, bytes: [UInt8]) async throws -> IncidentEvidenceDTO {
        let json = #"{"note": "từ máy chủ web", "file": \#(try fileJSON(filename, bytes))}"#
        let res = try await F.send(w, .POST, "/api/v1/incidents/\(incident)/evidence", as: w.adminA, json: json)
        #expect(res.status == .created, "\(res.body.string)")
        return try res.content.decode(IncidentEvidenceDTO.self)
    }

    @Test(arguments: TestDatabase.available)
    func hostileNamesOfCampaignEvidenceComeBackSafe(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let c = try await F.campaign(w, items: [("Rà soát router/switch", ["state_agency"], nil)])
            var browser = try await BrowserSession.signIn(w.app, email: w.auditor.email)
            for name in Self.hostileNames {
                let report = try await Self.answer(w, campaign: c, filename: name, bytes: Self.text)
                let evidence = try #require(report.evidence)
                // The API download and the web page's link.
                for path in [evidence.downloadURL, "/evidence/\(evidence.id)"] {
                    let res = path.hasPrefix("/api/") ? try await F.get(w, path, as: w.auditor) : try await browser.get(path)
                    #expect(res.status == .ok, "\(path): \(res.body.string)")
                    try Self.expectSafe(res.headers.first(name: .contentDisposition), stored: evidence.filename, original: name)
                    #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                    #expect(Array(res.body.readableBytesView) == Self.text)
                }
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func hostileNamesOfIncidentEvidenceComeBackSafe(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let incident = try await IncidentFlowTests.create(w).incident.id
            for name in Self.hostileNames {
                let dto = try await Self.incidentEvidence(w, incident: incident, filename: name, bytes: Self.text)
                let res = try await F.get(w, "/api/v1/incidents/\(incident)/evidence/\(dto.id)", as: w.adminA)
                #expect(res.status == .ok, "\(res.body.string)")
                try Self.expectSafe(res.headers.first(name: .contentDisposition), stored: dto.filename, original: name)
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
            }
        }
    }

    static let activeContent: [(name: String, bytes: [UInt8])] = [
        ("trang.html", Array("<!doctype html><script>fetch('/api/v1/me')</script>".utf8)),
        ("logo.svg", Array(#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>"#.utf8)),
        ("anh.png", Array(#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#.utf8)),
        ("ghi-chu", Array("<html><body onload=alert(1)>".utf8)),
    ]

    /// HTML and SVG (also renamed .png, or without an extension) are served as opaque attachments, never inline, for
    /// both kinds of evidence; a real PNG is shown inline as the policy allows.
    @Test(arguments: TestDatabase.available)
    func activeContentIsServedAsAnAttachment(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let c = try await F.campaign(w, items: [("Rà soát router/switch", ["state_agency"], nil)])
            let incident = try await IncidentFlowTests.create(w).incident.id
            for upload in Self.activeContent {
                let report = try await Self.answer(w, campaign: c, filename: upload.name, bytes: upload.bytes)
                let campaignPath = try #require(report.evidence).downloadURL
                let dto = try await Self.incidentEvidence(w, incident: incident, filename: upload.name, bytes: upload.bytes)
                for path in [campaignPath, "/api/v1/incidents/\(incident)/evidence/\(dto.id)"] {
                    let res = try await F.get(w, path, as: w.adminA)
                    #expect(res.status == .ok)
                    #expect(res.headers.first(name: .contentType) == "application/octet-stream", "\(upload.name)")
                    #expect(res.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true, "\(upload.name)")
                    #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                    #expect(res.headers.first(name: "Content-Security-Policy")?.contains("sandbox") == true)
                }
            }
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
            let report = try await Self.answer(w, campaign: c, filename: "man-hinh.png", bytes: png)
            let res = try await F.get(w, try #require(report.evidence).downloadURL, as: w.adminA)
            #expect(res.headers.first(name: .contentType) == "image/png")
            #expect(res.headers.first(name: .contentDisposition)?.hasPrefix("inline;") == true)
            #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
        }
    }
}
