import Fluent
import Foundation
import TrucCore
import Vapor

extension CampaignService {
    // MARK: - Evidence

    /// A checked evidence upload.
    struct Upload: Sendable {
        var filename: String
        var declaredType: String
        var content: Data
        var sha256: String
    }

    /// Checks an uploaded file: nil for "no file chosen", 413 above `maxBytes`, 422 when empty.
    static func checkUpload(_ file: File?, maxBytes: Int) throws -> Upload? {
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
        return Upload(filename: safeFilename(name), declaredType: file.contentType?.serialize() ?? "application/octet-stream",
                      content: content, sha256: SHA256.hash(data: content).hex)
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1_048_576)
    }

    /// The last path component, without control characters or quotes, at most 200 characters.
    static func safeFilename(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(String.UnicodeScalarView(last.unicodeScalars.filter {
            !CharacterSet.controlCharacters.contains($0) && $0 != "\"" && $0 != ";"
        })).trimmingCharacters(in: .whitespaces)
        let short = String(cleaned.prefix(200))
        return short.isEmpty || short == "." || short == ".." ? "evidence.bin" : short
    }

    /// An evidence file the principal may read (its unit readable), or 404.
    /// An evidence file by id, through the one check that also applies the TLP of any incident it belongs to.
    static func evidence(_ id: UUID, for principal: Principal, on db: any Database) async throws -> EvidenceFile {
        try await IncidentAccess.evidence(id, for: principal, on: db)
    }

    /// Serves evidence as an opaque download, never rendered by the browser, with its SHA-256.
    static func download(_ file: EvidenceFile) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/octet-stream")
        let ascii = String(file.filename.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" && $0 != "%" ? Character($0) : "_" })
        let encoded = file.filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? "evidence.bin"
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; sandbox")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        let digest = Hex.decode(file.sha256).map { Data($0).base64EncodedString() } ?? ""
        headers.replaceOrAdd(name: "Digest", value: "sha-256=\(digest)")
        headers.replaceOrAdd(name: "Repr-Digest", value: "sha-256=:\(digest):")
        headers.replaceOrAdd(name: "X-Content-SHA256", value: file.sha256)
        return Response(status: .ok, headers: headers, body: .init(data: file.content))
    }
}
