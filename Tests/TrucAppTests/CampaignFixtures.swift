import Fluent
import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// Helpers for the campaign tests: raw JSON and multipart requests, small campaigns, counts of stored rows.
enum CampaignFixtures {
    static let boundary = "truc-test-boundary-7d1f"

    /// POSTs/PATCHes a raw JSON text (so malformed bodies can be sent too).
    static func send(_ w: TestWorld, _ method: HTTPMethod, _ path: String, as person: Person, json: String) async throws -> TestingHTTPResponse {
        var headers = w.bearer(person)
        headers.contentType = .json
        return try await w.app.testing().sendRequest(method, path, headers: headers, body: ByteBuffer(string: json))
    }

    static func get(_ w: TestWorld, _ path: String, as person: Person) async throws -> TestingHTTPResponse {
        try await w.app.testing().sendRequest(.GET, path, headers: w.bearer(person))
    }

    struct FilePart {
        var field = "evidence"
        var filename: String
        var contentType = "application/octet-stream"
        var data: [UInt8]
    }

    /// A multipart/form-data body.
    static func multipart(_ fields: [(String, String)], file: FilePart? = nil) -> ByteBuffer {
        var body = ByteBuffer()
        for (name, value) in fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        if let file {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\nContent-Type: \(file.contentType)\r\n\r\n")
            body.writeBytes(file.data)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return body
    }

    static func multipartHeaders(_ base: HTTPHeaders) -> HTTPHeaders {
        var headers = base
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return headers
    }

    /// POST .../report as multipart.
    static func report(_ w: TestWorld, campaign: UUID, item: UUID, unit: UUID, as person: Person,
                       fields: [(String, String)], file: FilePart? = nil) async throws -> TestingHTTPResponse {
        try await w.app.testing().sendRequest(.POST, "/api/v1/campaigns/\(campaign)/items/\(item)/units/\(unit)/report",
                                              headers: multipartHeaders(w.bearer(person)), body: multipart(fields, file: file))
    }

    /// A campaign (as the coordinator) with the given items: (title, kinds, dueAt ISO or nil).
    static func campaign(_ w: TestWorld, title: String = "Đợt thử nghiệm", start: String = iso(Date().addingTimeInterval(-10 * 86_400)),
                         end: String = iso(Date().addingTimeInterval(10 * 86_400)),
                         items: [(String, [String], String?)]) async throws -> CampaignDTO {
        let itemsJSON = items.map { item -> String in
            let kinds = item.1.map { (kind: String) -> String in "\"\(kind)\"" }.joined(separator: ",")
            let due: String = item.2.map { (date: String) -> String in ", \"dueAt\": \"\(date)\"" } ?? ""
            return "{\"title\": \"\(item.0)\", \"detail\": \"Chi tiết \(item.0)\", \"targetKinds\": [\(kinds)]\(due)}"
        }.joined(separator: ",")
        let json: String = """
        {"title": "\(title)", "startsAt": "\(start)", "endsAt": "\(end)", "directive": "Thực hiện nghiêm...",
         "documents": [{"number": "1520/BTTTT-CATTT", "date": "2023-04-26", "issuer": "Bộ Thông tin và Truyền thông"}],
         "items": [\(itemsJSON)]}
        """
        let res = try await send(w, .POST, "/api/v1/campaigns", as: w.coordinator, json: json)
        #expect(res.status == .created, "\(res.body.string)")
        return try res.content.decode(CampaignDTO.self)
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    struct Counts: Equatable, CustomStringConvertible {
        var campaigns = 0, items = 0, acks = 0, reports = 0, evidence = 0, audit = 0
        var description: String { "campaigns \(campaigns) items \(items) acks \(acks) reports \(reports) evidence \(evidence) audit \(audit)" }
    }

    static func counts(_ w: TestWorld) async throws -> Counts {
        Counts(campaigns: try await Campaign.query(on: w.db).count(),
               items: try await ChecklistItem.query(on: w.db).count(),
               acks: try await CampaignAcknowledgement.query(on: w.db).count(),
               reports: try await ItemReport.query(on: w.db).count(),
               evidence: try await EvidenceFile.query(on: w.db).count(),
               audit: try await AuditEntry.query(on: w.db).count())
    }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
