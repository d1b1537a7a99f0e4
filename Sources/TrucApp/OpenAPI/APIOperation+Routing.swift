import Foundation
import Vapor

extension APIOperation {
    /// The prefix every operation's path starts with; the API's routes are registered on a group of it.
    static let prefix = "/api/v1"

    /// The router's pattern for the path below the API prefix: "/api/v1/units/{unitID}" → ["units", ":unitID"].
    var pathComponents: [PathComponent] {
        precondition(path.hasPrefix(Self.prefix), "an API path starts with \(Self.prefix): \(path)")
        return path.dropFirst(Self.prefix.count).split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? .parameter(String(part.dropFirst().dropLast())) : .constant(String(part))
        }
    }
}

extension RoutesBuilder {
    /// Registers the handler of a declared API operation (on the `/api/v1` group): the router and the OpenAPI
    /// document take the method and path from the same value.
    @discardableResult
    func on<Response: AsyncResponseEncodable>(
        _ operation: APIOperation, body: HTTPBodyStreamStrategy = .collect,
        use handler: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(operation.method, operation.pathComponents, body: body, use: handler)
    }
}
