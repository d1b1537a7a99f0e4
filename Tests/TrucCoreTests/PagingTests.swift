import Testing
@testable import TrucCore

@Suite struct PagingTests {
    @Test func absentParametersGiveTheFirstPageOfTheDefaultSize() throws {
        #expect(try Paging.parse(page: nil, per: nil) == Paging(page: 1, per: 10))
        #expect(try Paging.parse(page: nil, per: nil, defaultPer: 50) == Paging(page: 1, per: 50))
        #expect(try Paging.parse(page: "3", per: "25") == Paging(page: 3, per: 25))
        #expect(try Paging.parse(page: "007", per: "200").page == 7)
        #expect(try Paging.parse(page: "1000000", per: "200").offset == 999_999 * 200)
        // An odd default is clamped, never refused.
        #expect(try Paging.parse(page: nil, per: nil, defaultPer: 5000).per == Paging.maxPer)
    }

    @Test(arguments: [
        ("0", "page"), ("-1", "page"), ("9223372036854775807", "page"), ("99999999999999999999999", "page"),
        ("1000001", "page"), ("abc", "page"), ("", "page"), ("1.5", "page"), ("+2", "page"), (" 2", "page"), ("٣", "page"),
        ("1e3", "page"), ("0x10", "page"),
    ])
    func badPagesAreRefusedByName(text: String, parameter: String) {
        #expect(throws: PagingError(parameter: .page, text: text)) { try Paging.parse(page: text, per: nil) }
        #expect(throws: PagingError(parameter: .per, text: text)) { try Paging.parse(page: "1", per: text) }
    }

    @Test func perIsOneToTwoHundred() throws {
        #expect(throws: PagingError.self) { try Paging.parse(page: nil, per: "201") }
        #expect(throws: PagingError.self) { try Paging.parse(page: nil, per: "0") }
        #expect(throws: PagingError.self) { try Paging.parse(page: nil, per: "-5") }
        #expect(try Paging.parse(page: nil, per: "1").per == 1)
        #expect(throws: PagingError.self) { try Paging(page: 1, per: 201) }
        #expect(throws: PagingError.self) { try Paging(page: 0, per: 10) }
        #expect(throws: PagingError.self) { try Paging(page: Int.max, per: 200) }
        #expect(throws: PagingError.self) { try Paging(page: Int.min, per: 200) }
    }

    @Test func theErrorNamesTheParameterInBothLanguages() {
        let error = PagingError(parameter: .per, text: "201")
        #expect(error.english.hasPrefix("per must be a whole number from 1 to 200"))
        #expect(error.vietnamese.contains("per"))
        let page = PagingError(parameter: .page, text: String(repeating: "9", count: 500))
        #expect(page.english.hasPrefix("page "))
        #expect(page.text.count <= 41, "the echoed text is cut")
    }

    @Test func slicesAndRangesStayInsideTheList() throws {
        let items = Array(0..<25)
        #expect(try Paging(page: 1, per: 10).slice(items) == Array(0..<10))
        #expect(try Paging(page: 3, per: 10).slice(items) == Array(20..<25))
        #expect(try Paging(page: 4, per: 10).slice(items).isEmpty)
        #expect(try Paging(page: Paging.maxPage, per: Paging.maxPer).slice(items).isEmpty)
        #expect(try Paging(page: 2, per: 200).range(in: 0) == 0..<0)
        #expect(try Paging(page: 1, per: 5).slice(items[10...]) == Array(10..<15), "a slice that does not start at 0")
        #expect(try Paging(page: 2, per: 10).range(in: -3) == 0..<0)
        #expect(Paging.first().page == 1 && Paging.first().per == 10)
        #expect(Paging.first(per: 0).per == 1 && Paging.first(per: 10_000).per == 200)
    }

    /// Every page size and a spread of page numbers agree with a plain reference computation.
    @Test func offsetAgreesWithTheReference() throws {
        for per in 1...Paging.maxPer {
            for page in [1, 2, 3, 17, 999, 65_536, Paging.maxPage - 1, Paging.maxPage] {
                let paging = try Paging(page: page, per: per)
                #expect(paging.offset == (page - 1) * per)
                let count = 1_000
                let expected = min((page - 1) * per, count)..<min((page - 1) * per + per, count)
                if paging.range(in: count) != expected { Issue.record("page \(page) per \(per)"); return }
            }
        }
    }
}
