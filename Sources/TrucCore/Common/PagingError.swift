/// A `page` or `per` query parameter that is not a whole number in range; says which, in Vietnamese and English.
public struct PagingError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Parameter: String, Sendable {
        case page, per
    }

    /// The refused parameter.
    public let parameter: Parameter
    /// The text as given (cut to 40 characters).
    public let text: String

    public init(parameter: Parameter, text: String) {
        self.parameter = parameter
        self.text = text.count > 40 ? String(text.prefix(40)) + "…" : text
    }

    public var vietnamese: String {
        switch parameter {
        case .page: "Tham số page phải là số nguyên từ 1 đến \(Paging.maxPage) (nhận được \"\(text)\")."
        case .per: "Tham số per phải là số nguyên từ 1 đến \(Paging.maxPer) (nhận được \"\(text)\")."
        }
    }

    public var english: String {
        switch parameter {
        case .page: "page must be a whole number from 1 to \(Paging.maxPage) (got \"\(text)\")."
        case .per: "per must be a whole number from 1 to \(Paging.maxPer) (got \"\(text)\")."
        }
    }

    public var description: String { english }
}
