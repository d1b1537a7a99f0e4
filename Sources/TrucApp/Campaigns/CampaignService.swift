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
enum CampaignService {
    static let defaultTimeZone = "Asia/Ho_Chi_Minh"
    static let maxTitle = TextLimit.title
    static let maxDetail = TextLimit.note
    static let maxDirective = TextLimit.document
    static let maxNote = 4_000
    static let maxItems = TextLimit.listEntries
    static let maxDocuments = 50
    /// A referenced document: the longest number, issuer and title.
    static let maxDocumentNumber = 100
    static let maxDocumentIssuer = 300
    static let maxDocumentTitle = 1_000
    static let maxPeriod: TimeInterval = 366 * 86_400

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

    // MARK: - Creating and changing campaigns (coordinator)

    struct Draft: Sendable {
        var title: String
        var startsAt: Date
        var endsAt: Date
        var timeZone: String
        var directive: String
        var documents: [ReferencedDocument]
        var items: [ItemDraft]
    }

    struct ItemDraft: Sendable {
        var title: String
        var detail: String
        var targetKinds: [UnitKind]
        var dueAt: Date?
    }

    /// Checks a creation input and turns it into a draft; throws one 422 naming every problem.
    static func draft(from input: CampaignInput, now: Date = Date()) throws -> Draft {
        var problems = CampaignProblems()
        if let key = input.template {
            let extras = [input.startsAt != nil ? "startsAt" : nil, input.endsAt != nil ? "endsAt" : nil,
                          input.timeZone != nil ? "timeZone" : nil, input.directive != nil ? "directive" : nil,
                          input.documents != nil ? "documents" : nil, input.items != nil ? "items" : nil].compactMap { $0 }
            if !extras.isEmpty {
                problems.add("Khi tạo từ mẫu chỉ được kèm year và title (bỏ \(extras.joined(separator: ", ")))",
                             "with a template only year and title may be given (remove \(extras.joined(separator: ", ")))")
            }
            let zone = TimeZone(identifier: defaultTimeZone)!
            let year = input.year ?? LocalDay(now, in: zone).year
            if !(2000...2100).contains(year) { problems.add("year phải trong khoảng 2000-2100", "year must be within 2000-2100") }
            let template = CampaignTemplate.named(key, year: year)
            if template == nil {
                problems.add("Không có mẫu '\(key)' (có: \(CampaignTemplate.keys.joined(separator: ", ")))",
                             "template '\(key)' does not exist (known: \(CampaignTemplate.keys.joined(separator: ", ")))")
            }
            let customTitle = input.title.map { checkTitle($0, field: "title", &problems) }
            try problems.check()
            guard let template else { throw BilingualError(.unprocessableEntity, "Mẫu không hợp lệ", "invalid template") }
            let title = customTitle ?? template.title
            return Draft(title: title, startsAt: template.startsAt, endsAt: template.endsAt, timeZone: template.timeZone.identifier,
                         directive: template.directive, documents: template.documents,
                         items: template.items.map { ItemDraft(title: $0.title, detail: $0.detail, targetKinds: $0.targetKinds,
                                                               dueAt: template.dueDate(of: $0)) })
        }
        if input.year != nil {
            problems.add("year chỉ dùng cùng template", "year is only used together with template")
        }
        let title = checkTitle(input.title, field: "title", &problems)
        let zone = checkTimeZone(input.timeZone, &problems)
        checkPeriod(input.startsAt, input.endsAt, &problems)
        let directive = (input.directive ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if directive.count > maxDirective {
            problems.add("directive quá dài (tối đa \(maxDirective) ký tự)", "directive is too long (at most \(maxDirective) characters)")
        }
        let documents = checkDocuments(input.documents ?? [], &problems)
        let inputs = input.items ?? []
        if inputs.count > maxItems {
            problems.add("Tối đa \(maxItems) mục kiểm tra", "at most \(maxItems) checklist items")
        }
        let items = inputs.enumerated().compactMap { index, item in checkItem(item, field: "items[\(index)]", &problems) }
        try problems.check()
        return Draft(title: title, startsAt: input.startsAt!, endsAt: input.endsAt!, timeZone: zone, directive: directive,
                     documents: documents, items: items)
    }

    /// Creates a campaign with its items (coordinator only). 409 when a campaign with the same title and start exists.
    static func create(_ input: CampaignInput, by principal: Principal, now: Date = Date(),
                       on db: any Database) async throws -> (Campaign, [ChecklistItem]) {
        try requireCoordinator(principal)
        let draft = try draft(from: input, now: now)
        if try await Campaign.query(on: db).filter(\.$title == draft.title).filter(\.$startsAt == draft.startsAt).first() != nil {
            throw BilingualError(.conflict, "Đã có đợt cao điểm '\(draft.title)' bắt đầu cùng thời điểm.",
                                "A campaign '\(draft.title)' with the same start already exists.")
        }
        return try await retrying { try await db.transaction { db in
            let campaign = Campaign(title: draft.title, startsAt: draft.startsAt, endsAt: draft.endsAt, timeZone: draft.timeZone,
                                    directive: draft.directive, documents: draft.documents, createdBy: principal.personID)
            try await campaign.create(on: db)
            var items: [ChecklistItem] = []
            for (index, d) in draft.items.enumerated() {
                let item = ChecklistItem(campaignID: try campaign.requireID(), position: index + 1, title: d.title, detail: d.detail,
                                         targetKinds: d.targetKinds, dueAt: d.dueAt)
                try await item.create(on: db)
                items.append(item)
            }
            try await Audit.record("campaign.create", entity: "campaign", id: campaign.id?.uuidString, unitID: nil,
                                   after: campaign.dto(items: items), by: principal, on: db)
            return (campaign, items)
        } }
    }

    /// Changes title, period, time zone, directive or documents (coordinator only).
    static func update(_ campaign: Campaign, with patch: CampaignPatch, by principal: Principal,
                       on db: any Database) async throws -> (Campaign, [ChecklistItem]) {
        try requireCoordinator(principal)
        let items = try await items(of: campaign.requireID(), on: db)
        let before = campaign.dto(items: items)
        var problems = CampaignProblems()
        let title = patch.title.map { checkTitle($0, field: "title", &problems) }
        let zone = patch.timeZone.map { checkTimeZone($0, &problems) }
        let start = patch.startsAt ?? campaign.startsAt, end = patch.endsAt ?? campaign.endsAt
        checkPeriod(start, end, &problems)
        let directive = patch.directive?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let directive, directive.count > maxDirective {
            problems.add("directive quá dài (tối đa \(maxDirective) ký tự)", "directive is too long (at most \(maxDirective) characters)")
        }
        let documents = patch.documents.map { checkDocuments($0, &problems) }
        try problems.check()
        if let title { campaign.title = title }
        if let zone { campaign.timeZone = zone }
        campaign.startsAt = start
        campaign.endsAt = end
        if let directive { campaign.directive = directive }
        if let documents { campaign.documents = documents }
        guard campaign.hasChanges else { return (campaign, items) }
        try await retrying { try await db.transaction { db in
            try await campaign.save(on: db)
            try await Audit.record("campaign.update", entity: "campaign", id: campaign.id?.uuidString, unitID: nil,
                                   before: before, after: campaign.dto(items: items), by: principal, on: db)
        } }
        return (campaign, items)
    }

    /// The item `itemID` of the campaign, or 404.
    static func findItem(_ itemID: UUID, in campaign: Campaign, on db: any Database) async throws -> ChecklistItem {
        guard let item = try await ChecklistItem.find(itemID, on: db), item.$campaign.id == campaign.id else {
            throw BilingualError.notFound("Không có mục kiểm tra này trong đợt.", "No such checklist item in this campaign.")
        }
        return item
    }

    /// Adds a checklist item at the end (or at `position`, moving later items down). Coordinator only.
    static func addItem(to campaign: Campaign, _ input: ChecklistItemInput, by principal: Principal,
                        on db: any Database) async throws -> ChecklistItem {
        try requireCoordinator(principal)
        let campaignID = try campaign.requireID()
        var problems = CampaignProblems()
        let draft = checkItem(input, field: "item", &problems)
        if let position = input.position, position < 1 {
            problems.add("position phải ≥ 1", "position must be at least 1")
        }
        let existing = try await items(of: campaignID, on: db)
        if existing.count >= maxItems { problems.add("Tối đa \(maxItems) mục kiểm tra", "at most \(maxItems) checklist items") }
        try problems.check()
        guard let draft else { throw BilingualError(.unprocessableEntity, "Mục kiểm tra không hợp lệ", "invalid item") }
        let last = (existing.map(\.position).max() ?? 0) + 1
        let position = min(input.position ?? last, last)
        let moved = existing.filter { $0.position >= position }.map { ($0, $0.position + 1) }
        return try await retrying { try await db.transaction { db in
            for (later, newPosition) in moved {
                later.position = newPosition
                try await later.save(on: db)
            }
            let item = ChecklistItem(campaignID: campaignID, position: position, title: draft.title, detail: draft.detail,
                                     targetKinds: draft.targetKinds, dueAt: draft.dueAt)
            try await item.create(on: db)
            try await Audit.record("campaign.item.create", entity: "checklist_item", id: item.id?.uuidString, unitID: nil,
                                   after: item.dto(campaignEndsAt: campaign.endsAt), by: principal, on: db)
            return item
        } }
    }

    /// Changes a checklist item (coordinator only). Answers already given stay; units no longer targeted drop off the board.
    static func updateItem(_ item: ChecklistItem, of campaign: Campaign, with patch: ChecklistItemPatch, by principal: Principal,
                           on db: any Database) async throws -> ChecklistItem {
        try requireCoordinator(principal)
        let before = item.dto(campaignEndsAt: campaign.endsAt)
        var problems = CampaignProblems()
        let title = patch.title.map { checkTitle($0, field: "title", &problems) }
        let detail = patch.detail.map { checkDetail($0, field: "detail", &problems) }
        let kinds = patch.targetKinds.map { checkKinds($0, field: "targetKinds", &problems) }
        if let position = patch.position, position < 1 { problems.add("position phải ≥ 1", "position must be at least 1") }
        try problems.check()
        if let title { item.title = title }
        if let detail { item.detail = detail }
        if let kinds { item.targetKinds = kinds }
        if patch.dueAtGiven { item.dueAt = patch.dueAt }
        if let position = patch.position { item.position = position }
        guard item.hasChanges else { return item }
        try await retrying { try await db.transaction { db in
            try await item.save(on: db)
            try await Audit.record("campaign.item.update", entity: "checklist_item", id: item.id?.uuidString, unitID: nil,
                                   before: before, after: item.dto(campaignEndsAt: campaign.endsAt), by: principal, on: db)
        } }
        return item
    }

    /// Deletes a checklist item (coordinator only). When units have answered it, `force` must be set; their answers go too
    /// (the audit log keeps them).
    static func deleteItem(_ item: ChecklistItem, of campaign: Campaign, force: Bool, by principal: Principal,
                           on db: any Database) async throws {
        try requireCoordinator(principal)
        let itemID = try item.requireID()
        let answers = try await ItemReport.query(on: db).filter(\.$item.$id == itemID).all()
        if !answers.isEmpty && !force {
            throw BilingualError(.conflict,
                                "\(answers.count) đơn vị đã báo cáo mục này; xác nhận xoá cả các báo cáo (force=true).",
                                "\(answers.count) unit(s) have answered this item; pass force=true to delete their answers too.")
        }
        let before = item.dto(campaignEndsAt: campaign.endsAt)
        let answerDTOs = answers.map { $0.dto(evidence: nil, reporterName: nil) }
        try await retrying { try await db.transaction { db in
            for answer in answerDTOs {
                try await Audit.record("campaign.report.delete", entity: "item_report", id: answer.id.uuidString,
                                       unitID: answer.unitID, before: answer, by: principal, on: db)
            }
            try await ItemReport.query(on: db).filter(\.$item.$id == itemID).delete()
            try await ChecklistItem.query(on: db).filter(\.$id == itemID).delete()
            try await Audit.record("campaign.item.delete", entity: "checklist_item", id: itemID.uuidString, unitID: nil,
                                   before: before, by: principal, on: db)
        } }
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

    // MARK: - Validation helpers

    static func checkTitle(_ text: String?, field: String, _ problems: inout CampaignProblems) -> String {
        let title = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty {
            problems.add("\(field): bắt buộc", "\(field) is required")
        } else if title.count > maxTitle {
            problems.add("\(field): tối đa \(maxTitle) ký tự", "\(field) must be at most \(maxTitle) characters")
        }
        return title
    }

    static func checkDetail(_ text: String, field: String, _ problems: inout CampaignProblems) -> String {
        let detail = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if detail.count > maxDetail {
            problems.add("\(field): tối đa \(maxDetail) ký tự", "\(field) must be at most \(maxDetail) characters")
        }
        return detail
    }

    static func checkTimeZone(_ text: String?, _ problems: inout CampaignProblems) -> String {
        let id = (text ?? "").trimmingCharacters(in: .whitespaces)
        if id.isEmpty { return defaultTimeZone }
        guard id.contains("/") || id == "UTC", TimeZone(identifier: id) != nil else {
            problems.add("timeZone '\(id)' không phải múi giờ IANA (ví dụ Asia/Ho_Chi_Minh)",
                         "timeZone '\(id)' is not an IANA time zone such as Asia/Ho_Chi_Minh")
            return defaultTimeZone
        }
        return id
    }

    static func checkPeriod(_ start: Date?, _ end: Date?, _ problems: inout CampaignProblems) {
        if start == nil { problems.add("startsAt: bắt buộc (ISO 8601)", "startsAt is required (ISO 8601)") }
        if end == nil { problems.add("endsAt: bắt buộc (ISO 8601)", "endsAt is required (ISO 8601)") }
        guard let start, let end else { return }
        if end <= start {
            problems.add("Thời điểm kết thúc phải sau thời điểm bắt đầu", "endsAt must be after startsAt")
        } else if end.timeIntervalSince(start) > maxPeriod {
            problems.add("Một đợt cao điểm không dài quá 366 ngày", "a campaign may last at most 366 days")
        }
    }

    static func checkKinds(_ raw: [String]?, field: String, _ problems: inout CampaignProblems) -> [UnitKind] {
        let known = UnitKind.allCases.map(\.rawValue).joined(separator: ", ")
        guard let raw, !raw.isEmpty else {
            problems.add("\(field): cần ít nhất một loại đơn vị (\(known))", "\(field) needs at least one unit kind (\(known))")
            return []
        }
        var kinds: [UnitKind] = []
        for text in raw {
            guard let kind = UnitKind(rawValue: text.trimmingCharacters(in: .whitespaces)) else {
                problems.add("\(field): loại đơn vị '\(text)' không tồn tại (có: \(known))",
                             "\(field): unknown unit kind '\(text)' (known: \(known))")
                continue
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return kinds
    }

    static func checkItem(_ input: ChecklistItemInput, field: String, _ problems: inout CampaignProblems) -> ItemDraft? {
        let before = problems.list.count
        let title = checkTitle(input.title, field: "\(field).title", &problems)
        let detail = checkDetail(input.detail ?? "", field: "\(field).detail", &problems)
        let kinds = checkKinds(input.targetKinds, field: "\(field).targetKinds", &problems)
        guard problems.list.count == before else { return nil }
        return ItemDraft(title: title, detail: detail, targetKinds: kinds, dueAt: input.dueAt)
    }

    static func checkDocuments(_ inputs: [DocumentInput], _ problems: inout CampaignProblems) -> [ReferencedDocument] {
        if inputs.count > maxDocuments {
            problems.add("Tối đa \(maxDocuments) văn bản", "at most \(maxDocuments) documents")
        }
        var documents: [ReferencedDocument] = []
        for (index, input) in inputs.enumerated() {
            let field = "documents[\(index)]"
            let number = (input.number ?? "").trimmingCharacters(in: .whitespaces)
            let date = (input.date ?? "").trimmingCharacters(in: .whitespaces)
            let issuer = (input.issuer ?? "").trimmingCharacters(in: .whitespaces)
            let title = input.title?.trimmingCharacters(in: .whitespacesAndNewlines)
            var ok = true
            if !ReferencedDocument.isPlausibleNumber(number) || number.count > maxDocumentNumber {
                problems.add("\(field).number: '\(number)' không giống số hiệu văn bản (ví dụ 1520/BTTTT-CATTT)",
                             "\(field).number: '\(number)' does not look like a document number such as 1520/BTTTT-CATTT")
                ok = false
            }
            if date.count != 10 || LocalDay(iso: date) == nil {
                problems.add("\(field).date: '\(date)' phải là ngày dạng yyyy-MM-dd", "\(field).date: '\(date)' must be a date as yyyy-MM-dd")
                ok = false
            }
            if issuer.isEmpty || issuer.count > maxDocumentIssuer {
                problems.add("\(field).issuer: bắt buộc (tối đa 300 ký tự)", "\(field).issuer is required (at most 300 characters)")
                ok = false
            }
            if let title, title.count > maxDocumentTitle {
                problems.add("\(field).title: tối đa 1000 ký tự", "\(field).title must be at most 1000 characters")
                ok = false
            }
            if ok {
                documents.append(ReferencedDocument(number: number, date: date, issuer: issuer,
                                                    title: title.flatMap { $0.isEmpty ? nil : $0 }))
            }
        }
        return documents
    }

    // MARK: - Units answering

    /// Whether the campaign targets units of `kind`.
    static func targets(_ items: [ChecklistItem], _ kind: UnitKind) -> Bool {
        items.contains { $0.targets(kind) }
    }

    /// Acknowledges the campaign for a unit; idempotent (the first acknowledgement stays). Needs `.report` on the unit.
    static func acknowledge(_ campaign: Campaign, unit: OrgUnit, by principal: Principal, now: Date = Date(),
                            on db: any Database) async throws -> (ack: CampaignAcknowledgement, created: Bool) {
        let unitID = try unit.requireID()
        try require(.report, on: unitID, principal)
        let campaignID = try campaign.requireID()
        let all = try await items(of: campaignID, on: db)
        guard targets(all, unit.kind) else {
            throw BilingualError(.unprocessableEntity, "Đợt cao điểm này không áp dụng cho đơn vị loại \(unit.kind.vietnamese).",
                                "This campaign has no items for units of kind \(unit.kind.rawValue).")
        }
        return try await retrying(constraintRaces: true) {
            // After a lost race the other acknowledgement is found here and stands.
            if let existing = try await acknowledgement(campaignID, unitID, on: db) { return (existing, false) }
            let ack = try await db.transaction { db in
                let ack = CampaignAcknowledgement(campaignID: campaignID, unitID: unitID, personID: principal.personID, at: now)
                try await ack.create(on: db)
                try await Audit.record("campaign.acknowledge", entity: "campaign_acknowledgement", id: ack.id?.uuidString,
                                       unitID: unitID, after: ack.dto(personName: principal.fullName), by: principal, on: db)
                return ack
            }
            return (ack, true)
        }
    }

    static func acknowledgement(_ campaignID: UUID, _ unitID: UUID, on db: any Database) async throws -> CampaignAcknowledgement? {
        try await CampaignAcknowledgement.query(on: db).filter(\.$campaign.$id == campaignID).filter(\.$unit.$id == unitID).first()
    }

    /// A checked evidence upload.
    struct Upload: Sendable {
        var filename: String
        var declaredType: String
        var content: Data
        var sha256: String
    }

    /// Checks an uploaded file: nil for "no file chosen", 413 above `maxBytes`, 422 when empty.
    static func checkUpload(_ file: File?, maxBytes: Int) throws -> Upload? {
        guard let file else { return nil }
        let size = file.data.readableBytes
        let name = file.filename.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty && size == 0 { return nil }
        if size > maxBytes {
            throw BilingualError(.payloadTooLarge,
                                "Tệp minh chứng quá lớn: \(megabytes(size)) MB, tối đa \(megabytes(maxBytes)) MB.",
                                "The evidence file is too large: \(megabytes(size)) MB, the limit is \(megabytes(maxBytes)) MB.")
        }
        if size == 0 { throw BilingualError(.unprocessableEntity, "Tệp minh chứng rỗng.", "The evidence file is empty.") }
        let content = Data(file.data.readableBytesView)
        return Upload(filename: safeFilename(name), declaredType: file.contentType?.serialize() ?? "application/octet-stream",
                      content: content, sha256: SHA256.hash(data: content).hex)
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1_048_576)
    }

    /// The last path component, without control characters or quotes, at most 200 characters.
    static func safeFilename(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(String.UnicodeScalarView(last.unicodeScalars.filter {
            !CharacterSet.controlCharacters.contains($0) && $0 != "\"" && $0 != ";"
        })).trimmingCharacters(in: .whitespaces)
        let short = String(cleaned.prefix(200))
        return short.isEmpty || short == "." || short == ".." ? "evidence.bin" : short
    }

    /// Records a unit's answer to an item, replacing its current answer (the audit log keeps the history).
    /// Without a new file the previous evidence stays, unless `removeEvidence`. Reporting also acknowledges the campaign.
    static func report(_ campaign: Campaign, item: ChecklistItem, unit: OrgUnit, input: ReportInput, maxUploadBytes: Int,
                       by principal: Principal, now: Date = Date(), on db: any Database) async throws -> ItemReport {
        let unitID = try unit.requireID()
        try require(.report, on: unitID, principal)
        let campaignID = try campaign.requireID(), itemID = try item.requireID()
        guard item.$campaign.id == campaignID else {
            throw BilingualError.notFound("Không có mục kiểm tra này trong đợt.", "No such checklist item in this campaign.")
        }
        var problems = CampaignProblems()
        guard item.targets(unit.kind) else {
            throw BilingualError(.unprocessableEntity,
                                "Mục này không áp dụng cho đơn vị loại \(unit.kind.vietnamese).",
                                "This item does not target units of kind \(unit.kind.rawValue).")
        }
        let statuses = ItemStatus.allCases.map(\.rawValue).joined(separator: ", ")
        let status = input.status.flatMap { ItemStatus(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
        if status == nil {
            problems.add("status phải là một trong: \(statuses)", "status must be one of \(statuses)")
        }
        let note = (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if status == .problem && note.isEmpty {
            problems.add("Cần ghi chú khi báo cáo có vướng mắc", "a note is required when the status is problem")
        }
        if note.count > maxNote { problems.add("Ghi chú tối đa \(maxNote) ký tự", "note must be at most \(maxNote) characters") }
        try problems.check()
        let upload = try checkUpload(input.evidence, maxBytes: maxUploadBytes)
        // A concurrent first answer or acknowledgement makes this attempt fail; the next one replaces/keeps theirs.
        return try await retrying(constraintRaces: true) {
            try await db.transaction { db in
                let existing = try await ItemReport.query(on: db).filter(\.$item.$id == itemID).filter(\.$unit.$id == unitID).first()
                var before: ReportDTO?
                if let existing { before = try await reportDTO(existing, on: db) }
                var evidenceID = input.removeEvidence ? nil : existing?.$evidence.id
                if let upload {
                    let file = EvidenceFile(unitID: unitID, filename: upload.filename, declaredType: upload.declaredType,
                                            content: upload.content, sha256: upload.sha256, uploaderID: principal.personID)
                    try await file.create(on: db)
                    evidenceID = file.id
                    try await Audit.record("evidence.upload", entity: "evidence_file", id: file.id?.uuidString, unitID: unitID,
                                           after: file.dto(), by: principal, on: db)
                }
                let report = existing ?? ItemReport(itemID: itemID, unitID: unitID, status: status!, note: note, evidenceID: nil,
                                                    reporterID: principal.personID, reportedAt: now)
                report.status = status!
                report.note = note
                report.$evidence.id = evidenceID
                report.$reporter.id = principal.personID
                report.reportedAt = now
                try await report.save(on: db)
                if try await acknowledgement(campaignID, unitID, on: db) == nil {
                    let ack = CampaignAcknowledgement(campaignID: campaignID, unitID: unitID, personID: principal.personID, at: now)
                    try await ack.create(on: db)
                    try await Audit.record("campaign.acknowledge", entity: "campaign_acknowledgement", id: ack.id?.uuidString,
                                           unitID: unitID, after: ack.dto(personName: principal.fullName), by: principal, on: db)
                }
                try await Audit.record("campaign.report", entity: "item_report", id: report.id?.uuidString, unitID: unitID,
                                       before: before, after: try await reportDTO(report, on: db), by: principal, on: db)
                return report
            }
        }
    }

    /// A report with its evidence metadata and reporter name.
    static func reportDTO(_ report: ItemReport, on db: any Database) async throws -> ReportDTO {
        let evidence = try await evidenceMeta(report.$evidence.id.map { [$0] } ?? [], on: db)
        let names = try await personNames([report.$reporter.id], on: db)
        return report.dto(evidence: report.$evidence.id.flatMap { evidence[$0] }, reporterName: names[report.$reporter.id])
    }

    /// Evidence metadata by id, without loading the files' content.
    static func evidenceMeta(_ ids: [UUID], on db: any Database) async throws -> [UUID: EvidenceDTO] {
        guard !ids.isEmpty else { return [:] }
        let files = try await EvidenceFile.query(on: db).filter(\.$id ~~ ids)
            .field(\.$id).field(\.$unit.$id).field(\.$filename).field(\.$declaredType).field(\.$size).field(\.$sha256).field(\.$createdAt)
            .all()
        return Dictionary(files.map { ($0.id!, $0.dto()) }, uniquingKeysWith: { a, _ in a })
    }

    static func personNames(_ ids: [UUID], on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let people = try await Person.query(on: db).filter(\.$id ~~ Array(Set(ids))).field(\.$id).field(\.$fullName).all()
        return Dictionary(people.map { ($0.id!, $0.fullName) }, uniquingKeysWith: { a, _ in a })
    }

    /// One unit's items (those targeting its kind), answers and acknowledgement. Needs `.read` on the unit.
    static func unitView(_ campaign: Campaign, unit: OrgUnit, for principal: Principal, now: Date = Date(),
                         on db: any Database) async throws -> UnitCampaignDTO {
        let unitID = try unit.requireID()
        try require(.read, on: unitID, principal)
        let campaignID = try campaign.requireID()
        let mine = try await items(of: campaignID, on: db).filter { $0.targets(unit.kind) }
        guard !mine.isEmpty else {
            throw BilingualError.notFound("Đợt cao điểm này không áp dụng cho đơn vị đó.", "This campaign does not target that unit.")
        }
        let reports = try await ItemReport.query(on: db).filter(\.$unit.$id == unitID)
            .filter(\.$item.$id ~~ mine.map { $0.id! }).all()
        let evidence = try await evidenceMeta(reports.compactMap { $0.$evidence.id }, on: db)
        let ack = try await acknowledgement(campaignID, unitID, on: db)
        let names = try await personNames(reports.map { $0.$reporter.id } + (ack.map { [$0.$person.id] } ?? []), on: db)
        let byItem = Dictionary(reports.map { ($0.$item.id, $0) }, uniquingKeysWith: { a, _ in a })
        let board = ComplianceBoard.build(items: mine.map { boardItem($0, campaign) },
                                          units: [ComplianceBoard.Unit(id: unitID, name: unit.name, kind: unit.kind, acknowledgedAt: ack?.at)],
                                          answers: reports.map(boardAnswer), now: now)
        let cells = board.rows.first?.cells ?? []
        let entries = mine.enumerated().map { index, item in
            let report = byItem[item.id!]
            return UnitCampaignDTO.Entry(
                item: item.dto(campaignEndsAt: campaign.endsAt),
                state: index < cells.count ? cells[index] : .pending,
                report: report.map { $0.dto(evidence: $0.$evidence.id.flatMap { evidence[$0] }, reporterName: names[$0.$reporter.id]) })
        }
        return UnitCampaignDTO(campaignID: campaignID, unit: unit.dto(),
                               acknowledgement: ack.map { $0.dto(personName: names[$0.$person.id]) },
                               canReport: principal.policy.allows(.report, on: unitID), items: entries)
    }

    /// Targeted units on which `principal` may report, by name (for the web page).
    static func reportableUnits(_ items: [ChecklistItem], for principal: Principal, on db: any Database) async throws -> [OrgUnit] {
        guard !principal.isCoordinator, let units = principal.policy.units(with: .report), !units.isEmpty else { return [] }
        let kinds = Set(items.flatMap(\.targetKinds))
        let found = try await OrgUnit.query(on: db).filter(\.$id ~~ Array(units)).all()
        return sortUnits(found.filter { kinds.contains($0.kind) })
    }

    static func sortUnits(_ units: [OrgUnit]) -> [OrgUnit] {
        units.map { (SearchText.fold($0.name), $0) }.sorted { ($0.0, $0.1.code) < ($1.0, $1.1.code) }.map(\.1)
    }

    // MARK: - Compliance board

    static func boardItem(_ item: ChecklistItem, _ campaign: Campaign) -> ComplianceBoard.Item {
        ComplianceBoard.Item(id: item.id!, title: item.title, targetKinds: Set(item.targetKinds), dueAt: item.dueAt ?? campaign.endsAt)
    }

    static func boardAnswer(_ report: ItemReport) -> ComplianceBoard.Answer {
        ComplianceBoard.Answer(itemID: report.$item.id, unitID: report.$unit.id, status: report.status, reportedAt: report.reportedAt)
    }

    /// Everything the board, the CSV and the summary are built from, limited to the units the principal can read.
    struct BoardData {
        var campaign: Campaign
        var items: [ChecklistItem]
        var units: [UUID: OrgUnit]
        var reports: [ItemReport]
        var board: ComplianceBoard
        var now: Date

        var zone: TimeZone { campaign.zone }

        func unitDTO(_ id: UUID) -> BoardUnitDTO {
            units[id]?.boardDTO() ?? BoardUnitDTO(id: id, code: "", name: "", kind: .stateAgency)
        }

        /// (unit, item) pairs not answered after their deadline, by deadline.
        var overdue: [OverdueDTO] {
            var list: [OverdueDTO] = []
            for row in board.rows {
                for (index, cell) in row.cells.enumerated() where cell == .overdue {
                    let item = items[index]
                    list.append(OverdueDTO(unit: unitDTO(row.unit.id), itemID: item.id!, itemTitle: item.title,
                                           dueAt: item.dueAt ?? campaign.endsAt))
                }
            }
            return list.sorted { ($0.dueAt, SearchText.fold($0.unit.name)) < ($1.dueAt, SearchText.fold($1.unit.name)) }
        }
    }

    static func boardData(_ campaign: Campaign, items: [ChecklistItem], for principal: Principal, now: Date = Date(),
                          on db: any Database) async throws -> BoardData {
        let campaignID = try campaign.requireID()
        let kinds = Set(items.flatMap(\.targetKinds))
        var units: [OrgUnit] = []
        if !kinds.isEmpty {
            let query = OrgUnit.query(on: db).filter(\.$kind ~~ Array(kinds))
            if let readable = principal.policy.units(with: .read) { query.filter(\.$id ~~ Array(readable)) }
            units = sortUnits(try await query.all())
        }
        let unitIDs = Set(units.map { $0.id! })
        let acks = try await CampaignAcknowledgement.query(on: db).filter(\.$campaign.$id == campaignID).all()
            .filter { unitIDs.contains($0.$unit.id) }
        let ackAt = Dictionary(acks.map { ($0.$unit.id, $0.at) }, uniquingKeysWith: { a, _ in a })
        var reports: [ItemReport] = []
        if !items.isEmpty && !units.isEmpty {
            reports = try await ItemReport.query(on: db).filter(\.$item.$id ~~ items.map { $0.id! }).all()
                .filter { unitIDs.contains($0.$unit.id) }
        }
        let board = ComplianceBoard.build(
            items: items.map { boardItem($0, campaign) },
            units: units.map { ComplianceBoard.Unit(id: $0.id!, name: $0.name, kind: $0.kind, acknowledgedAt: ackAt[$0.id!]) },
            answers: reports.map(boardAnswer), now: now)
        return BoardData(campaign: campaign, items: items, units: Dictionary(units.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a }),
                         reports: reports, board: board, now: now)
    }

    static func compliance(_ data: BoardData) -> ComplianceDTO {
        let board = data.board
        return ComplianceDTO(
            campaignID: data.campaign.id!, title: data.campaign.title, generatedAt: data.now,
            items: data.items.map { $0.dto(campaignEndsAt: data.campaign.endsAt) },
            rows: board.rows.map { row in
                ComplianceDTO.Row(unit: data.unitDTO(row.unit.id), acknowledgedAt: row.unit.acknowledgedAt, cells: row.cells,
                                  answered: row.answered, targeted: row.targeted, overdue: row.overdue, problems: row.problems)
            },
            unacknowledged: board.unacknowledged.map { data.unitDTO($0.id) },
            overdue: data.overdue,
            targetedCells: board.targetedCells, answeredCells: board.answeredCells, overdueCells: board.overdueCells,
            completionPercent: board.completionPercent)
    }

    static func cellLabel(_ cell: ComplianceBoard.Cell, _ lang: Lang) -> String {
        switch cell {
        case .notTargeted: "—"
        case .pending: lang == .vi ? "Chưa báo cáo" : "Pending"
        case .overdue: lang == .vi ? "Quá hạn" : "Overdue"
        case .done: lang == .vi ? ItemStatus.done.vietnamese : ItemStatus.done.english
        case .notApplicable: lang == .vi ? ItemStatus.notApplicable.vietnamese : ItemStatus.notApplicable.english
        case .problem: lang == .vi ? ItemStatus.problem.vietnamese : ItemStatus.problem.english
        }
    }

    /// The board as CSV for Excel: UTF-8 with BOM, CRLF lines, a header row, one row per targeted unit, one column per item.
    static func csv(_ data: BoardData, lang: Lang = .vi) -> String {
        func t(_ vi: String, _ en: String) -> String { lang == .vi ? vi : en }
        var lines: [[String]] = []
        lines.append([t("Mã đơn vị", "Unit code"), t("Đơn vị", "Unit"), t("Loại đơn vị", "Unit kind"), t("Tiếp nhận lúc", "Acknowledged at")]
                     + data.items.map { "\($0.position). \($0.title)" }
                     + [t("Đã báo cáo", "Answered"), t("Số mục phải báo cáo", "Items to answer"), t("Quá hạn", "Overdue"),
                        t("Hoàn thành (%)", "Completion (%)")])
        for row in data.board.rows {
            let unit = data.unitDTO(row.unit.id)
            let percent = row.targeted == 0 ? 100 : row.answered * 100 / row.targeted
            lines.append([unit.code, unit.name, lang == .vi ? unit.kind.vietnamese : unit.kind.english,
                          row.unit.acknowledgedAt.map { VNDateFormat.format($0, timeZone: data.zone) } ?? ""]
                         + row.cells.map { cellLabel($0, lang) }
                         + [String(row.answered), String(row.targeted), String(row.overdue), String(percent)])
        }
        return "\u{FEFF}" + lines.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a CSV field when needed; neutralises text a spreadsheet would run as a formula.
    static func csvField(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Int(value) == nil {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// The end-of-campaign report (can be produced at any time; it reflects the board at `data.now`).
    static func summary(_ data: BoardData, on db: any Database) async throws -> CampaignSummaryReportDTO {
        let board = data.board
        var total = StatusCountsDTO()
        var perItem = Array(repeating: StatusCountsDTO(), count: data.items.count)
        var targetedPerItem = Array(repeating: 0, count: data.items.count)
        for row in board.rows {
            for (index, cell) in row.cells.enumerated() where cell != .notTargeted {
                total.add(cell)
                perItem[index].add(cell)
                targetedPerItem[index] += 1
            }
        }
        let targetedPairs = Set(board.rows.flatMap { row in
            row.cells.enumerated().filter { $0.element != .notTargeted }.map { "\(row.unit.id)|\(data.items[$0.offset].id!)" }
        })
        let problemReports = data.reports.filter { $0.status == .problem && targetedPairs.contains("\($0.$unit.id)|\($0.$item.id)") }
        let evidence = try await evidenceMeta(problemReports.compactMap { $0.$evidence.id }, on: db)
        let names = try await personNames(problemReports.map { $0.$reporter.id }, on: db)
        let titles = Dictionary(data.items.map { ($0.id!, ($0.position, $0.title)) }, uniquingKeysWith: { a, _ in a })
        let problems = problemReports
            .sorted { (titles[$0.$item.id]?.0 ?? 0, SearchText.fold(data.unitDTO($0.$unit.id).name)) < (titles[$1.$item.id]?.0 ?? 0, SearchText.fold(data.unitDTO($1.$unit.id).name)) }
            .map { report in
                CampaignSummaryReportDTO.Problem(unit: data.unitDTO(report.$unit.id), itemID: report.$item.id,
                                                 itemTitle: titles[report.$item.id]?.1 ?? "", note: report.note,
                                                 reportedAt: report.reportedAt, reporterName: names[report.$reporter.id],
                                                 evidence: report.$evidence.id.flatMap { evidence[$0] })
            }
        return CampaignSummaryReportDTO(
            campaign: data.campaign.dto(items: data.items), generatedAt: data.now,
            targetedUnits: board.rows.count,
            acknowledgedUnits: board.rows.filter { $0.unit.acknowledgedAt != nil }.count,
            completionPercent: board.completionPercent, byStatus: total,
            items: data.items.enumerated().map { index, item in
                CampaignSummaryReportDTO.ItemSummary(item: item.dto(campaignEndsAt: data.campaign.endsAt),
                                                     targetedUnits: targetedPerItem[index], counts: perItem[index])
            },
            unacknowledged: board.unacknowledged.map { data.unitDTO($0.id) },
            problems: problems, overdue: data.overdue)
    }

    // MARK: - Templates

    static func templates(year: Int) -> [CampaignTemplateDTO] {
        CampaignTemplate.keys.compactMap { CampaignTemplate.named($0, year: year) }.map { t in
            CampaignTemplateDTO(key: t.key, year: year, title: t.title, startsAt: t.startsAt, endsAt: t.endsAt,
                                timeZone: t.timeZone.identifier, directive: t.directive, documents: t.documents,
                                items: t.items.map { .init(title: $0.title, detail: $0.detail, targetKinds: $0.targetKinds, dueAt: t.dueDate(of: $0)) })
        }
    }

    // MARK: - Evidence

    /// An evidence file the principal may read (its unit readable), or 404.
    /// An evidence file by id, through the one check that also applies the TLP of any incident it belongs to.
    static func evidence(_ id: UUID, for principal: Principal, on db: any Database) async throws -> EvidenceFile {
        try await IncidentAccess.evidence(id, for: principal, on: db)
    }

    /// Serves evidence as an opaque download, never rendered by the browser, with its SHA-256.
    static func download(_ file: EvidenceFile) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/octet-stream")
        let ascii = String(file.filename.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" && $0 != "%" ? Character($0) : "_" })
        let encoded = file.filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? "evidence.bin"
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; sandbox")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        let digest = Hex.decode(file.sha256).map { Data($0).base64EncodedString() } ?? ""
        headers.replaceOrAdd(name: "Digest", value: "sha-256=\(digest)")
        headers.replaceOrAdd(name: "Repr-Digest", value: "sha-256=:\(digest):")
        headers.replaceOrAdd(name: "X-Content-SHA256", value: file.sha256)
        return Response(status: .ok, headers: headers, body: .init(data: file.content))
    }
}
