import Foundation
import Vapor

/// One part of a route's path: a fixed word, or a named parameter that a link fills with a value and the router
/// matches as `:name`.
enum RouteSegment: Sendable, Equatable {
    case fixed(String)
    case parameter(String, String)
}

/// A page, form or file of the web interface, as a value. Links, form actions and redirects are built from it
/// (`route.path`), and the router registers its pattern (`route.pathComponents`) with its method, so a link can
/// only name a route that exists. Every feature has one enum of these; `SiteRoute` gathers them.
protocol WebRoute: Sendable {
    /// GET for pages and files, POST for forms.
    var method: HTTPMethod { get }
    var segments: [RouteSegment] { get }
    /// Every case, with placeholder parameters: the routes this enum registers (checked by a test against the app).
    static var allPatterns: [Self] { get }
}

extension WebRoute {
    /// The path of a link: "/campaigns/<uuid>/items". Parameter values are percent-encoded.
    var path: String {
        if segments.isEmpty { return "/" }
        return segments.map { segment in
            switch segment {
            case .fixed(let word): "/" + word
            case .parameter(_, let value): "/" + (value.addingPercentEncoding(withAllowedCharacters: .routeValue) ?? "")
            }
        }.joined()
    }

    /// The link with a query string; nil values are left out.
    func path(query items: [(String, String?)]) -> String {
        let present = items.compactMap { item in item.1.map { URLQueryItem(name: item.0, value: $0) } }
        guard !present.isEmpty else { return path }
        var comps = URLComponents()
        comps.queryItems = present
        // URLComponents leaves '+' as it is; a form decoder would read it as a space.
        let query = (comps.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return path + "?" + query
    }

    /// The link with a fragment ("#answers").
    func path(fragment: String) -> String { path + "#" + fragment }

    /// The pattern the router registers: ["campaigns", ":campaignID", "items"].
    var pathComponents: [PathComponent] {
        segments.map { segment in
            switch segment {
            case .fixed(let word): .constant(word)
            case .parameter(let name, _): .parameter(name)
            }
        }
    }

    /// "GET /campaigns/:campaignID", as `truc routes` lists it.
    var pattern: String {
        method.rawValue + " /" + segments.map { segment in
            switch segment {
            case .fixed(let word): word
            case .parameter(let name, _): ":" + name
            }
        }.joined(separator: "/")
    }
}

extension CharacterSet {
    /// What may stay as it is in one path segment.
    static let routeValue: CharacterSet = {
        var set = CharacterSet.urlPathAllowed
        set.remove(charactersIn: "/?#%;")
        return set
    }()
}

extension UUID {
    /// The value a route pattern is built with; never a real id.
    static let routeKey = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
}

extension String {
    /// The value a route pattern is built with for a text parameter.
    static let routeKey = ":"
}

extension RoutesBuilder {
    /// Registers a handler for a typed route: its method and pattern come from the route value.
    @discardableResult
    func on<R: WebRoute, Response: AsyncResponseEncodable>(
        _ route: R, body: HTTPBodyStreamStrategy = .collect,
        use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(route.method, route.pathComponents, body: body, use: handler)
    }
}

extension Request {
    /// 303 to a typed route with a known message.
    func redirect(to route: some WebRoute, flash: Flash) -> Response {
        redirect(to: route.path, flash: flash)
    }

    /// 303 to a typed route.
    func redirect(to route: some WebRoute) -> Response {
        redirect(to: route.path)
    }
}

extension RouteSegment {
    /// A UUID parameter.
    static func id(_ name: String, _ value: UUID) -> RouteSegment { .parameter(name, value.uuidString) }
    /// A text parameter.
    static func text(_ name: String, _ value: String) -> RouteSegment { .parameter(name, value) }
}
