import Fluent
import Foundation
import TrucCore
import Vapor

/// An information system as the API shows it.
struct SystemDTO: Content, Equatable {
    var id: UUID
    var unitID: UUID
    var name: String
    var purpose: String?
    var securityLevel: Int
    var owner: String?
    var domains: [String]
    var publicIPs: [String]
}

/// Body of POST /units/{unitID}/systems and PUT /systems/{systemID}.
struct SystemInput: Content {
    var name: String
    var purpose: String?
    var securityLevel: Int
    var owner: String?
    var domains: [String]?
    var publicIPs: [String]?
}

extension InformationSystem {
    func dto() -> SystemDTO {
        SystemDTO(id: id!, unitID: $unit.id, name: name, purpose: purpose, securityLevel: securityLevel, owner: owner,
                  domains: domains, publicIPs: publicIPs)
    }
}

/// An asset as the API shows it.
struct AssetDTO: Content, Equatable {
    var id: UUID
    var unitID: UUID
    var systemID: UUID?
    var kind: AssetKind
    var name: String
    var vendor: String?
    var product: String?
    var version: String?
    var hostname: String?
    var ipAddress: String?
    var cpes: [String]
    var sourceKey: String?
    var notes: String?
    var matchedAt: Date?
}

/// Body of POST /units/{unitID}/assets and PUT /assets/{assetID}. The system is named by id.
struct AssetInput: Content {
    var kind: AssetKind
    var name: String
    var systemID: UUID?
    var vendor: String?
    var product: String?
    var version: String?
    var hostname: String?
    var ipAddress: String?
    var cpes: [String]?
    var notes: String?
}

extension Asset {
    func dto() -> AssetDTO {
        AssetDTO(id: id!, unitID: $unit.id, systemID: $system.id, kind: kind, name: name, vendor: vendor, product: product,
                 version: version, hostname: hostname, ipAddress: ipAddress, cpes: cpeStrings, sourceKey: sourceKey,
                 notes: notes, matchedAt: matchedAt)
    }
}

/// Reply of an inventory import.
struct AssetImportDTO: Content, Equatable {
    var created: Int
    var updated: Int
    var problems: [String]
    var matching: MatchSummary
}

/// 422 reply of an asset CSV import with row errors (nothing is stored).
struct AssetImportErrorDTO: Content, Equatable {
    var error: Bool
    var reason: String
    var rows: [AssetCSV.RowError]
}

/// A proposed CPE name for an asset.
struct CPEProposalDTO: Content, Equatable {
    var cpe: String
    var title: String
    var score: Double
    /// "dictionary" (found in the NVD CPE dictionary) or "constructed" (built from the texts given).
    var origin: String
}
