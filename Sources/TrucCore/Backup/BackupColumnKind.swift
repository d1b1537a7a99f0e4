import Foundation

/// How the values of one column are read into `BackupValue`s, from the column's declared type.
///
/// SQLite keeps what Fluent writes: UUIDs as upper-case text (declared `UUID`), dates as seconds in a REAL, booleans
/// as INTEGER, JSON as text (declared `JSON`), bytes as BLOB, doubles as DOUBLE. PostgreSQL has real types; its values
/// are read as text (booleans as 0/1, dates as microseconds, bytes as hex) and turned into the same canonical values.
public enum BackupColumnKind: String, Sendable, Equatable, Codable {
    case integer, double, timestamp, uuid, json, bytes, text

    /// From the declared type of an SQLite column (as `PRAGMA table_info` shows it).
    public init(sqliteDeclaredType declared: String) {
        let type = declared.uppercased().trimmingCharacters(in: .whitespaces)
        switch type {
        case "REAL": self = .timestamp // Fluent's .datetime; doubles are declared DOUBLE
        case "UUID": self = .uuid
        case "JSON", "JSONB": self = .json
        case "BLOB", "BYTEA": self = .bytes
        default:
            if type.contains("INT") || type == "BOOLEAN" || type == "BOOL" {
                self = .integer
            } else if type.hasPrefix("DOUBLE") || type.hasPrefix("FLOAT") || type.hasPrefix("NUMERIC") || type.hasPrefix("DECIMAL") {
                self = .double
            } else {
                self = .text
            }
        }
    }

    /// From `information_schema.columns.data_type` of a PostgreSQL column.
    public init(postgresDataType type: String) {
        switch type.lowercased() {
        case "smallint", "integer", "bigint", "boolean": self = .integer
        case "double precision", "real", "numeric": self = .double
        case "timestamp with time zone", "timestamp without time zone": self = .timestamp
        case "uuid": self = .uuid
        case "json", "jsonb": self = .json
        case "bytea": self = .bytes
        default: self = .text
        }
    }

    /// The SQL that reads a PostgreSQL column of this kind (and data type) as text for `value(postgresText:)`.
    public func postgresSelectExpression(quotedColumn column: String, dataType: String) -> String {
        switch self {
        case .integer where dataType.lowercased() == "boolean": "(\(column))::int::text"
        case .timestamp: "round(extract(epoch from \(column)) * 1000000)::bigint::text"
        case .bytes: "encode(\(column), 'hex')"
        default: "(\(column))::text"
        }
    }

    /// Whether a PostgreSQL column of this kind can be sorted on (json has no ordering).
    public var postgresSortable: Bool { self != .json }

    // MARK: - Values

    /// A value PostgreSQL gave as text through `postgresSelectExpression`.
    public func value(postgresText text: String?) -> BackupValue {
        guard let text else { return .null }
        switch self {
        case .integer: return Int64(text).map(BackupValue.integer) ?? .text(text)
        case .double: return Double(text).map(BackupValue.double) ?? .text(text)
        case .timestamp: return Int64(text).map { .timestamp(microseconds: $0) } ?? .text(text)
        case .uuid: return .text(text.uppercased())
        case .json: return .text(Self.canonicalJSON(text))
        case .bytes: return Hex.decode(text).map(BackupValue.bytes) ?? .text(text)
        case .text: return .text(text)
        }
    }

    /// An SQLite INTEGER value.
    public func value(sqliteInteger value: Int64) -> BackupValue {
        switch self {
        case .double: .double(Double(value))
        case .timestamp: .timestamp(microseconds: value &* 1_000_000)
        default: .integer(value)
        }
    }

    /// An SQLite REAL value.
    public func value(sqliteReal value: Double) -> BackupValue {
        switch self {
        case .timestamp where value.isFinite && abs(value) < 9e12: .timestamp(microseconds: Int64((value * 1_000_000).rounded()))
        case .integer where value.isFinite && value == value.rounded() && abs(value) < 9e18: .integer(Int64(value))
        default: .double(value)
        }
    }

    /// An SQLite TEXT value.
    public func value(sqliteText text: String) -> BackupValue {
        switch self {
        case .uuid: .text(text.uppercased())
        case .json: .text(Self.canonicalJSON(text))
        default: .text(text)
        }
    }

    /// An SQLite BLOB value (a JSON column may hold its text as a blob).
    public func value(sqliteBlob bytes: [UInt8]) -> BackupValue {
        if self == .json, let text = String(validating: bytes, as: UTF8.self) { return .text(Self.canonicalJSON(text)) }
        return .bytes(bytes)
    }

    /// JSON with its keys sorted and no insignificant white space (PostgreSQL's jsonb reorders keys and spaces);
    /// text that is not JSON is kept as it is.
    public static func canonicalJSON(_ text: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
        else { return text }
        return String(decoding: data, as: UTF8.self)
    }
}
