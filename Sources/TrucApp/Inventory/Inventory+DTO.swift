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
struct SystemInput: Content, LimitedInput {
    var name: String
    var purpose: String?
    var securityLevel: Int
    var owner: String?
    var domains: [String]?
    var publicIPs: [String]?

    func checkLimits(_ check: inout TextLimitCheck) {
        Self.checkLimits(&check, name: name, purpose: purpose, owner: owner)
        check.texts("domains", domains, TextLimit.host)
        check.texts("publicIPs", publicIPs, TextLimit.host)
    }

    /// The limits of a system's texts, for the API and the web form.
    static func checkLimits(_ check: inout TextLimitCheck, name: String?, purpose: String?, owner: String?) {
        check.text("name", name, InventoryService.maxTextLength)
        check.text("purpose", purpose, TextLimit.note)
        check.text("owner", owner, TextLimit.line)
    }
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
struct AssetInput: Content, LimitedInput {
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

    func checkLimits(_ check: inout TextLimitCheck) {
        Self.checkLimits(&check, name: name, vendor: vendor, product: product, version: version, hostname: hostname,
                         ipAddress: ipAddress, notes: notes)
        check.texts("cpes", cpes, TextLimit.line, maxEntries: AssetCSV.maximumCPEsPerRow)
    }

    /// The limits of an asset's texts (as for a row of the CSV import), for the API and the web form.
    static func checkLimits(_ check: inout TextLimitCheck, name: String?, vendor: String?, product: String?, version: String?,
                            hostname: String?, ipAddress: String?, notes: String?) {
        check.text("name", name, AssetCSV.maximumNameLength)
        for (field, value) in [("vendor", vendor), ("product", product), ("version", version)] {
            check.text(field, value, InventoryService.maxTextLength)
        }
        check.text("hostname", hostname, TextLimit.host)
        check.text("ipAddress", ipAddress, TextLimit.host)
        check.text("notes", notes, AssetCSV.maximumNotesLength)
    }
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
