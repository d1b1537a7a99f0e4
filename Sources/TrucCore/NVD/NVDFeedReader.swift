import Foundation

/// Streams an NVD file fed in chunks of any size: a 1.1 data feed `{"CVE_Items": [...]}`, an API 2.0 response or
/// 2.0 feed `{"vulnerabilities": [{"cve": ...}]}`, or a single API 2.0 record file (a bare `cve` object or
/// `{"cve": {...}}`; a single 1.1 item is read too).
///
/// Records come out as soon as their bytes are complete, so memory stays at one record. A record that cannot be
/// read (not an object, no or a malformed id, a field of the wrong type) comes out as `.skipped` with its index
/// and the reason, and reading goes on. Broken JSON or a truncated file throws a `FeedError` with the byte offset.
///
/// A file whose top-level object has neither `CVE_Items` nor `vulnerabilities` is kept in memory (up to
/// `singleRecordLimit` bytes) and decoded as one record by `finish()`.
public struct NVDFeedReader: Sendable {
    /// A record that was not imported.
    public struct Skipped: Sendable, Hashable {
        /// Its 0-based position in the feed's array (0 for a single-record file).
        public var index: Int
        /// Its CVE id, when one could be read.
        public var id: String?
        /// Why it was skipped, in English.
        public var reason: String

        public init(index: Int, id: String?, reason: String) {
            self.index = index
            self.id = id
            self.reason = reason
        }
    }

    /// What one element of the feed gave.
    public enum Item: Sendable {
        case record(CVERecord)
        case skipped(Skipped)
    }

    /// The largest document kept in memory while waiting to see whether it is a single record.
    public static let singleRecordLimit = 16 << 20

    private static let feed11Key = "CVE_Items"
    private static let feed20Key = "vulnerabilities"

    private var stream = JSONArrayStream(arrayKeys: [feed11Key, feed20Key])
    /// Elements seen so far.
    private var index = 0
    /// The document so far, while no array key has been seen (it may be a single record).
    private var document: [UInt8] = []
    private var documentTooLarge = false
    private var singleRecordFormat: NVDFeedFormat?
    private var cache = DecodeCache()

    public init() {}

    /// The format, once known: as soon as the feed's array key was read, or after `finish()` for a single record.
    public var format: NVDFeedFormat? {
        switch stream.matchedKey {
        case Self.feed11Key: .nvd11
        case Self.feed20Key: .nvd20
        default: singleRecordFormat
        }
    }

    public mutating func feed(_ bytes: [UInt8]) throws(FeedError) -> [Item] {
        var result: Result<[Item], FeedError> = .success([])
        bytes.withUnsafeBytes { buffer in
            do throws(FeedError) {
                result = .success(try feed(buffer))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    public mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(FeedError) -> [Item] {
        let elements = try stream.feed(bytes)
        if stream.matchedKey == nil {
            if !documentTooLarge {
                if document.count + bytes.count > Self.singleRecordLimit {
                    documentTooLarge = true
                    document = []
                } else {
                    document.append(contentsOf: bytes)
                }
            }
        } else if !document.isEmpty {
            document = []
        }
        guard let format else { return [] }
        return elements.map { decode($0, format) }
    }

    /// Returns any last items (a single-record file is only decoded here), or throws when the document was
    /// truncated, malformed, or neither a feed nor a record.
    public mutating func finish() throws(FeedError) -> [Item] {
        try stream.finish()
        guard stream.matchedKey == nil else { return [] }
        guard !documentTooLarge else {
            throw .unknownFormat("no \(Self.feed11Key) or \(Self.feed20Key) array in the top-level object")
        }
        let bytes = document
        document = []
        let probe: RecordProbe
        do {
            probe = try JSONDecoder().decode(RecordProbe.self, from: Data(bytes))
        } catch {
            throw .unknownFormat("the top-level object could not be read: \(CVERecord.reason(error))")
        }
        let format: NVDFeedFormat
        if probe.id != nil || probe.cve?.id != nil {
            format = .nvd20
        } else if probe.cve?.meta != nil {
            format = .nvd11
        } else {
            throw .unknownFormat("neither a feed (no \(Self.feed11Key) or \(Self.feed20Key) array) nor a CVE record "
                + "(no id, cve.id or cve.CVE_data_meta)")
        }
        singleRecordFormat = format
        return [decode(bytes, format)]
    }

    private mutating func decode(_ bytes: [UInt8], _ format: NVDFeedFormat) -> Item {
        defer { index += 1 }
        do {
            switch format {
            case .nvd11: return .record(try CVERecord(nvd11Item: bytes, cache: &cache))
            case .nvd20: return .record(try CVERecord(nvd20Item: bytes, cache: &cache))
            }
        } catch {
            let reason = switch error {
            case .invalidRecord(let detail): detail
            default: error.english
            }
            return .skipped(Skipped(index: index, id: Self.probeID(bytes), reason: reason))
        }
    }

    /// The CVE id of a record that failed to decode, when one can still be read.
    private static func probeID(_ bytes: [UInt8]) -> String? {
        guard let probe = try? JSONDecoder().decode(LenientProbe.self, from: Data(bytes)) else { return nil }
        return probe.id
    }
}

/// Just enough of a top-level object to tell a 2.0 record (`id` or `cve.id`) from a 1.1 item
/// (`cve.CVE_data_meta`).
private struct RecordProbe: Decodable {
    let id: String?
    let cve: CVE?

    struct CVE: Decodable {
        let id: String?
        let meta: Meta?
        enum CodingKeys: String, CodingKey { case id, meta = "CVE_data_meta" }
    }

    struct Meta: Decodable {}
}

/// The id of a record, wherever the formats put it, ignoring anything of the wrong type.
private struct LenientProbe: Decodable {
    let id: String?

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let root = try decoder.container(keyedBy: Key.self)
        if let id = try? root.decode(String.self, forKey: Key("id")) {
            self.id = id
        } else if let cve = try? root.nestedContainer(keyedBy: Key.self, forKey: Key("cve")) {
            if let id = try? cve.decode(String.self, forKey: Key("id")) {
                self.id = id
            } else if let meta = try? cve.nestedContainer(keyedBy: Key.self, forKey: Key("CVE_data_meta")) {
                self.id = try? meta.decode(String.self, forKey: Key("ID"))
            } else {
                self.id = nil
            }
        } else {
            self.id = nil
        }
    }
}

extension NVDFeedReader {
    /// Parsed CVSS vectors and CPE names by their text: a feed repeats the same few thousand of each across its
    /// records, and parsing them again dominated the import time. Bounded: emptied past `limit` entries.
    struct DecodeCache: Sendable {
        static let limit = 200_000
        private var metrics: [String: Result<CVSSMetric, CVSSError>] = [:]
        private var names: [String: Result<CPEName, CPEError>] = [:]
        /// One decoder for every record (creating one per record showed in profiles).
        let decoder = JSONDecoder()

        init() {}

        /// The metric of `vector` with no source, primary and no feed score.
        mutating func metric(_ vector: String) -> Result<CVSSMetric, CVSSError> {
            if let known = metrics[vector] { return known }
            let result = Result { () throws(CVSSError) in try CVSSMetric(vector: vector) }
            if metrics.count >= Self.limit { metrics.removeAll(keepingCapacity: true) }
            metrics[vector] = result
            return result
        }

        mutating func name(_ text: String) -> Result<CPEName, CPEError> {
            if let known = names[text] { return known }
            let result = Result { () throws(CPEError) in try CPEName(parsing: text) }
            if names.count >= Self.limit { names.removeAll(keepingCapacity: true) }
            names[text] = result
            return result
        }
    }
}
