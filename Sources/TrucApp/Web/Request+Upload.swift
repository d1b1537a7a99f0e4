import Foundation
import Vapor

extension Route {
    /// `userInfo` key marking the scan upload form, whose body may be as large as `AppConfig.maxScanBytes` (read by
    /// the CSRF check, which reads a form's body before the route does).
    static let scanUploadKey = "truc.scanUpload"
}

extension Request {
    /// The request body, streamed and collected up to `limit` bytes: over it, a 413 that says the limit (the rest
    /// of the body is not read), instead of the bare "Payload Too Large".
    @discardableResult
    func collectUpload(limit: Int) async throws -> ByteBuffer {
        if let data = body.data {
            guard data.readableBytes <= limit else { throw Self.tooLarge(limit) }
            return data
        }
        if let length = headers.first(name: .contentLength).flatMap(Int.init), length > limit {
            throw Self.tooLarge(limit)
        }
        do {
            return try await body.collect(max: limit).get() ?? ByteBuffer()
        } catch let error as Abort where error.status == .payloadTooLarge {
            throw Self.tooLarge(limit)
        }
    }

    static func tooLarge(_ limit: Int) -> Abort {
        let size = limit >= 1_048_576 ? "\(limit / 1_048_576) MB" : "\(limit) bytes"
        return Abort(.payloadTooLarge, reason: "Tệp lớn hơn giới hạn \(size); không nhập gì. / The file is larger than the limit of \(size); nothing was imported.")
    }
}
