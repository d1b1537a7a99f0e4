import Foundation
import Testing
@testable import TrucCore

@Suite struct BackupManifestTests {
    @Test func canonicalValuesAreTheSameFromSQLiteAndPostgreSQL() {
        // A date: SQLite keeps seconds in a REAL, PostgreSQL gives microseconds (see postgresSelectExpression).
        let seconds = 1_777_510_800.123456
        #expect(BackupColumnKind.timestamp.value(sqliteReal: seconds) == BackupColumnKind.timestamp.value(postgresText: "1777510800123456"))
        #expect(BackupColumnKind.timestamp.value(sqliteInteger: 1_777_510_800) == .timestamp(microseconds: 1_777_510_800_000_000))
        // A UUID: upper-case text on SQLite (Fluent), lower-case from PostgreSQL.
        #expect(BackupColumnKind.uuid.value(sqliteText: "321C2EBA-3472-471B-A704-2DD790D3F309")
            == BackupColumnKind.uuid.value(postgresText: "321c2eba-3472-471b-a704-2dd790d3f309"))
        // A boolean: INTEGER 0/1 on SQLite, read as 0/1 from PostgreSQL.
        #expect(BackupColumnKind(postgresDataType: "boolean") == .integer)
        #expect(BackupColumnKind.integer.value(sqliteInteger: 1) == BackupColumnKind.integer.value(postgresText: "1"))
        // JSON: jsonb reorders keys and spaces.
        #expect(BackupColumnKind.json.value(sqliteText: #"{"b": [1, 2], "a": "x/y"}"#)
            == BackupColumnKind.json.value(postgresText: #"{"a": "x/y", "b": [1, 2]}"#))
        // Doubles: the shortest text that reads back the same number.
        #expect(BackupColumnKind.double.value(sqliteReal: 0.1) == BackupColumnKind.double.value(postgresText: "0.1"))
        #expect(BackupColumnKind.double.value(sqliteInteger: 3) == BackupColumnKind.double.value(postgresText: "3"))
        // Bytes: a BLOB, and PostgreSQL's hex.
        #expect(BackupColumnKind.bytes.value(sqliteBlob: [0, 255, 16]) == BackupColumnKind.bytes.value(postgresText: "00ff10"))
        #expect(BackupColumnKind.text.value(postgresText: nil) == .null)
    }

    @Test func columnKindsFollowTheDeclaredTypes() {
        #expect(BackupColumnKind(sqliteDeclaredType: "REAL") == .timestamp)
        #expect(BackupColumnKind(sqliteDeclaredType: "DOUBLE") == .double)
        #expect(BackupColumnKind(sqliteDeclaredType: "UUID") == .uuid)
        #expect(BackupColumnKind(sqliteDeclaredType: "INTEGER") == .integer)
        #expect(BackupColumnKind(sqliteDeclaredType: "BIGINT") == .integer)
        #expect(BackupColumnKind(sqliteDeclaredType: "JSON") == .json)
        #expect(BackupColumnKind(sqliteDeclaredType: "BLOB") == .bytes)
        #expect(BackupColumnKind(sqliteDeclaredType: "TEXT") == .text)
        #expect(BackupColumnKind(sqliteDeclaredType: "") == .text)
        #expect(BackupColumnKind(postgresDataType: "timestamp with time zone") == .timestamp)
        #expect(BackupColumnKind(postgresDataType: "double precision") == .double)
        #expect(BackupColumnKind(postgresDataType: "jsonb") == .json)
        #expect(BackupColumnKind(postgresDataType: "USER-DEFINED") == .text)
        #expect(BackupColumnKind.timestamp.postgresSelectExpression(quotedColumn: "\"at\"", dataType: "timestamp with time zone")
            == "round(extract(epoch from \"at\") * 1000000)::bigint::text")
        #expect(BackupColumnKind.integer.postgresSelectExpression(quotedColumn: "\"ok\"", dataType: "boolean") == "(\"ok\")::int::text")
    }

    @Test func rowEncodingCannotBeImitatedByText() {
        // A text holding a separator and the next value does not encode like two values.
        let one = BackupValue.encodeRow([.text("a,s1:b")])
        let two = BackupValue.encodeRow([.text("a"), .text("b")])
        #expect(one != two)
        #expect(String(decoding: BackupValue.encodeRow([.null, .integer(-5), .double(1.5), .timestamp(microseconds: 7), .text("é"), .bytes([1])]), as: UTF8.self)
            == "n,i-5,d1.5,t7,s2:é,b01\n")
        #expect(BackupValue.encodeHeader(columns: ["a", "bc"]) != BackupValue.encodeHeader(columns: ["ab", "c"]))
    }

    private func manifest(_ tables: [(String, Int64, String)], migrations: [String] = ["A", "B"]) -> BackupManifest {
        BackupManifest(database: "sqlite", createdAt: Date(timeIntervalSince1970: 1_777_510_800), migrations: migrations,
                       tables: tables.map { .init(name: $0.0, rows: $0.1, sha256: $0.2) })
    }

    @Test func comparisonNamesEveryTableThatDiffers() {
        let backup = manifest([("units", 3, "aa"), ("people", 5, "bb"), ("gone", 1, "cc"), ("same", 2, "dd")])
        let restored = manifest([("units", 3, "ab"), ("people", 4, "bb"), ("extra", 0, "ee"), ("same", 2, "dd")])
        let differences = backup.differences(from: restored)
        #expect(differences == [
            .init(table: "extra", kind: .unexpected),
            .init(table: "gone", kind: .missing),
            .init(table: "people", kind: .rowCount(expected: 5, actual: 4)),
            .init(table: "units", kind: .contents),
        ])
        #expect(backup.differences(from: backup).isEmpty)
        #expect(differences.map(\.description).contains("people: 4 rows, the backup has 5"))
    }

    @Test func unknownMigrationsMeanANewerVersion() {
        let backup = manifest([], migrations: ["A", "B", "Z_future"])
        #expect(backup.unknownMigrations(known: ["A", "B", "C"]) == ["Z_future"])
        // An older backup (fewer migrations) is fine: the next start migrates it.
        #expect(manifest([], migrations: ["A"]).unknownMigrations(known: ["A", "B"]).isEmpty)
    }

    @Test func manifestRoundTripsThroughJSONAndRefusesNewerFormats() throws {
        var original = manifest([("b", 1, "x"), ("a", 2, "y")])
        original.fileBytes = 4096
        original.fileSHA256 = "00"
        #expect(original.tables.map(\.name) == ["a", "b"])
        let data = try original.encoded()
        #expect(try BackupManifest.decode(data) == original)
        var future = original
        future.format = BackupManifest.currentFormat + 1
        #expect(throws: BackupManifestError.self) { try BackupManifest.decode(try future.encoded()) }
        #expect(throws: BackupManifestError.self) { try BackupManifest.decode(Data("not json".utf8)) }
        #expect(throws: BackupManifestError.self) { try BackupManifest.decode(Data(#"{"format":1}"#.utf8)) }
    }
}
