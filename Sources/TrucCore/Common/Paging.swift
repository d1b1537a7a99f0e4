/// Which page of a list a request asks for, checked once for every list of the API and the web pages.
///
/// `page` counts from 1 and is at most `maxPage`; `per` is 1…`maxPer`. Both are read from the raw query text
/// (`parse(page:per:defaultPer:)`), so a non-number, 0, a negative number, a number too large for an `Int` or
/// beyond the bounds is refused with a `PagingError` naming the parameter, never trapped on. The offset is
/// computed with checked arithmetic and is always at most `(maxPage - 1) × maxPer`.
public struct Paging: Sendable, Equatable, CustomStringConvertible {
    /// The most items on one page: 200.
    public static let maxPer = 200
    /// The default page size of API lists: 10.
    public static let defaultPer = 10
    /// The highest page number accepted: 1,000,000 (200 million items at 200 a page).
    public static let maxPage = 1_000_000

    /// The page number, from 1.
    public let page: Int
    /// Items on a page, 1…`maxPer`.
    public let per: Int

    /// A checked paging; throws when `page` is outside 1…`maxPage` or `per` outside 1…`maxPer`.
    public init(page: Int = 1, per: Int = Paging.defaultPer) throws(PagingError) {
        guard (1...Self.maxPage).contains(page) else { throw PagingError(parameter: .page, text: String(page)) }
        guard (1...Self.maxPer).contains(per) else { throw PagingError(parameter: .per, text: String(per)) }
        self.init(unchecked: page, per: per)
    }

    /// The first page of `per` items (`per` clamped into 1…`maxPer`), for a list the server pages itself.
    public static func first(per: Int = Paging.defaultPer) -> Paging {
        Paging(unchecked: 1, per: min(max(per, 1), maxPer))
    }

    private init(unchecked page: Int, per: Int) {
        self.page = page
        self.per = per
    }

    /// Reads `page` and `per` from the raw query values: absent means page 1 and `defaultPer`; anything else must
    /// be ASCII digits giving a number in range. Throws the first bad parameter (page before per).
    public static func parse(page: String?, per: String?, defaultPer: Int = Paging.defaultPer) throws(PagingError) -> Paging {
        let pageNumber = try number(page, .page) ?? 1
        let perNumber = try number(per, .per) ?? min(max(defaultPer, 1), maxPer)
        return try Paging(page: pageNumber, per: perNumber)
    }

    /// Decimal digits only (no sign, no spaces, at most 18 digits so the value fits an `Int`); nil when absent.
    private static func number(_ text: String?, _ parameter: PagingError.Parameter) throws(PagingError) -> Int? {
        guard let text else { return nil }
        let digits = text.utf8
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let value = Int(text)
        else { throw PagingError(parameter: parameter, text: text) }
        return value
    }

    /// How many items come before this page: `(page - 1) × per`, with overflow checked.
    public var offset: Int {
        let (product, overflow) = (page - 1).multipliedReportingOverflow(by: per)
        // Unreachable with the bounds above; saturate rather than trap if they ever change.
        return overflow ? Int.max : product
    }

    /// The positions of this page's items in a list of `count` items (empty when the page lies past its end).
    public func range(in count: Int) -> Range<Int> {
        let total = max(count, 0)
        let start = min(offset, total)
        let (end, overflow) = start.addingReportingOverflow(per)
        return start..<(overflow ? total : min(end, total))
    }

    /// This page of an in-memory list.
    public func slice<C: RandomAccessCollection>(_ items: C) -> [C.Element] where C.Index == Int {
        let positions = range(in: items.count)
        return Array(items[(items.startIndex + positions.lowerBound)..<(items.startIndex + positions.upperBound)])
    }

    public var description: String { "page \(page), \(per) per page" }
}
