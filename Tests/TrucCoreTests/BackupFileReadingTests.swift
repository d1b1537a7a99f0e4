import Foundation
import Testing
@testable import TrucCore

@Suite struct BackupFileReadingTests {
    /// An SQLite header: page size 4096, change counter = version-valid-for = 9, 12 pages.
    private func sqliteHeader(pageSizeBytes: [UInt8] = [0x10, 0x00], pages: UInt32 = 12, valid: Bool = true) -> [UInt8] {
        var header = Array("SQLite format 3".utf8) + [0]
        header += pageSizeBytes
        header += [UInt8](repeating: 0, count: 100 - header.count)
        func put(_ value: UInt32, at offset: Int) {
            for i in 0..<4 { header[offset + i] = UInt8((value >> (24 - 8 * UInt32(i))) & 0xff) }
        }
        put(9, at: 24)
        put(pages, at: 28)
        put(valid ? 9 : 8, at: 92)
        return header
    }

    @Test func recognisesSQLiteAndPostgresDumpsAndNothingElse() {
        #expect(BackupFileKind(header: sqliteHeader()) == .sqlite(pageSize: 4096, pageCount: 12))
        #expect(BackupFileKind(header: sqliteHeader(pageSizeBytes: [0, 1])) == .sqlite(pageSize: 65536, pageCount: 12))
        #expect(BackupFileKind(header: sqliteHeader(valid: false)) == .sqlite(pageSize: 4096, pageCount: 0))
        #expect(BackupFileKind(header: sqliteHeader(pageSizeBytes: [0x10, 0x01])) == .unknown)
        #expect(BackupFileKind(header: Array(sqliteHeader().prefix(50))) == .unknown)
        #expect(BackupFileKind(header: Array("PGDMP".utf8) + [1, 14, 0]) == .postgresDump)
        #expect(BackupFileKind(header: Array("hello world".utf8)) == .unknown)
        #expect(BackupFileKind(header: []) == .unknown)
    }

    @Test func aCutSQLiteFileIsNoticed() {
        let kind = BackupFileKind(header: sqliteHeader())
        #expect(kind.truncation(fileSize: 12 * 4096) == nil)
        #expect(kind.truncation(fileSize: 5 * 4096)?.contains("5 of the 12 pages") == true)
        #expect(kind.truncation(fileSize: 5 * 4096 + 100)?.contains("not a whole number") == true)
        #expect(BackupFileKind.postgresDump.truncation(fileSize: 3) == nil)
    }

    @Test func readsTheMigrationsOutOfPgRestoreText() {
        let text = """
            --
            -- Data for Name: _fluent_migrations; Type: TABLE DATA; Schema: public; Owner: -
            --

            COPY public."other" (id, name) FROM stdin;
            1\tnot this
            \\.

            COPY public._fluent_migrations (id, name, batch, created_at, updated_at) FROM stdin;
            9b0c\tTrucApp.CreateUnit\t1\t2026-04-30 01:00:00+00\t\\N
            9b0d\tFluent.SessionRecord.Create\t1\t2026-04-30 01:00:00+00\t\\N
            9b0e\twith\\ttab\t2\t\\N\t\\N
            \\.

            """
        #expect(PostgresCopyText.values(in: text, table: "_fluent_migrations", column: "name")
            == ["TrucApp.CreateUnit", "Fluent.SessionRecord.Create", "with\ttab"])
        #expect(PostgresCopyText.values(in: text, table: "_fluent_migrations", column: "updated_at") == [nil, nil, nil])
        #expect(PostgresCopyText.values(in: text, table: "_fluent_migrations", column: "nope") == nil)
        #expect(PostgresCopyText.values(in: text, table: "units", column: "name") == nil)
        #expect(PostgresCopyText.values(in: "", table: "_fluent_migrations", column: "name") == nil)
    }

    @Test func thePasswordGoesToTheEnvironmentNeverTheCommandLine() throws {
        let target = try PostgresToolTarget(url: "postgres://truc:s%40cret%20pw@db.tinh.gov.vn:6543/truc_prod?sslmode=require")
        #expect(target == PostgresToolTarget(host: "db.tinh.gov.vn", port: 6543, user: "truc", password: "s@cret pw",
                                            database: "truc_prod", sslMode: "require"))
        #expect(!target.arguments.joined(separator: " ").contains("cret"))
        #expect(target.arguments.contains("--no-password"))
        #expect(target.environment["PGPASSWORD"] == "s@cret pw")
        #expect(target.environment["PGSSLMODE"] == "require")
        let child = target.childEnvironment(from: ["PATH": "/usr/bin", "DATABASE_URL": "postgres://x:y@h/d", "TRUC_SMTP_PASSWORD": "z",
                                                   "PGSERVICE": "elsewhere", "HOME": "/root"])
        #expect(child["PATH"] == "/usr/bin" && child["HOME"] == "/root")
        #expect(child["DATABASE_URL"] == nil && child["TRUC_SMTP_PASSWORD"] == nil && child["PGSERVICE"] == nil)
        #expect(child["PGPASSWORD"] == "s@cret pw")

        #expect(try PostgresToolTarget(url: "postgresql://u@localhost/db").sslMode == "prefer")
        #expect(try PostgresToolTarget(url: "postgres://u@localhost/db?tls=false").sslMode == "disable")
        #expect(try PostgresToolTarget(url: "postgres://u@localhost").database == "u")
        #expect(try PostgresToolTarget(url: "postgres://u@localhost/db").environment["PGPASSWORD"] == nil)
        #expect(throws: PostgresToolTargetError.self) { try PostgresToolTarget(url: "mysql://u@h/db") }
        #expect(throws: PostgresToolTargetError.self) { try PostgresToolTarget(url: "postgres://h/db") }
        #expect(throws: PostgresToolTargetError.self) { try PostgresToolTarget(url: "postgres://u@h/db?sslmode=maybe") }
    }
}
