import Fluent
import Foundation
import TrucCore
import Vapor

extension RosterService {
    // MARK: - Listing

    struct Filter: Sendable {
        /// Shifts ending after this instant.
        var from: Date?
        /// Shifts starting before this instant.
        var to: Date?
        var campaignID: UUID?
        var personID: UUID?
        var role: DutyRole?
    }

    static let listFilters: [APIOperation.Param] = [
        .init(name: "from", description: "Only shifts ending after this time (ISO 8601, or local dd/MM/yyyy [HH:mm] / yyyy-MM-dd)"),
        .init(name: "to", description: "Only shifts starting before this time; a date alone means the end of that day"),
        .init(name: "campaignID", description: "Only shifts of this campaign"),
        .init(name: "personID", description: "Only this person's shifts"),
        .init(name: "role", description: "technical or leader"),
    ]

    /// Reads the list filters from the query string.
    static func filter(_ req: Request) throws -> Filter {
        Filter(from: try instant(req.query[String.self, at: "from"], field: "from", timeZone: req.timeZone, endOfDay: false),
               to: try instant(req.query[String.self, at: "to"], field: "to", timeZone: req.timeZone, endOfDay: true),
               campaignID: try uuid(req.query[String.self, at: "campaignID"], field: "campaignID"),
               personID: try uuid(req.query[String.self, at: "personID"], field: "personID"),
               role: try req.query[String.self, at: "role"].nonEmpty.map { text in
                   guard let role = DutyRole(lenient: text) else {
                       throw BilingualError.badRequest("Vai trò phải là technical hoặc leader.", "role must be technical or leader.")
                   }
                   return role
               })
    }

    static func uuid(_ text: String?, field: String) throws -> UUID? {
        guard let text = text.nonEmpty else { return nil }
        guard let id = UUID(uuidString: text) else {
            throw BilingualError.badRequest("\(field) phải là UUID.", "\(field) must be a UUID.")
        }
        return id
    }

    /// A time from a query or form: ISO 8601, "dd/MM/yyyy HH:mm", "yyyy-MM-ddTHH:mm" (local), or a date alone
    /// (its start, or with `endOfDay` the start of the next day, so that "to=2023-05-01" includes that day).
    static func instant(_ text: String?, field: String, timeZone: TimeZone, endOfDay: Bool) throws -> Date? {
        guard let text = text.nonEmpty else { return nil }
        var parsed = VNDateFormat.parse(text, timeZone: timeZone)
        if parsed == nil, text.contains("T"), text.contains(" ") {
            // A "+07:00" offset whose "+" became a space in a query string.
            parsed = VNDateFormat.parse(text.replacingOccurrences(of: " ", with: "+"), timeZone: timeZone)
        }
        guard var date = parsed else {
            throw BilingualError.badRequest("\(field): không đọc được thời gian \"\(text)\"; dùng dạng 30/04/2023 07:00.",
                                         "\(field): \"\(text)\" is not a time such as 2023-04-30T07:00:00+07:00 or 30/04/2023 07:00.")
        }
        if endOfDay && !text.contains(":") {
            date = LocalDay(date, in: timeZone).adding(days: 1).start(in: timeZone)
        }
        return date
    }

    static func query(unitID: UUID, filter: Filter, on db: any Database) -> QueryBuilder<DutyShift> {
        let query = DutyShift.query(on: db).filter(\.$unit.$id == unitID)
        if let from = filter.from { query.filter(\.$endsAt > from) }
        if let to = filter.to { query.filter(\.$startsAt < to) }
        if let campaignID = filter.campaignID { query.filter(\.$campaign.$id == campaignID) }
        if let personID = filter.personID { query.filter(\.$person.$id == personID) }
        if let role = filter.role { query.filter(\.$role == role) }
        return query.sort(\.$startsAt).sort(\.$endsAt)
    }
}
