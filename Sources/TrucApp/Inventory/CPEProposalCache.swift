import Fluent
import Foundation
import TrucCore
import Vapor

/// The CPE proposer built from the imported dictionary products, loaded on first use and rebuilt after an import.
actor CPEProposalCache {
    private var proposer: CPEProposer?
    private var productCount = 0

    func invalidate() { proposer = nil }

    /// The proposer and the number of dictionary products it knows (0: the dictionary was never imported).
    func get(on db: any Database) async throws -> (CPEProposer, Int) {
        if let proposer { return (proposer, productCount) }
        let rows = try await CPEProductRecord.query(on: db).all()
        let products = rows.compactMap { row -> CPEProduct? in
            guard let part = CPEPart(rawValue: row.part) else { return nil }
            return CPEProduct(part: part, vendor: row.vendor, product: row.product, title: row.title, versionCount: row.versionCount)
        }
        let built = CPEProposer(products: products)
        proposer = built
        productCount = products.count
        return (built, products.count)
    }

    /// Dictionary proposals, or one name constructed from the texts when the dictionary has none.
    func propose(vendor: String?, product: String?, version: String?, part: CPEPart?, on db: any Database) async throws -> [CPEProposalDTO] {
        let (proposer, _) = try await get(on: db)
        var result = proposer.propose(vendor: vendor, product: product, version: version, part: part, limit: 5).map {
            CPEProposalDTO(cpe: $0.name.formattedString, title: $0.title, score: $0.score, origin: "dictionary")
        }
        if result.isEmpty, let vendor = vendor.nonEmpty, let product = product.nonEmpty,
           let name = try? CPEName.proposed(part: part ?? .application, vendor: vendor, product: product, version: version.nonEmpty) {
            result.append(CPEProposalDTO(cpe: name.formattedString, title: "\(vendor) \(product) \(version ?? "")".trimmingCharacters(in: .whitespaces),
                                         score: 0, origin: "constructed"))
        }
        return result
    }
}

struct CPEProposalCacheKey: StorageKey {
    typealias Value = CPEProposalCache
}

extension Application {
    var cpeProposals: CPEProposalCache {
        if let cache = storage[CPEProposalCacheKey.self] { return cache }
        let cache = CPEProposalCache()
        storage[CPEProposalCacheKey.self] = cache
        return cache
    }
}
