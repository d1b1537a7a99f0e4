import Fluent
import TrucCore

extension Paging {
    /// This page of a list held in memory, with its metadata.
    func page<T>(of items: [T]) -> Page<T> {
        Page(items: slice(items), metadata: metadata(total: items.count))
    }

    /// Where this page lies in a list of `total` items.
    func metadata(total: Int) -> PageMetadata {
        PageMetadata(page: page, per: per, total: total)
    }
}

extension QueryBuilder {
    /// One page of the query's results (the paging is already checked, so Fluent's arithmetic cannot overflow).
    func page(_ paging: Paging) async throws -> Page<Model> {
        try await paginate(PageRequest(page: paging.page, per: paging.per))
    }
}
