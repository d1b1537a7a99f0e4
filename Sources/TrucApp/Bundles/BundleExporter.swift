import CompressNIO
import Crypto
import Fluent
import Foundation
import NIOCore
import SQLKit
import TrucCore

/// `truc bundle export`: what the knowledge base gained since a cursor, as one signed file (see
/// `KnowledgeBundleFormat`). CVE records are rebuilt from the `vulnerabilities` rows whose NVD content was written
/// since the cursor (`imported_at`, which every NVD create or update sets); the KEV catalog goes whole, as it stands,
/// so that removals carry over; CSAF documents imported since the cursor go whole with their origin.
enum BundleExporter {
    struct Summary: Sendable {
        var path: String
        var header: KnowledgeBundleHeader
        var fileSize: Int
    }

    static func export(since: Date?, key: Curve25519.Signing.PrivateKey, to path: String, on db: any Database,
                       now: Date = Date(), progress: FeedImporter.Progress = { _ in }) async throws -> Summary {
        let until = now
        let payloadPath = path + ".payload-\(UUID().uuidString)"
        let fm = FileManager.default
        guard fm.createFile(atPath: payloadPath, contents: nil, attributes: [.posixPermissions: 0o600]),
              let payload = FileHandle(forWritingAtPath: payloadPath) else {
            throw BundleKeys.Failure(description: "\(path): cannot be written")
        }
        defer {
            try? payload.close()
            try? fm.removeItem(atPath: payloadPath)
        }
        var writer = try PayloadWriter(handle: payload)
        var counts: [String: Int] = [:]
        let sql = VulnerabilityStore.sql(db)

        // CVE records, by id pages.
        var last = ""
        while true {
            let query = sql.select().columns("id", "description", "published_at", "modified_at", "status", "metrics", "weaknesses",
                                             "reference_urls", "configurations")
                .from(Vulnerability.schema).where("id", .greaterThan, SQLBind(last))
                .where("sources", .like, SQLBind("%nvd%"))
            if let since { query.where("imported_at", .greaterThanOrEqual, SQLBind(since)) }
            let rows = try await query.orderBy("id").limit(1000).all()
            guard !rows.isEmpty else { break }
            for row in rows {
                let record = try cveRecord(row)
                try writer.write(.cve(record))
                last = record.id
            }
            counts["cve", default: 0] += rows.count
            progress("bundle: \(counts["cve"] ?? 0) CVE")
        }

        // The KEV catalog as it stands.
        let kevRows = try await sql.select().columns("id", "description", "kev_name", "kev_date_added", "kev_due_date",
                                                      "kev_required_action", "kev_ransomware")
            .from(Vulnerability.schema).where("kev", .equal, SQLBind(true)).orderBy("id").all()
        if !kevRows.isEmpty {
            try writer.write(.kev(catalog: try kevCatalog(kevRows, released: until)))
            counts["kev"] = kevRows.count
        }

        // CSAF documents imported since the cursor.
        var documents = CSAFDocumentRecord.query(on: db).sort(\.$importedAt).sort(\.$trackingID)
        if let since { documents = documents.filter(\.$importedAt >= since) }
        for document in try await documents.all() {
            try writer.write(.csaf(.init(trackingID: document.trackingID, publisher: document.publisher, url: document.sourceURL,
                                         signature: document.signature, content: document.content)))
            counts["csaf", default: 0] += 1
        }
        progress("bundle: \(counts["cve"] ?? 0) CVE, KEV \(counts["kev"] ?? 0), CSAF \(counts["csaf"] ?? 0): compressing")
        let (size, sha256) = try writer.finish()
        try payload.close()

        return try seal(payloadPath: payloadPath, size: size, sha256: sha256, counts: counts, since: since, until: until, now: now,
                        key: key, to: path)
    }

    /// A bundle of the given items (tests, and tools that build bundles by hand).
    static func write(_ items: [KnowledgeBundleItem], since: Date?, now: Date = Date(), key: Curve25519.Signing.PrivateKey,
                      to path: String) throws -> Summary {
        let payloadPath = path + ".payload-\(UUID().uuidString)"
        let fm = FileManager.default
        guard fm.createFile(atPath: payloadPath, contents: nil, attributes: [.posixPermissions: 0o600]),
              let payload = FileHandle(forWritingAtPath: payloadPath) else {
            throw BundleKeys.Failure(description: "\(path): cannot be written")
        }
        defer {
            try? payload.close()
            try? fm.removeItem(atPath: payloadPath)
        }
        var writer = try PayloadWriter(handle: payload)
        var counts: [String: Int] = [:]
        for item in items {
            try writer.write(item)
            counts[item.kind, default: 0] += 1
        }
        let (size, sha256) = try writer.finish()
        try payload.close()
        return try seal(payloadPath: payloadPath, size: size, sha256: sha256, counts: counts, since: since, until: now, now: now,
                        key: key, to: path)
    }

    /// Signs the header of a finished payload and writes the bundle to `path` (through a temporary file).
    private static func seal(payloadPath: String, size: Int, sha256: String, counts: [String: Int], since: Date?, until: Date,
                             now: Date, key: Curve25519.Signing.PrivateKey, to path: String) throws -> Summary {
        let fm = FileManager.default
        let header = KnowledgeBundleHeader(created: now, since: since, until: until, counts: counts, payloadSize: size,
                                           payloadSHA256: sha256, keyID: BundleKeys.keyID(key.publicKey))
        let headerJSON = try header.encoded()
        let signature = try key.signature(for: headerJSON)
        let partial = path + ".part-\(UUID().uuidString)"
        guard fm.createFile(atPath: partial, contents: KnowledgeBundleFormat.prefix(headerJSON: headerJSON, signature: signature)),
              let output = FileHandle(forWritingAtPath: partial), let input = FileHandle(forReadingAtPath: payloadPath) else {
            throw BundleKeys.Failure(description: "\(path): cannot be written")
        }
        do {
            defer { try? input.close() }
            try output.seekToEnd()
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                try output.write(contentsOf: chunk)
            }
            try output.close()
            if fm.fileExists(atPath: path) { try fm.removeItem(atPath: path) }
            try fm.moveItem(atPath: partial, toPath: path)
        } catch {
            try? fm.removeItem(atPath: partial)
            throw error
        }
        let fileSize = (try? fm.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return Summary(path: path, header: header, fileSize: fileSize)
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// The CVE record a row holds (its NVD content, without the CSAF contributions and KEV flags).
    static func cveRecord(_ row: any SQLRow) throws -> CVERecord {
        func lines(_ column: String) throws -> [String] {
            try row.decode(column: column, as: String.self).split(separator: "\n").map(String.init)
        }
        return CVERecord(
            id: try row.decode(column: "id", as: String.self),
            description: try row.decode(column: "description", as: String.self),
            published: try row.decode(column: "published_at", as: Date?.self),
            lastModified: try row.decode(column: "modified_at", as: Date?.self),
            status: try row.decode(column: "status", as: String?.self),
            metrics: try decoder.decode([CVSSMetric].self, from: Data(try row.decode(column: "metrics", as: String.self).utf8)),
            weaknesses: try lines("weaknesses"), references: try lines("reference_urls"),
            configurations: try decoder.decode([CPEConfiguration].self, from: Data(try row.decode(column: "configurations", as: String.self).utf8)))
    }

    /// A CISA-shaped catalog of the KEV rows, readable by `KEVCatalog` / `import-kev`.
    static func kevCatalog(_ rows: [any SQLRow], released: Date) throws -> String {
        struct Entry: Encodable {
            var cveID, vendorProject, product, vulnerabilityName, dateAdded, shortDescription, requiredAction: String
            var dueDate: String?
            var knownRansomwareCampaignUse: String
            var notes: String
        }
        struct Catalog: Encodable {
            var title: String
            var catalogVersion: String
            var dateReleased: String
            var count: Int
            var vulnerabilities: [Entry]
        }
        var entries: [Entry] = []
        for row in rows {
            entries.append(Entry(cveID: try row.decode(column: "id", as: String.self), vendorProject: "", product: "",
                                 vulnerabilityName: try row.decode(column: "kev_name", as: String?.self) ?? "",
                                 dateAdded: try row.decode(column: "kev_date_added", as: String?.self) ?? "",
                                 shortDescription: try row.decode(column: "description", as: String.self),
                                 requiredAction: try row.decode(column: "kev_required_action", as: String?.self) ?? "",
                                 dueDate: try row.decode(column: "kev_due_date", as: String?.self),
                                 knownRansomwareCampaignUse: try row.decode(column: "kev_ransomware", as: Bool.self) ? "Known" : "Unknown",
                                 notes: ""))
        }
        let catalog = Catalog(title: "CISA Catalog of Known Exploited Vulnerabilities (Trực ATTT bundle)",
                              catalogVersion: BundleCursor.format(released), dateReleased: BundleCursor.format(released),
                              count: entries.count, vulnerabilities: entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(catalog), as: UTF8.self)
    }

    /// Gzips JSON lines into a file while hashing what it writes.
    struct PayloadWriter {
        let handle: FileHandle
        let compressor: NIOCompressor
        var hasher = SHA256()
        var size = 0

        init(handle: FileHandle) throws {
            self.handle = handle
            compressor = CompressionAlgorithm.gzip().compressor
            compressor.window = ByteBufferAllocator().buffer(capacity: 1 << 20)
            try compressor.startStream()
        }

        mutating func write(_ item: KnowledgeBundleItem) throws {
            var line = try item.line()
            line.append(0x0A)
            var buffer = ByteBuffer(data: line)
            try compress(&buffer, flush: .no)
        }

        mutating func finish() throws -> (Int, String) {
            var empty = ByteBuffer()
            try compress(&empty, flush: .finish)
            try compressor.finishStream()
            return (size, Hex.encode(hasher.finalize()))
        }

        private mutating func compress(_ buffer: inout ByteBuffer, flush: CompressNIOFlush) throws {
            var out: [Data] = []
            try buffer.compressStream(with: compressor, flush: flush) { window in
                out.append(Data(window.readableBytesView))
            }
            for chunk in out {
                hasher.update(data: chunk)
                size += chunk.count
                try handle.write(contentsOf: chunk)
            }
        }
    }
}
