import CompressNIO
import Crypto
import Fluent
import Foundation
import NIOCore
import TrucCore

/// `truc bundle import` and the upload on /feeds: verifies a bundle completely (signature against the configured
/// public keys, then the whole payload's size and SHA-256), and only then applies it, idempotently, through the
/// paths of `import-nvd`, `import-kev` and `import-csaf`. Recorded in `feed_imports` as kind "bundle".
enum BundleImporter {
    /// The largest bundle the /feeds upload accepts; larger ones go through `truc bundle import FILE`.
    static let maxUploadBytes = 256 << 20

    /// Checks everything that can be checked before applying. Throws `KnowledgeBundleError`.
    static func verify(_ path: String, publicKeys: String) throws -> KnowledgeBundleFormat.Prefix {
        let keys = try BundleKeys.parsePublicKeys(publicKeys)
        guard !keys.isEmpty else { throw KnowledgeBundleError.noKeyConfigured }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw BundleKeys.Failure(description: "\(path): no such file, or it cannot be read")
        }
        defer { try? handle.close() }
        let start = try handle.read(upToCount: KnowledgeBundleFormat.maxPrefix) ?? Data()
        let prefix = try KnowledgeBundleFormat.parsePrefix(start)
        guard keys.contains(where: { $0.isValidSignature(prefix.signature, for: prefix.headerJSON) }) else {
            throw KnowledgeBundleError.badSignature(keyID: prefix.header.keyID)
        }
        try handle.seek(toOffset: UInt64(prefix.payloadOffset))
        var hasher = SHA256()
        var size = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += chunk.count
            if size > prefix.header.payloadSize { break }
        }
        try KnowledgeBundleFormat.checkPayload(size: size, sha256: Hex.encode(hasher.finalize()), against: prefix.header)
        return prefix
    }

    /// Verifies, then applies. `name` is the file name shown in the report.
    static func importBundle(_ path: String, name: String, publicKeys: String, on db: any Database, zone: TimeZone,
                             progress: FeedImporter.Progress = { _ in }) async throws -> FeedImportReport {
        let prefix = try verify(path, publicKeys: publicKeys)
        try await validate(path, prefix: prefix)
        return try await apply(path, prefix: prefix, name: name, on: db, zone: zone, progress: progress)
    }

    /// Reads the whole verified payload once without writing anything: every line must be an item, every KEV catalog
    /// and CSAF document must parse, so that a bundle that cannot be applied whole is refused before anything is stored.
    static func validate(_ path: String, prefix: KnowledgeBundleFormat.Prefix) async throws {
        var problem: String?
        try await readPayload(path, offset: prefix.payloadOffset) { item in
            guard problem == nil else { return }
            switch item {
            case .cve(let record):
                if !CVERecord.isValidID(record.id) { problem = "\"\(record.id.prefix(40))\" is not a CVE id" }
            case .kev(let catalog):
                if let error = failure({ _ = try KEVCatalog(data: Data(catalog.utf8)) }) { problem = "the KEV catalog: \(error)" }
            case .csaf(let document):
                if document.content.utf8.count > CSAFDocumentRecord.maxSize {
                    problem = "CSAF document \(document.trackingID.prefix(80)) is larger than \(CSAFDocumentRecord.maxSize) bytes"
                } else {
                    if let error = failure({ _ = try CSAFDocument(data: Data(document.content.utf8)) }) {
                        problem = "CSAF document \(document.trackingID.prefix(80)): \(error)"
                    }
                }
            case .unknown:
                break
            }
        } drain: {}
        if let problem { throw KnowledgeBundleError.invalidPayload(problem) }
    }

    /// What `body` throws, as text; nil when it does not throw.
    private static func failure(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return String(describing: error)
        }
    }

    private static func apply(_ path: String, prefix: KnowledgeBundleFormat.Prefix, name: String, on db: any Database,
                              zone: TimeZone, progress: FeedImporter.Progress) async throws -> FeedImportReport {
        let started = Date()
        var report = FeedImportReport(kind: "bundle", source: name)
        var pending: [CVERecord] = []
        var changed: Set<String> = []
        var items: [KnowledgeBundleItem] = []
        var kinds: [String: Int] = [:]

        func flush() async throws {
            guard !pending.isEmpty else { return }
            let outcome = try await VulnerabilityStore.upsertNVD(pending, on: db, now: started)
            report.created += outcome.created.count
            report.updated += outcome.updated.count
            report.unchanged += outcome.unchanged
            changed.formUnion(outcome.created)
            changed.formUnion(outcome.updated)
            pending.removeAll(keepingCapacity: true)
            progress("bundle \(name): \(report.records) item(s)")
        }
        func handle(_ item: KnowledgeBundleItem) async throws {
            report.records += 1
            kinds[item.kind, default: 0] += 1
            switch item {
            case .cve(let record):
                pending.append(record)
                if pending.count >= 400 { try await flush() }
            case .kev(let catalog):
                try await flush()
                let kev = try await FeedImporter.importKEV(data: Data(catalog.utf8), name: name, on: db, zone: zone, recordRun: false)
                report.created += kev.created
                report.updated += kev.updated
                report.unchanged += kev.unchanged
                report.skipped += kev.skipped
                for problem in kev.problems { report.note("KEV: " + problem) }
            case .csaf(let document):
                try await flush()
                let origin = CSAFOrigin(url: document.url, signature: CSAFOrigin.Signature(rawValue: document.signature) ?? CSAFOrigin.Signature.none)
                let csaf = try await FeedImporter.importCSAF(data: Data(document.content.utf8), name: document.trackingID, origin: origin,
                                                             on: db, zone: zone, recordRun: false)
                if csaf.created + csaf.updated > 0 || csaf.problems.contains(where: { $0.hasPrefix("document stored") }) {
                    report.updated += 1
                } else {
                    report.unchanged += 1
                }
            case .unknown(let kind):
                report.skipped += 1
                report.note("item of kind \"\(kind)\" not known to this version: skipped")
            }
        }

        try await readPayload(path, offset: prefix.payloadOffset) { item in items.append(item) } drain: {
            let batch = items
            items.removeAll(keepingCapacity: true)
            for item in batch { try await handle(item) }
        }
        try await flush()
        report.matching = try await MatchingService.rematch(cveIDs: changed, on: db, zone: zone)
        report.note("signed by key \(prefix.header.keyID); " + kinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                    + "; next cursor \(BundleCursor.format(prefix.header.until))")
        report.seconds = Date().timeIntervalSince(started)
        try await FeedImporter.log(report, started: started, on: db)
        return report
    }

    /// Gunzips the payload from `offset` and decodes its JSON lines, calling `drain` after each chunk.
    private static func readPayload(_ path: String, offset: Int, item: (KnowledgeBundleItem) throws -> Void,
                                    drain: () async throws -> Void) async throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw BundleKeys.Failure(description: "\(path): cannot be read")
        }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        let decompressor = CompressionAlgorithm.gzip().decompressor
        decompressor.window = ByteBufferAllocator().buffer(capacity: 1 << 20)
        try decompressor.startStream()
        defer { try? decompressor.finishStream() }
        var line: [UInt8] = []
        func take(_ bytes: UnsafeRawBufferPointer) throws {
            var start = 0
            for index in 0..<bytes.count where bytes[index] == 0x0A {
                line.append(contentsOf: bytes[start..<index])
                if !line.isEmpty { try item(try KnowledgeBundleItem.decode(line: Data(line))) }
                line.removeAll(keepingCapacity: true)
                start = index + 1
            }
            line.append(contentsOf: bytes[start..<bytes.count])
            if line.count > KnowledgeBundleFormat.maxLine {
                throw KnowledgeBundleError.invalidPayload("a line is longer than \(KnowledgeBundleFormat.maxLine) bytes")
            }
        }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            var input = ByteBuffer(data: chunk)
            do {
                try input.decompressStream(with: decompressor) { window in
                    try window.withUnsafeReadableBytes { try take($0) }
                }
            } catch let error as CompressNIOError {
                throw KnowledgeBundleError.invalidPayload("not gzip (\(error))")
            }
            try await drain()
        }
        if !line.isEmpty { try item(try KnowledgeBundleItem.decode(line: Data(line))) }
        try await drain()
    }
}
