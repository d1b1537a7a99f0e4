import Fluent
import Foundation
import TrucCore

extension TokenList.Model {
    static func query(for principal: Principal, paging: Paging, newSecret: String? = nil, on db: any Database) async throws -> Self {
        let page = try await APIToken.query(on: db).filter(\.$person.$id == principal.personID)
            .sort(\.$createdAt, .descending).page(paging)
        return Self(tokens: page.items, metadata: page.metadata, newSecret: newSecret)
    }
}
