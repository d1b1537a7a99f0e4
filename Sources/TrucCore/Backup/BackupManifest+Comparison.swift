/// Where a database's contents differ from a manifest.
public struct BackupDifference: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// In the manifest, not in the database.
        case missing
        /// In the database, not in the manifest.
        case unexpected
        case rowCount(expected: Int64, actual: Int64)
        /// Same number of rows, other contents.
        case contents
    }

    public let table: String
    public let kind: Kind

    public init(table: String, kind: Kind) {
        self.table = table
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .missing: "\(table): missing"
        case .unexpected: "\(table): not in the backup"
        case let .rowCount(expected, actual): "\(table): \(actual) rows, the backup has \(expected)"
        case .contents: "\(table): contents differ"
        }
    }
}

extension BackupManifest {
    /// Every table whose rows differ between `self` (what the backup holds) and `actual` (what a database holds),
    /// sorted by table name; empty when they are equal.
    public func differences(from actual: BackupManifest) -> [BackupDifference] {
        let expected = Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let found = Dictionary(actual.tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [BackupDifference] = []
        for name in Set(expected.keys).union(found.keys).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            switch (expected[name], found[name]) {
            case (.some, nil): out.append(.init(table: name, kind: .missing))
            case (nil, .some): out.append(.init(table: name, kind: .unexpected))
            case let (e?, a?):
                if e.rows != a.rows {
                    out.append(.init(table: name, kind: .rowCount(expected: e.rows, actual: a.rows)))
                } else if e.sha256 != a.sha256 {
                    out.append(.init(table: name, kind: .contents))
                }
            case (nil, nil): break
            }
        }
        return out
    }

    /// The migrations of this backup that `known` (the migrations of this build) does not have: a backup from a
    /// newer version.
    public func unknownMigrations(known: [String]) -> [String] {
        BackupManifest.unknownMigrations(migrations, known: known)
    }

    public static func unknownMigrations(_ applied: [String], known: [String]) -> [String] {
        let knownSet = Set(known)
        return applied.filter { !knownSet.contains($0) }
    }
}
