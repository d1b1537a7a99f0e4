import Foundation

/// Streams FIRST's daily EPSS file (`epss_scores-YYYY-MM-DD.csv`, already gunzipped) fed in chunks of any size:
///
/// ```
/// #model_version:v2025.03.14,score_date:2025-03-17T00:00:00+0000
/// cve,epss,percentile
/// CVE-2024-3400,0.94432,0.99981
/// ```
///
/// Lines may be split across chunks; memory stays at one line. `#` lines are comments; the model version and the
/// score date are read from them. The first other line must be the header `cve,epss,percentile` (else
/// `EPSSFileError.missingHeader`). A row that is not a CVE id with a score and a percentile between 0 and 1 comes
/// out as `.skipped` with its line number (1-based) and the reason, and reading goes on. Blank lines are ignored.
public struct EPSSReader: Sendable {
    /// A row that was not read.
    public struct Skipped: Sendable, Hashable {
        /// Its line number in the file, 1-based.
        public var line: Int
        /// Why it was skipped, in English.
        public var reason: String

        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
    }

    /// What one row gave.
    public enum Item: Sendable, Hashable {
        case score(EPSSScore)
        case skipped(Skipped)
    }

    /// The longest line accepted (real lines are about 30 bytes).
    public static let maxLineLength = 4096
    /// The header's columns.
    public static let header = ["cve", "epss", "percentile"]

    /// The model version from the comment line ("v2025.03.14"), if the file had one.
    public private(set) var modelVersion: String?
    /// The day the scores are for, from the comment line's `score_date`, if the file had one.
    public private(set) var scoreDate: LocalDay?
    /// Whether the header line was read.
    public private(set) var headerSeen = false
    /// Lines read so far (complete lines).
    public private(set) var lineCount = 0

    private var partial: [UInt8] = []

    public init() {}

    public mutating func feed(_ bytes: [UInt8]) throws(EPSSFileError) -> [Item] {
        var result: Result<[Item], EPSSFileError> = .success([])
        bytes.withUnsafeBytes { buffer in
            do throws(EPSSFileError) {
                result = .success(try feed(buffer))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    public mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(EPSSFileError) -> [Item] {
        var items: [Item] = []
        var start = 0
        let count = bytes.count
        while start < count {
            var end = start
            while end < count, bytes[end] != 0x0A { end += 1 }
            if end == count {
                // No newline: keep the rest for the next chunk.
                if partial.count + (end - start) > Self.maxLineLength { throw .lineTooLong(line: lineCount + 1) }
                partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                break
            }
            if partial.isEmpty {
                if end - start > Self.maxLineLength { throw .lineTooLong(line: lineCount + 1) }
                if let item = try line(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) { items.append(item) }
            } else {
                partial.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                if partial.count > Self.maxLineLength { throw .lineTooLong(line: lineCount + 1) }
                let whole = partial
                partial.removeAll(keepingCapacity: true)
                if let item = try line(whole) { items.append(item) }
            }
            start = end + 1
        }
        return items
    }

    /// Reads a last line without a newline; throws when the file had no header.
    public mutating func finish() throws(EPSSFileError) -> [Item] {
        var items: [Item] = []
        if !partial.isEmpty {
            let whole = partial
            partial = []
            if let item = try line(whole) { items.append(item) }
        }
        guard headerSeen else { throw .missingHeader(line: lineCount, found: nil) }
        return items
    }

    // MARK: - Lines

    private mutating func line(_ bytes: [UInt8]) throws(EPSSFileError) -> Item? {
        var result: Result<Item?, EPSSFileError> = .success(nil)
        bytes.withUnsafeBytes { buffer in
            do throws(EPSSFileError) {
                result = .success(try line(buffer))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    private mutating func line(_ raw: UnsafeRawBufferPointer) throws(EPSSFileError) -> Item? {
        lineCount += 1
        var bytes = raw[...]
        if lineCount == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        while let last = bytes.last, last == 0x0D || last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        if bytes.isEmpty { return nil }
        if bytes.first == UInt8(ascii: "#") {
            comment(String(decoding: bytes.dropFirst(), as: UTF8.self))
            return nil
        }
        let fields = bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard headerSeen else {
            let names = fields.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased() }
            guard names == Self.header else {
                let text = String(decoding: bytes.prefix(80), as: UTF8.self)
                throw .missingHeader(line: lineCount, found: text)
            }
            headerSeen = true
            return nil
        }
        guard fields.count == 3 else {
            return .skipped(.init(line: lineCount, reason: "expected 3 columns (cve,epss,percentile), found \(fields.count)"))
        }
        guard let id = Self.cveID(fields[0]) else {
            return .skipped(.init(line: lineCount, reason: "\"\(Self.shown(fields[0]))\" is not a CVE id"))
        }
        guard let score = Self.probability(fields[1]) else {
            return .skipped(.init(line: lineCount, reason: "\(id): EPSS score \"\(Self.shown(fields[1]))\" is not a number between 0 and 1"))
        }
        guard let percentile = Self.probability(fields[2]) else {
            return .skipped(.init(line: lineCount, reason: "\(id): percentile \"\(Self.shown(fields[2]))\" is not a number between 0 and 1"))
        }
        return .score(EPSSScore(cveID: id, score: score, percentile: percentile))
    }

    /// `model_version:v2025.03.14,score_date:2025-03-17T00:00:00+0000`.
    private mutating func comment(_ text: String) {
        for pair in text.split(separator: ",") {
            guard let colon = pair.firstIndex(of: ":") else { continue }
            let key = pair[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = pair[pair.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "model_version" where !value.isEmpty:
                modelVersion = String(value.prefix(64))
            case "score_date":
                if let day = LocalDay(iso: String(value.prefix(10))) { scoreDate = day }
            default:
                break
            }
        }
    }

    private static func shown(_ field: Slice<UnsafeRawBufferPointer>) -> String {
        let text = String(decoding: field.prefix(40), as: UTF8.self)
        return field.count > 40 ? text + "…" : text
    }

    /// "CVE-yyyy-nnnn…" (4 to 19 digits after the year), upper-cased.
    static func cveID(_ field: Slice<UnsafeRawBufferPointer>) -> String? {
        let bytes = Array(field)
        guard bytes.count >= 13, bytes.count <= 28 else { return nil }
        let prefix = bytes[0..<4].map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
        guard prefix == Array("CVE-".utf8), bytes[8] == UInt8(ascii: "-") else { return nil }
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        guard bytes[4..<8].allSatisfy(isDigit), bytes[9...].allSatisfy(isDigit) else { return nil }
        return "CVE-" + String(decoding: bytes[4...], as: UTF8.self)
    }

    /// A plain decimal number (digits, one dot, optional exponent) in 0…1.
    static func probability(_ field: Slice<UnsafeRawBufferPointer>) -> Double? {
        guard !field.isEmpty, field.count <= 32,
              field.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x65 || $0 == 0x45 || $0 == 0x2D || $0 == 0x2B })
        else { return nil }
        guard let value = Double(String(decoding: field, as: UTF8.self)), value.isFinite, value >= 0, value <= 1 else { return nil }
        return value
    }
}
