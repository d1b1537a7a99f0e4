/// What a file given to `truc restore` is, from its first bytes.
public enum BackupFileKind: Sendable, Equatable {
    /// An SQLite database: page size and page count from its header (page count 0 when the header does not say).
    case sqlite(pageSize: Int, pageCount: Int)
    /// A PostgreSQL custom-format dump (`pg_dump -Fc`), which starts with "PGDMP".
    case postgresDump
    case unknown

    /// The first 100 bytes of an SQLite file are its header.
    public static let headerLength = 100

    /// Recognises a file from its first bytes (at least `headerLength` of them for SQLite).
    public init(header bytes: [UInt8]) {
        if bytes.starts(with: Array("PGDMP".utf8)) {
            self = .postgresDump
            return
        }
        let magic = Array("SQLite format 3".utf8) + [0]
        guard bytes.count >= Self.headerLength, bytes.starts(with: magic) else {
            self = .unknown
            return
        }
        // Page size: big-endian at 16; 1 means 65536. Valid sizes are powers of two from 512.
        let raw = Int(bytes[16]) << 8 | Int(bytes[17])
        let pageSize = raw == 1 ? 65536 : raw
        guard pageSize >= 512, pageSize <= 65536, pageSize & (pageSize - 1) == 0 else {
            self = .unknown
            return
        }
        func u32(_ at: Int) -> Int { Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]) }
        // The page count at 28 is valid only when the change counter (24) equals "version-valid-for" (92).
        let pageCount = u32(24) == u32(92) ? u32(28) : 0
        self = .sqlite(pageSize: pageSize, pageCount: pageCount)
    }

    /// For an SQLite file of `size` bytes: why it cannot be whole (shorter than its header says, or not a whole
    /// number of pages), or nil.
    public func truncation(fileSize size: Int64) -> String? {
        guard case let .sqlite(pageSize, pageCount) = self else { return nil }
        if size % Int64(pageSize) != 0 {
            return "its size (\(size) bytes) is not a whole number of \(pageSize)-byte pages"
        }
        if pageCount > 0, size < Int64(pageSize) * Int64(pageCount) {
            return "it has \(size / Int64(pageSize)) of the \(pageCount) pages its header announces"
        }
        return nil
    }
}
