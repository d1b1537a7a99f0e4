/// A row an all-or-nothing CSV import refused (roster shifts, assets): its 1-based line in the file (the header is
/// line 1) and what is wrong, in Vietnamese for display.
public struct CSVRowError: Sendable, Equatable, Codable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "Dòng \(line): \(message)" }

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}
