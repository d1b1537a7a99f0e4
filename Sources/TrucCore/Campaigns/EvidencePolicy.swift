import Foundation

/// The rules for evidence files attached to incidents (logs, screenshots, malware samples, packet captures, …):
/// how big they may be, under which name they are stored, and how they are served back so that an upload can never
/// run in the browser of the person reading it.
///
/// The served type comes from a fixed allow-list — never from what the uploader declared — so no active or
/// executable type (HTML, XHTML, SVG, JavaScript, XML, executables, scripts, Java archives …) ever comes out:
///
/// | content (first bytes) | extension, or declared type when there is none | served as |
/// |---|---|---|
/// | PNG, JPEG, GIF, WebP signature | an image extension or none | that image type, inline |
/// | "%PDF-" | .pdf or none | application/pdf, inline |
/// | ZIP, gzip, 7-Zip, RAR, pcap, pcapng signature | the matching extension | its type, attachment |
/// | UTF-8 text without NUL bytes, not an executable | a plain-text extension (.txt, .log, .csv, .json, …) | text/plain; charset=utf-8, attachment |
/// | anything else | | application/octet-stream, attachment |
///
/// So an .exe renamed .png (an "MZ" header, no PNG signature) and a PNG renamed .html are both served as
/// application/octet-stream attachments. Serve every evidence file with `hardeningHeaders` as well.
public struct EvidencePolicy: Sendable, Hashable, Codable {
    /// 20 MiB.
    public static let defaultMaxBytes = 20 * 1024 * 1024
    /// How many first bytes `safeContentType(forFilename:declared:sniffed:)` needs to see: 512.
    public static let sniffLength = 512
    /// The longest stored file name, in characters: 200.
    public static let maxFilenameLength = 200
    /// The name used when nothing usable is left of the uploaded one.
    public static let fallbackFilename = "evidence.bin"
    /// Headers to send with every evidence download: no MIME sniffing, no scripts, sandboxed, not framed.
    public static let hardeningHeaders: [(name: String, value: String)] = [
        ("X-Content-Type-Options", "nosniff"),
        ("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Cache-Control", "private, no-store"),
    ]

    /// The largest file accepted, in bytes.
    public var maxBytes: Int

    /// A policy accepting files up to `maxBytes` (default 20 MiB; values below 1 are raised to 1).
    public init(maxBytes: Int = EvidencePolicy.defaultMaxBytes) {
        self.maxBytes = max(1, maxBytes)
    }

    /// Refuses an empty file or one larger than `maxBytes`, on the field "size".
    public func validate(size: Int) throws(IncidentValidationError) {
        if size <= 0 {
            throw IncidentValidationError(field: "size", vietnamese: "Tệp chứng cứ trống.",
                                          english: "The evidence file is empty.")
        }
        if size > maxBytes {
            throw IncidentValidationError(
                field: "size",
                vietnamese: "Tệp chứng cứ có dung lượng \(Self.sizeText(size)); tối đa \(Self.sizeText(maxBytes)).",
                english: "The evidence file is \(Self.sizeText(size)); at most \(Self.sizeText(maxBytes)) is allowed.")
        }
    }

    /// "20 MiB", "512 KiB", "300 B" (rounded down; with one decimal under 10 units, e.g. "1.5 MiB").
    static func sizeText(_ bytes: Int) -> String {
        let units: [(String, Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        for (name, size) in units where bytes >= size {
            let tenths = bytes / (size / 10)
            if tenths < 100 && tenths % 10 != 0 { return "\(tenths / 10).\(tenths % 10) \(name)" }
            return "\(bytes / size) \(name)"
        }
        return "\(bytes) B"
    }

    // MARK: Content type

    /// How to serve a stored evidence file (see the table in the type's documentation): its content type and
    /// disposition. `sniffed` is the first bytes of the file (`sniffLength` are enough); `declared` is the type the
    /// uploader's browser sent, used only when the name has no extension, and never as the served type.
    public static func safeContentType(forFilename filename: String, declared: String?,
                                       sniffed firstBytes: some Collection<UInt8>)
        -> (contentType: String, disposition: EvidenceDisposition) {
        let bytes = Array(firstBytes.prefix(sniffLength))
        let signature = Signature(bytes)
        let family = Family(extension: fileExtension(of: filename)) ?? Family(declared: declared) ?? .none
        let octetStream = ("application/octet-stream", EvidenceDisposition.attachment)
        switch signature {
        case .png, .jpeg, .gif, .webp:
            return family == .image || family == .none ? (signature.contentType, .inline) : octetStream
        case .pdf:
            return family == .pdf || family == .none ? (signature.contentType, .inline) : octetStream
        case .zip, .gzip, .sevenZip, .rar, .pcap, .pcapng:
            return family == .archive(signature) ? (signature.contentType, .attachment) : octetStream
        case .executable:
            return octetStream
        case .unknown:
            return family == .text && isUTF8Text(bytes) ? ("text/plain; charset=utf-8", .attachment) : octetStream
        }
    }

    /// The lower-cased extension after the last dot of the last path component ("png"), `nil` without one.
    static func fileExtension(of filename: String) -> String? {
        let name = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? filename
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...].trimmingCharacters(in: .whitespaces).lowercased()
        return ext.isEmpty ? nil : ext
    }

    /// Whether the bytes are UTF-8 text (a sequence cut at the end is tolerated) without NUL or other C0 controls
    /// than tab, line feed, form feed and carriage return.
    static func isUTF8Text(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(where: { $0 < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains($0) || $0 == 0x7F }) { return false }
        return String(validating: bytes[..<completeUTF8Prefix(bytes)], as: UTF8.self) != nil
    }

    /// The length of `bytes` without a multi-byte UTF-8 sequence cut short at the end (the sniffing window may end
    /// inside a character); the whole length when the end is not such a sequence.
    static func completeUTF8Prefix(_ bytes: [UInt8]) -> Int {
        var start = bytes.count
        while start > 0, bytes.count - start < 3, bytes[start - 1] & 0xC0 == 0x80 { start -= 1 }
        guard start > 0 else { return bytes.count }
        let lead = bytes[start - 1]
        let length = lead & 0xE0 == 0xC0 ? 2 : lead & 0xF0 == 0xE0 ? 3 : lead & 0xF8 == 0xF0 ? 4 : 1
        return length > 1 && bytes.count - (start - 1) < length ? start - 1 : bytes.count
    }

    /// What the first bytes say the file is.
    enum Signature: Hashable {
        case png, jpeg, gif, webp, pdf, zip, gzip, sevenZip, rar, pcap, pcapng
        /// A Windows PE ("MZ"), ELF, Mach-O or Java class file, or a script with "#!".
        case executable
        case unknown

        init(_ b: [UInt8]) {
            func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
                b.count >= offset + prefix.count && Array(b[offset..<(offset + prefix.count)]) == prefix
            }
            if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { self = .png }
            else if starts([0xFF, 0xD8, 0xFF]) { self = .jpeg }
            else if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { self = .gif }
            else if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { self = .webp }
            else if starts(Array("%PDF-".utf8)) { self = .pdf }
            else if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { self = .zip }
            else if starts([0x1F, 0x8B]) { self = .gzip }
            else if starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { self = .sevenZip }
            else if starts(Array("Rar!".utf8) + [0x1A, 0x07]) { self = .rar }
            else if starts([0xD4, 0xC3, 0xB2, 0xA1]) || starts([0xA1, 0xB2, 0xC3, 0xD4])
                        || starts([0x4D, 0x3C, 0xB2, 0xA1]) || starts([0xA1, 0xB2, 0x3C, 0x4D]) { self = .pcap }
            else if starts([0x0A, 0x0D, 0x0D, 0x0A]) { self = .pcapng }
            else if starts(Array("MZ".utf8)) || starts([0x7F, 0x45, 0x4C, 0x46]) || starts([0xCA, 0xFE, 0xBA, 0xBE])
                        || starts([0xFE, 0xED, 0xFA, 0xCE]) || starts([0xFE, 0xED, 0xFA, 0xCF])
                        || starts([0xCE, 0xFA, 0xED, 0xFE]) || starts([0xCF, 0xFA, 0xED, 0xFE])
                        || starts(Array("#!".utf8)) { self = .executable }
            else { self = .unknown }
        }

        var contentType: String {
            switch self {
            case .png: "image/png"
            case .jpeg: "image/jpeg"
            case .gif: "image/gif"
            case .webp: "image/webp"
            case .pdf: "application/pdf"
            case .zip: "application/zip"
            case .gzip: "application/gzip"
            case .sevenZip: "application/x-7z-compressed"
            case .rar: "application/vnd.rar"
            case .pcap, .pcapng: "application/vnd.tcpdump.pcap"
            case .executable, .unknown: "application/octet-stream"
            }
        }
    }

    /// What the name (or, without an extension, the declared type) says the file is.
    enum Family: Hashable {
        case image, pdf, text
        case archive(Signature)
        /// Anything else, including every active or executable type.
        case other
        /// No extension and no declared type.
        case none

        init?(extension ext: String?) {
            guard let ext else { return nil }
            switch ext {
            case "png", "jpg", "jpeg", "jpe", "jfif", "gif", "webp": self = .image
            case "pdf": self = .pdf
            case "txt", "text", "log", "csv", "tsv", "json", "ndjson", "jsonl", "md", "ini", "conf", "cfg", "yaml", "yml",
                 "eml", "ioc": self = .text
            case "zip": self = .archive(.zip)
            case "gz", "tgz": self = .archive(.gzip)
            case "7z": self = .archive(.sevenZip)
            case "rar": self = .archive(.rar)
            case "pcap", "cap": self = .archive(.pcap)
            case "pcapng": self = .archive(.pcapng)
            default: self = .other
            }
        }

        init?(declared: String?) {
            guard let declared else { return nil }
            let type = declared.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            switch type {
            case "": return nil
            case "image/png", "image/jpeg", "image/pjpeg", "image/gif", "image/webp": self = .image
            case "application/pdf": self = .pdf
            case "text/plain", "text/csv": self = .text
            default: self = .other
            }
        }
    }
}
