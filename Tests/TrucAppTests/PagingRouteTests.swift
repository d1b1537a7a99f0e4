import Foundation
import Testing
import TrucCore
import Vapor
import VaporTesting
@testable import TrucApp

/// Every paged list of the API (every documented GET with a `page` parameter, so new lists are covered without
/// touching this test) and every paged web page answers 400 naming the parameter to a page or page size that is
/// not a whole number in range, and the server keeps answering.
@Suite struct PagingRouteTests {
    /// (query, the parameter the answer must name)
    static let badQueries: [(String, String)] = [
        ("page=0", "page"), ("page=-1", "page"), ("page=9223372036854775807", "page"),
        ("page=9223372036854775807&per=200", "page"), ("page=99999999999999999999999", "page"), ("page=abc", "page"),
        ("page=", "page"), ("page=1.5", "page"),
        ("per=0", "per"), ("per=-5", "per"), ("per=201", "per"), ("per=9223372036854775807", "per"), ("per=ten", "per"),
    ]

    /// The web pages that show a paged list (path templates as for the API).
    static let webLists = [
        "/units", "/incidents", "/advisories", "/audit", "/tokens", "/campaigns", "/contacts", "/findings", "/monitors",
        "/alerts", "/on-duty", "/cves", "/feeds", "/feeds/sources", "/feeds/sources/{sourceID}", "/units/{unitID}/inventory", "/units/{unitID}/monitors", "/units/{unitID}/roster",
        "/units/{unitID}/scans",
    ]

    @Test func everyPagedAPIListRefusesBadPagingWith400() async throws {
        try await withWorld(.sqlite) { w in
            let monitorID = try await MonitoringFixture.monitor(w)
            let sourceID = try #require(try await FeedSource.query(on: w.db).first()?.id)
            let values = ["unitID": w.deptA.id!.uuidString, "monitorID": monitorID.uuidString, "sourceID": sourceID.uuidString]
            let lists = APIDocument.operations.filter { op in op.method == .GET && op.query.contains { $0.name == "page" } }
            #expect(lists.count >= 20, "the paged lists are found from the document")
            for op in lists {
                let path = try Self.fill(op.path, values)
                try await Self.expectPaging(w.app, path, headers: w.bearer(w.coordinator), json: true)
            }
            try await w.app.testing().test(.GET, "/healthz") { res async in #expect(res.status == .ok) }
        }
    }

    @Test func everyPagedWebPageRefusesBadPagingWith400() async throws {
        try await withWorld(.sqlite) { w in
            let browser = try await BrowserSession.signIn(w.app, email: w.coordinator.email)
            let sourceID = try #require(try await FeedSource.query(on: w.db).first()?.id)
            let values = ["unitID": w.deptA.id!.uuidString, "sourceID": sourceID.uuidString]
            for template in Self.webLists {
                try await Self.expectPaging(w.app, try Self.fill(template, values), headers: browser.headers(), json: false)
            }
            try await w.app.testing().test(.GET, "/healthz") { res async in #expect(res.status == .ok) }
        }
    }

    /// The auditor (read-only) hits the lists that crashed the server in the finding, and it still answers.
    @Test func theReportedCrashesAnswer400() async throws {
        try await withWorld(.sqlite) { w in
            let monitorID = try await MonitoringFixture.monitor(w)
            for path in ["/api/v1/incidents?page=0", "/api/v1/incidents?page=-1", "/api/v1/incidents?per=-5",
                         "/api/v1/incidents?page=9223372036854775807&per=200", "/api/v1/advisories?page=0",
                         "/api/v1/monitors/\(monitorID)/results?page=0"] {
                try await w.app.testing().test(.GET, path, headers: w.bearer(w.auditor)) { res async in
                    #expect(res.status == .badRequest, "\(path): \(res.status)")
                }
            }
            var browser = try await BrowserSession.signIn(w.app, email: w.auditor.email)
            let res = try await browser.get("/incidents?page=0")
            #expect(res.status == .badRequest)
            #expect(try await browser.get("/incidents").status == .ok)
        }
    }

    /// Fills `{name}` segments; an unknown one fails the test, so a new paged list with a new parameter is noticed.
    static func fill(_ template: String, _ values: [String: String]) throws -> String {
        try template.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            guard segment.hasPrefix("{") else { return String(segment) }
            let name = String(segment.dropFirst().dropLast())
            return try #require(values[name], "no test value for {\(name)} in \(template): add one")
        }.joined(separator: "/")
    }

    static func expectPaging(_ app: Application, _ path: String, headers: HTTPHeaders, json: Bool,
                             sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let ok = try await app.testing().sendRequest(.GET, path + "?page=2&per=5", headers: headers)
        #expect(ok.status == .ok, "\(path)?page=2&per=5: \(ok.status) \(ok.body.string.prefix(200))", sourceLocation: sourceLocation)
        for (query, parameter) in badQueries {
            let res = try await app.testing().sendRequest(.GET, path + "?" + query, headers: headers)
            #expect(res.status == .badRequest, "\(path)?\(query): \(res.status)", sourceLocation: sourceLocation)
            let text: String
            if json {
                text = (try? res.content.decode(ErrorPageMiddleware.ErrorBody.self).reason) ?? ""
                #expect(text.hasPrefix("\(parameter) must be a whole number"), "\(path)?\(query): \(text)", sourceLocation: sourceLocation)
            } else {
                text = res.body.string
                #expect(text.contains("Tham số \(parameter)"), "\(path)?\(query): the page names the parameter",
                        sourceLocation: sourceLocation)
            }
        }
        let again = try await app.testing().sendRequest(.GET, path, headers: headers)
        #expect(again.status == .ok, "\(path) after the bad requests: \(again.status)", sourceLocation: sourceLocation)
    }
}
