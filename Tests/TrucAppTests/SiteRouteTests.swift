import Foundation
import Testing
import Vapor
@testable import TrucApp

/// The typed routes and the router agree: every `SiteRoute` case is a registered route with the same method, and
/// every registered route outside the JSON API has a case. Links built from the enum therefore always resolve.
@Suite struct SiteRouteTests {
    static func registered(_ app: Application) -> Set<String> {
        Set(app.routes.all.map { route in
            route.method.rawValue + " /" + route.path.map { component -> String in
                switch component {
                case .constant(let word): word
                case .parameter(let name): ":" + name
                case .anything: "*"
                case .catchall: "**"
                }
            }.joined(separator: "/")
        })
    }

    @Test func everyCaseIsRegisteredAndEveryPageHasACase() async throws {
        try await withWorld(.sqlite) { w in
            let registered = Self.registered(w.app).filter { !$0.contains(" /api/v1/") }
            let typed = SiteRoute.allPatterns.map(\.pattern)
            #expect(Set(typed).count == typed.count, "a pattern is listed twice")
            let missingRoute = Set(typed).subtracting(registered).sorted()
            let missingCase = registered.subtracting(typed).sorted()
            #expect(missingRoute.isEmpty, "cases without a registered route: \(missingRoute)")
            #expect(missingCase.isEmpty, "registered routes without a case: \(missingCase)")
        }
    }

    @Test func linksFillParametersAndEncodeThem() {
        let campaign = UUID(uuidString: "11111111-2222-3333-4444-555555555555")!
        let item = UUID(uuidString: "AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE")!
        #expect(CampaignRoute.updateItem(campaign, item: item).path
                == "/campaigns/11111111-2222-3333-4444-555555555555/items/AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE")
        #expect(CampaignRoute.updateItem(campaign, item: item).pattern == "POST /campaigns/:campaignID/items/:itemID")
        #expect(HomeRoute.home.path == "/")
        // A text parameter cannot add a segment, a query or a fragment.
        #expect(MonitorRoute.publicStatus(code: "a/b?c#d").path == "/status/a%2Fb%3Fc%23d")
        #expect(VulnerabilityRoute.cve("CVE-2021-44228").path == "/cves/CVE-2021-44228")
        #expect(FindingRoute.list.path(query: [("status", "open"), ("q", "a+b c"), ("unit", nil)])
                == "/findings?status=open&q=a%2Bb%20c")
        let html: HTML = "<a href=\"\(CampaignRoute.show(campaign))\">x</a>"
        #expect(html.raw == "<a href=\"/campaigns/11111111-2222-3333-4444-555555555555\">x</a>")
    }
}
