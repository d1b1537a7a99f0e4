import Fluent
import Foundation
import TrucCore
import Vapor

/// One entry of a unit's scan history (the file itself is served by its own route).
struct ScanImportDTO: Content, Equatable {
    var id: UUID
    var unitID: UUID
    var format: ScanFormat
    var tool: String?
    var fileName: String
    var sha256: String
    var size: Int64
    var importedAt: Date
    var importedBy: String
    var hosts: Int
    var results: Int
    var findingsNew: Int
    var findingsUnchanged: Int
    var findingsClosed: Int
    var findingsReopened: Int
    var assetsCreated: Int
}

extension ScanImport {
    func dto() throws -> ScanImportDTO {
        ScanImportDTO(id: try requireID(), unitID: $unit.id, format: format, tool: tool, fileName: fileName, sha256: sha256, size: size,
                      importedAt: importedAt, importedBy: importedBy, hosts: hosts, results: results, findingsNew: findingsNew,
                      findingsUnchanged: findingsUnchanged, findingsClosed: findingsClosed, findingsReopened: findingsReopened,
                      assetsCreated: assetsCreated)
    }

    /// The history of a unit, newest first, without the files' content.
    static func history(unitID: UUID, on db: any Database) -> QueryBuilder<ScanImport> {
        ScanImport.query(on: db).filter(\.$unit.$id == unitID)
            .field(\.$id).field(\.$unit.$id).field(\.$format).field(\.$tool).field(\.$fileName).field(\.$sha256)
            .field(\.$size).field(\.$importedAt).field(\.$importedBy).field(\.$hosts).field(\.$results)
            .field(\.$findingsNew).field(\.$findingsUnchanged).field(\.$findingsClosed).field(\.$findingsReopened)
            .field(\.$assetsCreated).field(\.$covered)
            .sort(\.$importedAt, .descending).sort(\.$id)
    }
}
