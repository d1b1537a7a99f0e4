import Foundation

/// The rules a campaign's input must follow (titles, details, the period, the time zone, target unit kinds,
/// referenced documents, checklist items, answers). Each field check adds what is wrong to a `CampaignProblems` and
/// returns the cleaned value, so that one answer names every problem; the whole-input checks (`draft(from:now:)`,
/// `change(_:startsAt:endsAt:)`, …) throw them as one `CampaignValidationError`.
public enum CampaignValidation {
    /// The time zone of a campaign that names none.
    public static let defaultTimeZone = "Asia/Ho_Chi_Minh"
    public static let maxTitle = TextLimit.title
    public static let maxDetail = TextLimit.note
    public static let maxDirective = TextLimit.document
    /// The longest note of an answer.
    public static let maxNote = 4_000
    public static let maxItems = TextLimit.listEntries
    public static let maxDocuments = 50
    /// A referenced document: the longest number, issuer and title.
    public static let maxDocumentNumber = 100
    public static let maxDocumentIssuer = 300
    public static let maxDocumentTitle = 1_000
    /// The longest campaign: 366 days.
    public static let maxPeriod: TimeInterval = 366 * 86_400

    /// A required title (trimmed), at most `maxTitle` characters.
    public static func title(_ text: String?, field: String, _ problems: inout CampaignProblems) -> String {
        let title = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty {
            problems.add("\(field): bắt buộc", "\(field) is required")
        } else if title.count > maxTitle {
            problems.add("\(field): tối đa \(maxTitle) ký tự", "\(field) must be at most \(maxTitle) characters")
        }
        return title
    }

    /// An optional detail (trimmed), at most `maxDetail` characters.
    public static func detail(_ text: String, field: String, _ problems: inout CampaignProblems) -> String {
        let detail = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if detail.count > maxDetail {
            problems.add("\(field): tối đa \(maxDetail) ký tự", "\(field) must be at most \(maxDetail) characters")
        }
        return detail
    }

    /// A campaign's directive (trimmed), at most `maxDirective` characters.
    public static func directive(_ text: String, _ problems: inout CampaignProblems) -> String {
        let directive = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if directive.count > maxDirective {
            problems.add("directive quá dài (tối đa \(maxDirective) ký tự)", "directive is too long (at most \(maxDirective) characters)")
        }
        return directive
    }

    /// An IANA time zone ("Asia/Ho_Chi_Minh", "UTC"); `defaultTimeZone` when empty or unknown (a problem then).
    public static func timeZone(_ text: String?, _ problems: inout CampaignProblems) -> String {
        let id = (text ?? "").trimmingCharacters(in: .whitespaces)
        if id.isEmpty { return defaultTimeZone }
        guard id.contains("/") || id == "UTC", TimeZone(identifier: id) != nil else {
            problems.add("timeZone '\(id)' không phải múi giờ IANA (ví dụ Asia/Ho_Chi_Minh)",
                         "timeZone '\(id)' is not an IANA time zone such as Asia/Ho_Chi_Minh")
            return defaultTimeZone
        }
        return id
    }

    /// Both ends are required, the end comes after the start, and a campaign lasts at most `maxPeriod`.
    public static func period(_ start: Date?, _ end: Date?, _ problems: inout CampaignProblems) {
        if start == nil { problems.add("startsAt: bắt buộc (ISO 8601)", "startsAt is required (ISO 8601)") }
        if end == nil { problems.add("endsAt: bắt buộc (ISO 8601)", "endsAt is required (ISO 8601)") }
        guard let start, let end else { return }
        if end <= start {
            problems.add("Thời điểm kết thúc phải sau thời điểm bắt đầu", "endsAt must be after startsAt")
        } else if end.timeIntervalSince(start) > maxPeriod {
            problems.add("Một đợt cao điểm không dài quá 366 ngày", "a campaign may last at most 366 days")
        }
    }

    /// At least one known unit kind (raw values, trimmed); each kind once, in the order given.
    public static func kinds(_ raw: [String]?, field: String, _ problems: inout CampaignProblems) -> [UnitKind] {
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

    /// A checklist item's title, detail and target kinds (fields named `<field>.title` …); nil when any is wrong.
    public static func item(_ fields: ItemFields, field: String, _ problems: inout CampaignProblems) -> CampaignDraft.Item? {
        let before = problems.list.count
        let title = Self.title(fields.title, field: "\(field).title", &problems)
        let detail = Self.detail(fields.detail ?? "", field: "\(field).detail", &problems)
        let kinds = Self.kinds(fields.targetKinds, field: "\(field).targetKinds", &problems)
        guard problems.list.count == before else { return nil }
        return CampaignDraft.Item(title: title, detail: detail, targetKinds: kinds, dueAt: fields.dueAt)
    }

    /// A position in the checklist, when given, is at least 1.
    public static func position(_ position: Int?, _ problems: inout CampaignProblems) {
        if let position, position < 1 {
            problems.add("position phải ≥ 1", "position must be at least 1")
        }
    }

    /// At most `maxDocuments` referenced documents, each with a plausible number ("1520/BTTTT-CATTT"), a yyyy-MM-dd
    /// date, an issuer and an optional title; only the documents without problems are returned.
    public static func documents(_ inputs: [DocumentFields], _ problems: inout CampaignProblems) -> [ReferencedDocument] {
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
}
