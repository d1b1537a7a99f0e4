import Foundation

extension CampaignValidation {
    /// Checks a new campaign and turns it into a draft; throws every problem at once.
    ///
    /// With a template only `year` (2000-2100, default: this year in `defaultTimeZone`) and `title` may be given; the
    /// template gives the rest. Without one, the title, the period and the time zone are checked, the directive, the
    /// documents and at most `maxItems` items.
    public static func draft(from input: CampaignFields, now: Date = Date()) throws(CampaignValidationError) -> CampaignDraft {
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
            let customTitle = input.title.map { Self.title($0, field: "title", &problems) }
            try problems.failIfAny()
            guard let template else { throw CampaignValidationError("Mẫu không hợp lệ", "invalid template") }
            return CampaignDraft(title: customTitle ?? template.title, startsAt: template.startsAt, endsAt: template.endsAt,
                                 timeZone: template.timeZone.identifier, directive: template.directive, documents: template.documents,
                                 items: template.items.map { CampaignDraft.Item(title: $0.title, detail: $0.detail, targetKinds: $0.targetKinds,
                                                                                dueAt: template.dueDate(of: $0)) })
        }
        if input.year != nil {
            problems.add("year chỉ dùng cùng template", "year is only used together with template")
        }
        let title = Self.title(input.title, field: "title", &problems)
        let zone = Self.timeZone(input.timeZone, &problems)
        Self.period(input.startsAt, input.endsAt, &problems)
        let directive = Self.directive(input.directive ?? "", &problems)
        let documents = Self.documents(input.documents ?? [], &problems)
        let inputs = input.items ?? []
        if inputs.count > maxItems {
            problems.add("Tối đa \(maxItems) mục kiểm tra", "at most \(maxItems) checklist items")
        }
        let items = inputs.enumerated().compactMap { index, fields in Self.item(fields, field: "items[\(index)]", &problems) }
        try problems.failIfAny()
        guard let startsAt = input.startsAt, let endsAt = input.endsAt else {
            throw CampaignValidationError("startsAt, endsAt: bắt buộc", "startsAt and endsAt are required")
        }
        return CampaignDraft(title: title, startsAt: startsAt, endsAt: endsAt, timeZone: zone, directive: directive,
                             documents: documents, items: items)
    }

    /// Checks a change to a campaign whose period is now `startsAt`–`endsAt`: the given title, time zone, directive and
    /// documents, and the period it will have.
    public static func change(_ input: CampaignFields, startsAt: Date, endsAt: Date) throws(CampaignValidationError) -> Change {
        var problems = CampaignProblems()
        let title = input.title.map { Self.title($0, field: "title", &problems) }
        let zone = input.timeZone.map { Self.timeZone($0, &problems) }
        let start = input.startsAt ?? startsAt, end = input.endsAt ?? endsAt
        Self.period(start, end, &problems)
        let directive = input.directive.map { Self.directive($0, &problems) }
        let documents = input.documents.map { Self.documents($0, &problems) }
        try problems.failIfAny()
        return Change(title: title, timeZone: zone, startsAt: start, endsAt: end, directive: directive, documents: documents)
    }

    /// Checks an item added to a checklist that has `existingCount` items (fields named `item.title` …).
    public static func newItem(_ input: ItemFields, existingCount: Int) throws(CampaignValidationError) -> CampaignDraft.Item {
        var problems = CampaignProblems()
        let draft = Self.item(input, field: "item", &problems)
        Self.position(input.position, &problems)
        if existingCount >= maxItems { problems.add("Tối đa \(maxItems) mục kiểm tra", "at most \(maxItems) checklist items") }
        try problems.failIfAny()
        guard let draft else { throw CampaignValidationError("Mục kiểm tra không hợp lệ", "invalid item") }
        return draft
    }

    /// Checks a change to a checklist item: the given title, detail, target kinds and position.
    public static func itemChange(_ input: ItemFields) throws(CampaignValidationError) -> ItemChange {
        var problems = CampaignProblems()
        let title = input.title.map { Self.title($0, field: "title", &problems) }
        let detail = input.detail.map { Self.detail($0, field: "detail", &problems) }
        let kinds = input.targetKinds.map { Self.kinds($0, field: "targetKinds", &problems) }
        Self.position(input.position, &problems)
        try problems.failIfAny()
        return ItemChange(title: title, detail: detail, targetKinds: kinds)
    }

    /// Checks a unit's answer to an item: a known status, a note (trimmed) of at most `maxNote` characters, required
    /// when the status is `.problem`.
    public static func answer(status: String?, note: String?) throws(CampaignValidationError) -> (status: ItemStatus, note: String) {
        var problems = CampaignProblems()
        let statuses = ItemStatus.allCases.map(\.rawValue).joined(separator: ", ")
        let status = status.flatMap { ItemStatus(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
        if status == nil {
            problems.add("status phải là một trong: \(statuses)", "status must be one of \(statuses)")
        }
        let note = (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if status == .problem && note.isEmpty {
            problems.add("Cần ghi chú khi báo cáo có vướng mắc", "a note is required when the status is problem")
        }
        if note.count > maxNote { problems.add("Ghi chú tối đa \(maxNote) ký tự", "note must be at most \(maxNote) characters") }
        try problems.failIfAny()
        guard let status else { throw CampaignValidationError("status không hợp lệ", "invalid status") }
        return (status, note)
    }
}
