import Vapor

struct CampaignAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {}
    static let operations: [APIOperation] = []
}
