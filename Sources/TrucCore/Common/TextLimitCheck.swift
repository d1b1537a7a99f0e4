/// Collects, for one input, every text longer than its limit and every list with too many entries, each named by
/// its field ("note", "items[2].title"), so that one answer (422) names them all.
public struct TextLimitCheck: Sendable {
    public private(set) var problems: [FieldValidationError.Problem] = []

    public init() {}

    /// `value` is at most `limit` characters (Unicode scalars); nil passes.
    public mutating func text(_ field: String, _ value: String?, _ limit: Int) {
        guard let value, !TextLimit.fits(value, limit) else { return }
        problems.append(.init(field: field,
                              vietnamese: "\(field): dài \(TextLimit.length(value)) ký tự, tối đa \(limit) ký tự.",
                              english: "\(field) is \(TextLimit.length(value)) characters long; at most \(limit) are allowed."))
    }

    /// At most `maxEntries` entries, each at most `limit` characters (named `field[index]`); nil passes.
    public mutating func texts(_ field: String, _ values: [String]?, _ limit: Int, maxEntries: Int = TextLimit.listEntries) {
        guard let values else { return }
        entries(field, values.count, maxEntries)
        // Past the maximum the entries are not looked at: the list is refused anyway.
        for (index, value) in values.prefix(maxEntries).enumerated() { text("\(field)[\(index)]", value, limit) }
    }

    /// A list of `count` entries has at most `maxEntries`; nil passes.
    public mutating func entries(_ field: String, _ count: Int?, _ maxEntries: Int = TextLimit.listEntries) {
        guard let count, count > maxEntries else { return }
        problems.append(.init(field: field,
                              vietnamese: "\(field): có \(count) mục, tối đa \(maxEntries) mục.",
                              english: "\(field) has \(count) entries; at most \(maxEntries) are allowed."))
    }

    /// Checks the entries of a nested list with their own fields (`field[index].name`), after checking its size.
    public mutating func each<T>(_ field: String, _ values: [T]?, maxEntries: Int = TextLimit.listEntries,
                                 _ body: (inout TextLimitCheck, String, T) -> Void) {
        guard let values else { return }
        entries(field, values.count, maxEntries)
        for (index, value) in values.prefix(maxEntries).enumerated() { body(&self, "\(field)[\(index)]", value) }
    }

    /// Throws every problem found, if any.
    public func check() throws(FieldValidationError) {
        if !problems.isEmpty { throw FieldValidationError(problems: problems) }
    }
}
