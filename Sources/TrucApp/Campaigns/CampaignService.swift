import Fluent
import FluentSQLiteDriver
import Foundation
import TrucCore
import Vapor

/// Rules for campaigns (đợt cao điểm), shared by the JSON API and the web pages.
///
/// - Only the provincial coordinator creates and changes campaigns and their checklist items.
/// - A unit is targeted when at least one item targets its kind; people who can read a targeted unit see the campaign
///   and the items for the kinds they can read; people with `.report` on it acknowledge and answer its items.
/// - An item without a deadline is due at the end of the campaign.
/// - Every mutation is written to the audit log in the same transaction.
/// - What an input must look like is TrucCore's `CampaignValidation`; its problems are answered as one 422.
///
/// The service is split by concern: access and concurrent writers here; `+Campaigns` (creating and changing
/// campaigns), `+Items` (their checklist items), `+Answers` (units acknowledging and answering), `+Evidence`,
/// `+Board` (the compliance board), `+Export` (CSV and the summary report), `+Templates`.
enum CampaignService {
    static let defaultTimeZone = CampaignValidation.defaultTimeZone
    static let maxTitle = CampaignValidation.maxTitle
    static let maxDetail = CampaignValidation.maxDetail
    static let maxDirective = CampaignValidation.maxDirective
    static let maxNote = CampaignValidation.maxNote
    static let maxItems = CampaignValidation.maxItems
    static let maxDocuments = CampaignValidation.maxDocuments
    /// A referenced document: the longest number, issuer and title.
    static let maxDocumentNumber = CampaignValidation.maxDocumentNumber
    static let maxDocumentIssuer = CampaignValidation.maxDocumentIssuer
    static let maxDocumentTitle = CampaignValidation.maxDocumentTitle
    static let maxPeriod = CampaignValidation.maxPeriod

    // MARK: - Access

    /// Checks `permission` on a unit like `Request.authorize`: 404 when the unit is invisible, 403 when not allowed.
    static func require(_ permission: Permission, on unitID: UUID, _ principal: Principal) throws {
        guard principal.policy.allows(.read, on: unitID) else { throw BilingualError.notFound() }
        guard principal.policy.allows(permission, on: unitID) else {
            throw BilingualError(.forbidden, "Vai trò của bạn không cho phép thao tác này trên đơn vị đó.",
                                "Your role does not allow this on that unit.")
        }
    }

    static func requireCoordinator(_ principal: Principal) throws {
        guard principal.isCoordinator else {
            throw BilingualError(.forbidden, "Chỉ cán bộ điều phối cấp tỉnh được tạo và sửa đợt cao điểm.",
                                "Only the provincial coordinator may create or change campaigns.")
        }
    }

    /// Kinds of the units `principal` can read; nil means every kind (coordinator).
    static func readableKinds(_ principal: Principal, on db: any Database) async throws -> Set<UnitKind>? {
        guard let readable = principal.policy.units(with: .read) else { return nil }
        if readable.isEmpty { return [] }
        let units = try await OrgUnit.query(on: db).filter(\.$id ~~ Array(readable)).field(\.$id).field(\.$kind).all()
        return Set(units.map(\.kind))
    }

    /// The checklist items of a campaign, in order.
    static func items(of campaignID: UUID, on db: any Database) async throws -> [ChecklistItem] {
        try await ChecklistItem.query(on: db).filter(\.$campaign.$id == campaignID).all().sorted(by: itemOrder)
    }

    static func itemOrder(_ a: ChecklistItem, _ b: ChecklistItem) -> Bool {
        (a.position, a.title, a.id?.uuidString ?? "") < (b.position, b.title, b.id?.uuidString ?? "")
    }

    /// A campaign the principal may see (404 otherwise) with the items they may see.
    static func find(_ id: UUID, for principal: Principal, on db: any Database) async throws -> (Campaign, [ChecklistItem]) {
        guard let campaign = try await Campaign.find(id, on: db) else {
            throw BilingualError.notFound("Không có đợt cao điểm này.", "No such campaign.")
        }
        let all = try await items(of: id, on: db)
        guard let kinds = try await readableKinds(principal, on: db) else { return (campaign, all) }
        let visible = all.filter { !Set($0.targetKinds).isDisjoint(with: kinds) }
        if visible.isEmpty { throw BilingualError.notFound("Không có đợt cao điểm này.", "No such campaign.") }
        return (campaign, visible)
    }

    /// The campaigns the principal may see, newest first; `q` searches the title, `state` is upcoming/active/ended.
    static func listQuery(for principal: Principal, q: String?, state: String?, now: Date = Date(),
                          on db: any Database) async throws -> QueryBuilder<Campaign> {
        let query = Campaign.query(on: db).sort(\.$startsAt, .descending).sort(\.$title)
        if let kinds = try await readableKinds(principal, on: db) {
            var ids: Set<UUID> = []
            if !kinds.isEmpty {
                let matching = try await ChecklistItem.query(on: db)
                    .group(.or) { group in
                        for kind in kinds { group.filter(\.$targetKindsRaw, .custom("LIKE"), "%\(kind.rawValue)%") }
                    }
                    .field(\.$campaign.$id).field(\.$targetKindsRaw).all()
                for item in matching where !Set(item.targetKinds).isDisjoint(with: kinds) { ids.insert(item.$campaign.id) }
            }
            query.filter(\.$id ~~ Array(ids))
        }
        if let q = q?.trimmingCharacters(in: .whitespaces), !q.isEmpty {
            query.filter(\.$title, .custom("LIKE"), "%\(q)%")
        }
        switch state?.lowercased() {
        case nil, "", "all": break
        case "upcoming": query.filter(\.$startsAt > now)
        case "active": query.filter(\.$startsAt <= now).filter(\.$endsAt > now)
        case "ended": query.filter(\.$endsAt <= now)
        default:
            throw BilingualError(.badRequest, "state phải là upcoming, active hoặc ended.", "state must be upcoming, active or ended.")
        }
        return query
    }

    // MARK: - Concurrent writers

    /// Runs `body` again when a concurrent writer got in the way: SQLite's "database is locked" (the embedded database
    /// has one writer at a time) and, with `constraintRaces`, unique-constraint races (two first answers at once),
    /// where the next attempt finds and replaces what the other wrote.
    static func retrying<T>(constraintRaces: Bool = false, attempts: Int = 6, _ body: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch where attempt < attempts && isTransient(error, constraintRaces: constraintRaces) {
                try await Task.sleep(nanoseconds: UInt64.random(in: 2_000_000...15_000_000) * UInt64(attempt))
                attempt += 1
            }
        }
    }

    static func isTransient(_ error: any Error, constraintRaces: Bool) -> Bool {
        if constraintRaces, let db = error as? any DatabaseError, db.isConstraintFailure { return true }
        guard let sqlite = error as? SQLiteError else { return false }
        switch sqlite.reason {
        case .busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot, .lockedBySharedCache: return true
        default: return false
        }
    }
}
