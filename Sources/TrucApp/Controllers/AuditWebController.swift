import Vapor

struct AuditWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
    static let operations: [APIOperation] = []
}
