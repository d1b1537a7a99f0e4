import Fluent
import Vapor

/// How findings are ordered (`sort` of the findings list and the API).
enum FindingSort: String, CaseIterable, Sendable {
    /// Soonest deadline first, then CVSS (the default).
    case deadline
    /// KEV first, then EPSS (highest first, unscored last), then CVSS (highest first, unscored last), then deadline.
    case priority

    static let param = APIOperation.Param(
        name: "sort", description: "deadline (default: soonest deadline first, then CVSS) or priority (CISA KEV first, then EPSS "
            + "score highest first, then CVSS highest first; unscored last)")

    /// The `sort` query value; empty is the default; anything else is a 400 that lists the choices.
    static func parse(_ text: String?) throws -> FindingSort {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return .deadline }
        guard let sort = FindingSort(rawValue: text.lowercased()) else {
            throw Abort(.badRequest, reason: "sort: '\(text.prefix(40))' is not one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return sort
    }

    /// Orders the query (unscored values last on SQLite and PostgreSQL alike).
    func apply(to query: QueryBuilder<Finding>) -> QueryBuilder<Finding> {
        switch self {
        case .deadline:
            return query.sort(\.$dueAt, .ascending).sort(\.$cvssScore, .descending).sort(\.$id)
        case .priority:
            return query.sort(\.$kev, .descending)
                .sort(.sql(unsafeRaw: "CASE WHEN \"findings\".\"epss_score\" IS NULL THEN 1 ELSE 0 END"), .ascending).sort(\.$epssScore, .descending)
                .sort(.sql(unsafeRaw: "CASE WHEN \"findings\".\"cvss_score\" IS NULL THEN 1 ELSE 0 END"), .ascending).sort(\.$cvssScore, .descending)
                .sort(\.$dueAt, .ascending).sort(\.$id)
        }
    }
}
