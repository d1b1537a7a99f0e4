import Foundation
import Testing
import TrucCore

@Suite struct CampaignValidationTests {
    typealias V = CampaignValidation
    static let start = Date(timeIntervalSince1970: 1_777_395_600)  // 2026-04-28T17:00:00Z = 29/04/2026 00:00 in Hanoi
    static let end = start.addingTimeInterval(5 * 86_400)

    /// The validation error `body` throws, nil when it throws none (or another error).
    static func errors(_ body: () throws -> Void) -> CampaignValidationError? {
        do {
            try body()
            return nil
        } catch {
            return error as? CampaignValidationError
        }
    }

    @Test func aFullCampaignIsTrimmedAndKept() throws {
        let input = V.CampaignFields(
            title: "  Đợt 30/4  ", startsAt: Self.start, endsAt: Self.end, directive: " Chỉ đạo ",
            documents: [V.DocumentFields(number: " 1520/BTTTT-CATTT ", date: "2023-04-26", issuer: "Bộ TT&TT", title: "  ")],
            items: [V.ItemFields(title: "Rà soát", detail: " chi tiết ", targetKinds: ["state_agency", "state_agency", " it_center "])])
        let draft = try V.draft(from: input)
        #expect(draft.title == "Đợt 30/4")
        #expect(draft.timeZone == "Asia/Ho_Chi_Minh")
        #expect(draft.directive == "Chỉ đạo")
        #expect(draft.documents == [ReferencedDocument(number: "1520/BTTTT-CATTT", date: "2023-04-26", issuer: "Bộ TT&TT", title: nil)])
        #expect(draft.items == [CampaignDraft.Item(title: "Rà soát", detail: "chi tiết", targetKinds: [.stateAgency, .itCenter], dueAt: nil)])
    }

    @Test func everyProblemIsNamedAtOnce() throws {
        let input = V.CampaignFields(title: " ", startsAt: Self.end, endsAt: Self.start, timeZone: "Nowhere",
                                     documents: [V.DocumentFields(number: "x", date: "26/04/2023", issuer: "")],
                                     items: [V.ItemFields(title: "", targetKinds: ["ministry"])])
        let error = try #require(Self.errors { _ = try V.draft(from: input) })
        #expect(error.english == [
            "title is required",
            "timeZone 'Nowhere' is not an IANA time zone such as Asia/Ho_Chi_Minh",
            "endsAt must be after startsAt",
            "documents[0].number: 'x' does not look like a document number such as 1520/BTTTT-CATTT",
            "documents[0].date: '26/04/2023' must be a date as yyyy-MM-dd",
            "documents[0].issuer is required (at most 300 characters)",
            "items[0].title is required",
            "items[0].targetKinds: unknown unit kind 'ministry' (known: \(UnitKind.allCases.map(\.rawValue).joined(separator: ", ")))",
        ].joined(separator: "; "))
        #expect(error.problems.count == 8)
        #expect(error.vietnamese.hasPrefix("title: bắt buộc; timeZone 'Nowhere' không phải múi giờ IANA"))
    }

    @Test func periodRules() {
        var problems = CampaignProblems()
        V.period(nil, nil, &problems)
        #expect(problems.list.map(\.english) == ["startsAt is required (ISO 8601)", "endsAt is required (ISO 8601)"])
        problems = CampaignProblems()
        V.period(Self.start, Self.start, &problems)
        #expect(problems.list.map(\.english) == ["endsAt must be after startsAt"])
        problems = CampaignProblems()
        V.period(Self.start, Self.start.addingTimeInterval(V.maxPeriod), &problems)
        #expect(problems.isEmpty)
        V.period(Self.start, Self.start.addingTimeInterval(V.maxPeriod + 1), &problems)
        #expect(problems.list.map(\.english) == ["a campaign may last at most 366 days"])
    }

    @Test func titlesDetailsAndDirectivesHaveLimits() {
        var problems = CampaignProblems()
        #expect(V.title(String(repeating: "a", count: V.maxTitle), field: "title", &problems).count == V.maxTitle)
        #expect(problems.isEmpty)
        _ = V.title(String(repeating: "a", count: V.maxTitle + 1), field: "items[2].title", &problems)
        _ = V.detail(String(repeating: "b", count: V.maxDetail + 1), field: "detail", &problems)
        _ = V.directive(String(repeating: "c", count: V.maxDirective + 1), &problems)
        #expect(problems.list.map(\.english) == [
            "items[2].title must be at most \(V.maxTitle) characters",
            "detail must be at most \(V.maxDetail) characters",
            "directive is too long (at most \(V.maxDirective) characters)",
        ])
    }

    @Test func timeZonesAreIANANames() {
        var problems = CampaignProblems()
        #expect(V.timeZone(nil, &problems) == "Asia/Ho_Chi_Minh")
        #expect(V.timeZone(" UTC ", &problems) == "UTC")
        #expect(V.timeZone("Europe/Paris", &problems) == "Europe/Paris")
        #expect(problems.isEmpty)
        #expect(V.timeZone("GMT+7", &problems) == "Asia/Ho_Chi_Minh")
        #expect(V.timeZone("Mars/Olympus", &problems) == "Asia/Ho_Chi_Minh")
        #expect(problems.list.count == 2)
    }

    @Test func kindsAreRequiredAndKnown() {
        var problems = CampaignProblems()
        #expect(V.kinds(nil, field: "targetKinds", &problems) == [])
        #expect(V.kinds([], field: "targetKinds", &problems) == [])
        #expect(problems.list.count == 2)
        problems = CampaignProblems()
        #expect(V.kinds(["it_center", "nope", "it_center"], field: "k", &problems) == [.itCenter])
        #expect(problems.list.count == 1)
    }

    @Test func tooManyItemsOrDocuments() throws {
        let item = V.ItemFields(title: "t", targetKinds: ["it_center"])
        let document = V.DocumentFields(number: "1520/BTTTT-CATTT", date: "2023-04-26", issuer: "Bộ")
        let input = V.CampaignFields(title: "t", startsAt: Self.start, endsAt: Self.end,
                                     documents: Array(repeating: document, count: V.maxDocuments + 1),
                                     items: Array(repeating: item, count: V.maxItems + 1))
        let error = try #require(Self.errors { _ = try V.draft(from: input) })
        #expect(error.english == "at most \(V.maxDocuments) documents; at most \(V.maxItems) checklist items")
    }

    @Test func templates() throws {
        let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
        let draft = try V.draft(from: V.CampaignFields(template: "le-30-4"), now: now)
        #expect(draft.title.hasSuffix("2026"))
        #expect(draft.items.count == 5)
        #expect(try V.draft(from: V.CampaignFields(template: "le-30-4", year: 2024, title: " Riêng ")).title == "Riêng")
        let extras = try #require(Self.errors { _ = try V.draft(from: V.CampaignFields(template: "le-30-4", startsAt: Self.start, items: [])) })
        #expect(extras.english == "with a template only year and title may be given (remove startsAt, items)")
        let year = try #require(Self.errors { _ = try V.draft(from: V.CampaignFields(template: "tet", year: 1990)) })
        #expect(year.english == "year must be within 2000-2100; template 'tet' does not exist (known: le-30-4)")
        let stray = try #require(Self.errors {
            _ = try V.draft(from: V.CampaignFields(year: 2026, title: "x", startsAt: Self.start, endsAt: Self.end))
        })
        #expect(stray.english == "year is only used together with template")
    }

    @Test func changesKeepTheOtherEndOfThePeriod() throws {
        let change = try V.change(V.CampaignFields(endsAt: Self.end.addingTimeInterval(86_400), directive: " Mới "),
                                  startsAt: Self.start, endsAt: Self.end)
        #expect(change.title == nil && change.timeZone == nil && change.documents == nil)
        #expect(change.startsAt == Self.start && change.endsAt == Self.end.addingTimeInterval(86_400))
        #expect(change.directive == "Mới")
        let reversed = try #require(Self.errors {
            _ = try V.change(V.CampaignFields(startsAt: Self.end.addingTimeInterval(1)), startsAt: Self.start, endsAt: Self.end)
        })
        #expect(reversed.english == "endsAt must be after startsAt")
    }

    @Test func items() throws {
        let item = try V.newItem(V.ItemFields(title: " Vá ", targetKinds: ["it_center"], dueAt: Self.end), existingCount: 3)
        #expect(item == CampaignDraft.Item(title: "Vá", detail: "", targetKinds: [.itCenter], dueAt: Self.end))
        let full = try #require(Self.errors {
            _ = try V.newItem(V.ItemFields(title: "", targetKinds: ["it_center"], position: 0), existingCount: V.maxItems)
        })
        #expect(full.english == "item.title is required; position must be at least 1; at most \(V.maxItems) checklist items")
        let change = try V.itemChange(V.ItemFields(detail: " d "))
        #expect(change.title == nil && change.detail == "d" && change.targetKinds == nil)
        let bad = try #require(Self.errors { _ = try V.itemChange(V.ItemFields(targetKinds: [], position: -1)) })
        #expect(bad.problems.count == 2)
    }

    @Test func answers() throws {
        let done = try V.answer(status: " done ", note: nil)
        #expect(done.status == .done && done.note == "")
        let problem = try V.answer(status: "problem", note: " switch chưa vá ")
        #expect(problem.status == .problem && problem.note == "switch chưa vá")
        let noNote = try #require(Self.errors { _ = try V.answer(status: "problem", note: "  ") })
        #expect(noNote.vietnamese == "Cần ghi chú khi báo cáo có vướng mắc")
        let unknown = try #require(Self.errors { _ = try V.answer(status: "finished", note: String(repeating: "x", count: V.maxNote + 1)) })
        #expect(unknown.english == "status must be one of done, not_applicable, problem; note must be at most \(V.maxNote) characters")
    }
}
