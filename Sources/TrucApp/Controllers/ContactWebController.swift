import Vapor

struct ContactWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
    static let operations: [APIOperation] = []
}
