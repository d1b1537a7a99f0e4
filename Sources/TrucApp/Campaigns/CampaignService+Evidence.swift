import Fluent
import Foundation
import TrucCore
import Vapor

extension CampaignService {
    // MARK: - Evidence
    //
    // Uploads and downloads go through Web/UploadedEvidence and Web/EvidenceDownload (TrucCore's EvidencePolicy); the
    // names below stay for the callers that use them.

    typealias Upload = UploadedEvidence

    /// `UploadedEvidence.check`: nil for "no file chosen", 413 above `maxBytes`, 422 when empty.
    static func checkUpload(_ file: File?, maxBytes: Int) throws -> Upload? {
        try UploadedEvidence.check(file, maxBytes: maxBytes)
    }

    static func megabytes(_ bytes: Int) -> String {
        UploadedEvidence.megabytes(bytes)
    }

    /// An evidence file by id, through the one check that also applies the TLP of any incident it belongs to; 404 when
    /// the principal may not read it.
    static func evidence(_ id: UUID, for principal: Principal, on db: any Database) async throws -> EvidenceFile {
        try await IncidentAccess.evidence(id, for: principal, on: db)
    }

    /// `EvidenceDownload.response`: the file served as `EvidencePolicy` says, with its SHA-256.
    static func download(_ file: EvidenceFile) -> Response {
        EvidenceDownload.response(file)
    }
}
