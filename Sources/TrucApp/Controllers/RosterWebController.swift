import Vapor

struct RosterWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
    static let operations: [APIOperation] = []
}
