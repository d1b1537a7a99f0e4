/// One stored value in the canonical form that backup manifests hash: the same on SQLite and PostgreSQL for the
/// same data as far as the two allow (see `BackupColumnKind` for how each column's values are read).
public enum BackupValue: Sendable, Equatable {
    case null
    /// Whole numbers, and booleans as 0 / 1 (SQLite has no boolean).
    case integer(Int64)
    /// Floating-point numbers (`Double.description`: the shortest text that reads back the same number).
    case double(Double)
    /// A point in time, in whole microseconds since 1970-01-01 UTC (SQLite stores seconds as REAL, PostgreSQL
    /// microseconds).
    case timestamp(microseconds: Int64)
    /// Text, including UUIDs (upper case, as Fluent writes them on SQLite) and JSON (keys sorted, no spaces).
    case text(String)
    case bytes([UInt8])

    /// The value's canonical bytes: a type letter, then the value; text is length-prefixed so that no value can
    /// imitate a separator.
    public func encode(into out: inout [UInt8]) {
        switch self {
        case .null:
            out.append(UInt8(ascii: "n"))
        case let .integer(value):
            out.append(UInt8(ascii: "i"))
            out.append(contentsOf: String(value).utf8)
        case let .double(value):
            out.append(UInt8(ascii: "d"))
            out.append(contentsOf: value.description.utf8)
        case let .timestamp(microseconds):
            out.append(UInt8(ascii: "t"))
            out.append(contentsOf: String(microseconds).utf8)
        case let .text(text):
            let utf8 = Array(text.utf8)
            out.append(UInt8(ascii: "s"))
            out.append(contentsOf: String(utf8.count).utf8)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: utf8)
        case let .bytes(bytes):
            out.append(UInt8(ascii: "b"))
            out.append(contentsOf: Hex.encode(bytes).utf8)
        }
    }

    /// One row's canonical bytes: its values in column-name order, separated by commas, ended by a newline.
    public static func encodeRow(_ values: [BackupValue]) -> [UInt8] {
        var out: [UInt8] = []
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            value.encode(into: &out)
        }
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// The first line hashed for a table: its column names (sorted), so that a changed set of columns changes the hash.
    public static func encodeHeader(columns: [String]) -> [UInt8] {
        Array(("columns:" + columns.map { "\($0.utf8.count):\($0)" }.joined(separator: ",") + "\n").utf8)
    }
}
