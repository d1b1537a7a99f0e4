import Foundation

/// A piece of a page built from data (a table, a field, a badge…): interpolated into HTML as its markup.
protocol HTMLComponent {
    var html: HTML { get }
}

extension HTML.StringInterpolation {
    mutating func appendInterpolation(_ component: some HTMLComponent) { appendInterpolation(component.html) }
}
