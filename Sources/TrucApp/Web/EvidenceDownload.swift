import Foundation
import TrucCore
import Vapor

/// Serves a stored evidence file (campaign or incident) as `EvidencePolicy` says: the type from the allow-list by its
/// content and name (never the uploader's declared type alone), `inline` only for verified images and PDFs and
/// `attachment` for everything else (HTML, SVG, scripts, executables …), a `Content-Disposition` with the sanitised
/// name (ASCII fallback and RFC 8187 UTF-8 form), the policy's hardening headers (`X-Content-Type-Options: nosniff`,
/// a sandboxing CSP, no framing, no caching) and the SHA-256 of the content.
enum EvidenceDownload {
    /// Every media type `EvidencePolicy.safeContentType` can serve (text/plain comes with "; charset=utf-8").
    static let mediaTypes = ["application/octet-stream", "text/plain", "image/png", "image/jpeg", "image/gif", "image/webp",
                             "application/pdf", "application/zip", "application/gzip", "application/x-7z-compressed",
                             "application/vnd.rar", "application/vnd.tcpdump.pcap"]

    static func response(_ file: EvidenceFile) -> Response {
        let (contentType, disposition) = EvidencePolicy.safeContentType(
            forFilename: file.filename, declared: file.declaredType, sniffed: file.content.prefix(EvidencePolicy.sniffLength))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: EvidencePolicy.contentDisposition(disposition, filename: file.filename))
        for header in EvidencePolicy.hardeningHeaders {
            headers.replaceOrAdd(name: header.name, value: header.value)
        }
        let digest = Hex.decode(file.sha256).map { Data($0).base64EncodedString() } ?? ""
        headers.replaceOrAdd(name: "Digest", value: "sha-256=\(digest)")
        headers.replaceOrAdd(name: "Repr-Digest", value: "sha-256=:\(digest):")
        headers.replaceOrAdd(name: "X-Content-SHA256", value: file.sha256)
        return Response(status: .ok, headers: headers, body: .init(data: file.content))
    }
}
