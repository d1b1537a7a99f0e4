import Fluent
import Foundation

/// TLP in one place for data that points at incidents (evidence files, audit entries): everything asks
/// `IncidentAccess.mayRead` through these, so a TLP:RED incident stays with its reporter, assignee and named people.
extension IncidentAccess {
    /// The ids among `ids` of incidents that exist and the principal may NOT read.
    static func unreadable(_ ids: Set<UUID>, for principal: Principal, on db: any Database) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        var hidden: Set<UUID> = []
        for chunk in Array(ids).chunked(500) {
            for incident in try await Incident.query(on: db).filter(\.$id ~~ chunk).all() where !mayRead(incident, principal) {
                hidden.insert(incident.id!)
            }
        }
        return hidden
    }

    /// The evidence file `id` if the caller may download it: they may read its unit, and every incident it is
    /// attached to. Anything else is the same 404, so the existence of a RED incident's file does not leak.
    static func evidence(_ id: UUID, for principal: Principal, on db: any Database) async throws -> EvidenceFile {
        guard let file = try await EvidenceFile.find(id, on: db), principal.policy.allows(.read, on: file.$unit.id) else {
            throw BilingualError.notFound("Không có tệp minh chứng này.", "No such evidence file.")
        }
        let incidents = try await IncidentEvidence.query(on: db).filter(\.$evidence.$id == id).all().map { $0.$incident.id }
        guard try await unreadable(Set(incidents), for: principal, on: db).isEmpty else {
            throw BilingualError.notFound("Không có tệp minh chứng này.", "No such evidence file.")
        }
        return file
    }
}
