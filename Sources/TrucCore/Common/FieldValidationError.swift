import Foundation

/// Why a monitor (or a maintenance window, or an escalation policy) was refused: every problem found, not just the
/// first, each tied to the form field it concerns so that the interface can show it next to that field.
/// `vietnamese` is for the interface (and is the `description`); `english` says the same for logs and the API.
public struct FieldValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One refused value.
    public struct Problem: Sendable, Equatable {
        /// The field concerned, named as the property of `MonitorDraft` or `MonitorSettings` ("name", "target",
        /// "intervalSeconds", "expectedStatus", "dnsServer", …).
        public let field: String
        /// One sentence, ending with a full stop.
        public let vietnamese: String
        /// The same sentence in English.
        public let english: String

        public init(field: String, vietnamese: String, english: String) {
            self.field = field
            self.vietnamese = vietnamese
            self.english = english
        }
    }

    /// The problems, in the order of the form's fields; never empty when thrown.
    public let problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// An error with a single problem.
    public init(field: String, vietnamese: String, english: String) {
        self.init(problems: [Problem(field: field, vietnamese: vietnamese, english: english)])
    }

    /// The Vietnamese messages joined by a space.
    public var description: String { vietnamese }

    /// The Vietnamese messages joined by a space.
    public var vietnamese: String { problems.map(\.vietnamese).joined(separator: " ") }

    /// The English messages joined by a space.
    public var english: String { problems.map(\.english).joined(separator: " ") }

    /// The fields that have at least one problem.
    public var fields: Set<String> { Set(problems.map(\.field)) }

    /// The problems of one field.
    public func problems(for field: String) -> [Problem] {
        problems.filter { $0.field == field }
    }
}
