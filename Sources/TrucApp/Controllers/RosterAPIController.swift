import Vapor

struct RosterAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
    static let operations: [APIOperation] = []
}
