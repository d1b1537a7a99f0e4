import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// Every log line, kept in memory.
final class CapturingLogHandler: LogHandler, @unchecked Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    func log(event: LogEvent) {
        let all = (metadata.merging(event.metadata ?? [:]) { $1 }).map { "\($0.key)=\($0.value)" }.sorted()
        lines.withLockedValue { $0.append("\(event.message) \(all.joined(separator: " "))") }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    var all: [String] { lines.withLockedValue { $0 } }
}

/// Capability links never reach the log; public links come from TRUC_PUBLIC_URL, never from the Host header.
@Suite struct LoggingAndLinksTests {
    @Test func aCapabilityLinkNeverReachesTheLog() async throws {
        let capture = CapturingLogHandler()
        let app = try await Application.make(.testing)
        do {
            app.logger = Logger(label: "test") { _ in capture }
            app.logger.logLevel = .trace
            try await configure(app, config: AppConfig(database: .sqliteMemory, bcryptCost: 4))
            let w = try await makeWorld(app)
            let id = UUID()
            let hmac = AckLinks.token(for: id, secret: try await AckLinks.secret(on: w.db))
            let path = "/ack/\(id.uuidString.lowercased()).\(hmac)"
            var browser = BrowserSession(app: app)
            try await browser.get("/login")
            #expect(try await browser.get(path).status == .notFound)
            #expect(try await browser.post(path, form: [:]).status == .notFound)
            try await browser.get("/login?page=2&next=/x&password=hunter2hunter2")
            // Whoever logs a link, the handler configure() installed redacts it.
            app.logger.info("mail body had \(path) and a token truc_abcdefghijklmnopqrstuvwxyz0123456789")
            let lines = capture.all
            #expect(lines.contains { $0.contains("GET /ack/[redacted] -> 404") }, "\(lines)")
            #expect(lines.contains { $0.contains("POST /ack/[redacted] -> 404") }, "\(lines)")
            #expect(lines.contains { $0.contains("GET /login?page=2&next=…&password=") && $0.contains("-> 200") }, "\(lines)")
            // The drivers' debug lines keep the SQL but not the values bound to it (hashes, server secrets).
            #expect(lines.contains { $0.contains("INSERT INTO \"app_settings\"") && $0.contains("binds=[redacted]") })
            let ackSecret = try #require(try await AppSetting.find(AckLinks.settingKey, on: w.db)).value
            for line in lines {
                #expect(!line.contains(hmac) && !line.contains("hunter2") && !line.contains("abcdefghijklmnopqrstuvwxyz0123456789"), "\(line)")
                #expect(!line.contains(ackSecret) && !line.contains("$2b$") && !line.contains("$2a$"), "\(line)")
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    @Test(arguments: TestDatabase.available)
    func theAdvisoryFeedLinksToThePublicURLWhateverTheHostHeader(db: TestDatabase) async throws {
        try await withWorld(db) { w in
            w.app.config.publicURL = "https://truc.tinh.gov.vn"
            let advisory = Advisory()
            advisory.reference = "CB-2026-001"
            advisory.title = "Cảnh báo thử"
            advisory.body = "Nội dung"
            advisory.cvesText = ""
            advisory.cpePatternsText = ""
            advisory.requiredAction = "Vá ngay"
            advisory.tlp = .clear
            advisory.publishedAt = Date()
            try await advisory.create(on: w.db)
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .host, value: "evil.example")
            headers.replaceOrAdd(name: "X-Forwarded-Host", value: "evil.example")
            let res = try await w.app.testing().sendRequest(.GET, "/advisories.atom", headers: headers)
            #expect(res.status == .ok)
            let body = res.body.string
            #expect(!body.contains("evil.example"))
            #expect(body.contains("https://truc.tinh.gov.vn/advisories.atom") && body.contains("https://truc.tinh.gov.vn/advisories/\(advisory.id!)"))
        }
    }
}
