import Foundation

extension Optional where Wrapped == String {
    /// nil for nil, empty or blank strings; trimmed otherwise.
    var nonEmpty: String? {
        guard let text = self?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}

extension String {
    /// nil for an empty or blank string; trimmed otherwise.
    var nonEmptyString: String? { Optional(self).nonEmpty }
}
