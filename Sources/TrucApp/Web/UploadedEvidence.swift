import Foundation
import TrucCore
import Vapor

/// An evidence file as uploaded (a campaign answer's evidence or an incident's), checked and ready to store: the name
/// made safe by `EvidencePolicy.sanitizedFilename`, the type the browser declared (kept as metadata only: downloads
/// take their type from `EvidencePolicy`, never from it), the content and its SHA-256.
struct UploadedEvidence: Sendable, Equatable {
    /// The longest declared type kept; a longer or malformed one is stored as application/octet-stream.
    static let maxDeclaredType = 255

    var filename: String
    var declaredType: String
    var content: Data
    var sha256: String

    /// Checks an uploaded file: nil for "no file chosen" (no name, no bytes), 413 above `maxBytes`, 422 when empty.
    static func check(_ file: File?, maxBytes: Int) throws -> UploadedEvidence? {
        guard let file else { return nil }
        let size = file.data.readableBytes
        let name = file.filename.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty && size == 0 { return nil }
        if size > maxBytes {
            throw BilingualError(.payloadTooLarge,
                                "Tệp minh chứng quá lớn: \(megabytes(size)) MB, tối đa \(megabytes(maxBytes)) MB.",
                                "The evidence file is too large: \(megabytes(size)) MB, the limit is \(megabytes(maxBytes)) MB.")
        }
        if size == 0 { throw BilingualError(.unprocessableEntity, "Tệp minh chứng rỗng.", "The evidence file is empty.") }
        let content = Data(file.data.readableBytesView)
        return UploadedEvidence(filename: EvidencePolicy.sanitizedFilename(name), declaredType: declaredType(file.contentType),
                              content: content, sha256: SHA256.hash(data: content).hex)
    }

    /// The declared media type as "type/subtype[; parameters]" when it is printable ASCII of a sane length, else
    /// application/octet-stream.
    static func declaredType(_ type: HTTPMediaType?) -> String {
        guard let text = type?.serialize(), !text.isEmpty, text.count <= maxDeclaredType,
              text.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else { return "application/octet-stream" }
        return text
    }

    /// "1.5" for 1.5 MiB: the sizes in the upload messages.
    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1_048_576)
    }
}
