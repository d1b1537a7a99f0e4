import Fluent
import Foundation
import TrucCore
import Vapor

/// Rules for information systems and assets, shared by the API and the web pages. Every change is audited and
/// followed by matching of the assets it touched.
enum InventoryService {
    static let maxTextLength = 300

    // MARK: - Systems

    static func checkSystem(_ input: SystemInput) throws -> (name: String, domains: [String], ips: [String]) {
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= maxTextLength else {
            throw Abort(.unprocessableEntity, reason: "name is required (at most \(maxTextLength) characters)")
        }
        guard (1...5).contains(input.securityLevel) else {
            throw Abort(.unprocessableEntity, reason: "securityLevel must be 1 to 5 (cấp độ 1–5, Nghị định 85/2016/NĐ-CP)")
        }
        let domains = (input.domains ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        for domain in domains where !isDomain(domain) {
            throw Abort(.unprocessableEntity, reason: "domains: '\(domain)' is not a domain name")
        }
        let ips = (input.publicIPs ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for ip in ips where !IPAddressText.isValid(ip) {
            throw Abort(.unprocessableEntity, reason: "publicIPs: '\(ip)' is not an IPv4 or IPv6 address")
        }
        return (name, Array(NSOrderedSet(array: domains)) as! [String], Array(NSOrderedSet(array: ips)) as! [String])
    }

    static func isDomain(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, text.count <= 253 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
    }

    static func createSystem(_ input: SystemInput, unitID: UUID, by principal: Principal, on db: any Database) async throws -> InformationSystem {
        let (name, domains, ips) = try checkSystem(input)
        if try await InformationSystem.query(on: db).filter(\.$unit.$id == unitID).filter(\.$name == name).first() != nil {
            throw Abort(.conflict, reason: "This unit already has a system named '\(name)'.")
        }
        let system = InformationSystem(unitID: unitID, name: name, purpose: input.purpose.nonEmpty, securityLevel: input.securityLevel,
                                       owner: input.owner.nonEmpty, domains: domains, publicIPs: ips)
        try await db.transaction { db in
            try await system.create(on: db)
            try await Audit.record("system.create", entity: "system", id: system.id?.uuidString, unitID: unitID,
                                   after: system.dto(), by: principal, on: db)
        }
        return system
    }

    static func updateSystem(_ system: InformationSystem, with input: SystemInput, by principal: Principal, on db: any Database,
                             zone: TimeZone) async throws -> InformationSystem {
        let (name, domains, ips) = try checkSystem(input)
        if name != system.name,
           try await InformationSystem.query(on: db).filter(\.$unit.$id == system.$unit.id).filter(\.$name == name).first() != nil {
            throw Abort(.conflict, reason: "This unit already has a system named '\(name)'.")
        }
        let before = system.dto()
        let levelChanged = system.securityLevel != input.securityLevel
        system.name = name
        system.purpose = input.purpose.nonEmpty
        system.securityLevel = input.securityLevel
        system.owner = input.owner.nonEmpty
        system.domainsText = domains.joined(separator: "\n")
        system.publicIPsText = ips.joined(separator: "\n")
        try await db.transaction { db in
            try await system.save(on: db)
            try await Audit.record("system.update", entity: "system", id: system.id?.uuidString, unitID: system.$unit.id,
                                   before: before, after: system.dto(), by: principal, on: db)
        }
        if levelChanged {
            // Deadlines depend on the security level.
            let assets = try await Asset.query(on: db).filter(\.$system.$id == system.requireID()).all()
            _ = try await MatchingService.rematch(assets: assets, on: db, zone: zone)
            let ids = try await Finding.query(on: db).filter(\.$system.$id == system.requireID()).all(\.$vulnerability.$id)
            _ = try await MatchingService.refreshFindings(cveIDs: Set(ids), on: db, zone: zone)
        }
        return system
    }

    static func deleteSystem(_ system: InformationSystem, by principal: Principal, on db: any Database) async throws {
        let before = system.dto()
        try await db.transaction { db in
            try await system.delete(on: db)
            try await Audit.record("system.delete", entity: "system", id: before.id.uuidString, unitID: before.unitID,
                                   before: before, by: principal, on: db)
        }
    }

    // MARK: - Assets

    /// Validates an input into a draft; the system must belong to the unit.
    static func draft(_ input: AssetInput, unitID: UUID, on db: any Database) async throws -> AssetDraft {
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else {
            throw Abort(.unprocessableEntity, reason: "name is required (at most 200 characters)")
        }
        var cpes: [CPEName] = []
        for text in input.cpes ?? [] where !text.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                let cpe = try CPEName(parsing: text.trimmingCharacters(in: .whitespaces))
                if !cpes.contains(cpe) { cpes.append(cpe) }
            } catch {
                throw Abort(.unprocessableEntity, reason: "cpes: '\(text)' is not a valid CPE name: \(error.english)")
            }
        }
        if let ip = input.ipAddress.nonEmpty, !IPAddressText.isValid(ip) {
            throw Abort(.unprocessableEntity, reason: "ipAddress: '\(ip)' is not an IPv4 or IPv6 address")
        }
        for (field, value) in [("vendor", input.vendor), ("product", input.product), ("version", input.version), ("hostname", input.hostname)] {
            if let value, value.count > maxTextLength {
                throw Abort(.unprocessableEntity, reason: "\(field) is at most \(maxTextLength) characters")
            }
        }
        if let systemID = input.systemID {
            guard let system = try await InformationSystem.find(systemID, on: db), system.$unit.id == unitID else {
                throw Abort(.unprocessableEntity, reason: "systemID: no such system in this unit")
            }
        }
        return AssetDraft(kind: input.kind, name: name, vendor: input.vendor.nonEmpty, product: input.product.nonEmpty,
                          version: input.version.nonEmpty, hostname: input.hostname.nonEmpty, ipAddress: input.ipAddress.nonEmpty,
                          cpes: cpes, notes: input.notes.nonEmpty)
    }

    static func createAsset(_ input: AssetInput, unitID: UUID, by principal: Principal, on db: any Database,
                            zone: TimeZone) async throws -> Asset {
        let draft = try await draft(input, unitID: unitID, on: db)
        let asset = Asset(id: UUID(), unitID: unitID, systemID: input.systemID, draft: draft)
        try await db.transaction { db in
            try await asset.create(on: db)
            try await replaceProducts(of: [asset], on: db)
            try await Audit.record("asset.create", entity: "asset", id: asset.id?.uuidString, unitID: unitID,
                                   after: asset.dto(), by: principal, on: db)
        }
        _ = try await MatchingService.rematch(assets: [asset], on: db, zone: zone)
        return asset
    }

    static func updateAsset(_ asset: Asset, with input: AssetInput, by principal: Principal, on db: any Database,
                            zone: TimeZone) async throws -> Asset {
        var draft = try await draft(input, unitID: asset.$unit.id, on: db)
        draft.sourceKey = asset.sourceKey
        let before = asset.dto()
        asset.apply(draft, systemID: input.systemID)
        try await db.transaction { db in
            try await asset.save(on: db)
            try await replaceProducts(of: [asset], on: db)
            try await Audit.record("asset.update", entity: "asset", id: asset.id?.uuidString, unitID: asset.$unit.id,
                                   before: before, after: asset.dto(), by: principal, on: db)
        }
        _ = try await MatchingService.rematch(assets: [asset], on: db, zone: zone)
        return asset
    }

    static func deleteAsset(_ asset: Asset, by principal: Principal, on db: any Database) async throws {
        let before = asset.dto()
        try await db.transaction { db in
            try await asset.delete(on: db)
            try await Audit.record("asset.delete", entity: "asset", id: before.id.uuidString, unitID: before.unitID,
                                   before: before, by: principal, on: db)
        }
    }

    /// Rewrites the (vendor, product) rows of these assets.
    static func replaceProducts(of assets: [Asset], on db: any Database) async throws {
        let ids = assets.compactMap(\.id)
        for chunk in ids.chunked(500) {
            try await AssetProduct.query(on: db).filter(\.$asset.$id ~~ Array(chunk)).delete()
        }
        var rows: [AssetProduct] = []
        for asset in assets {
            for key in Set(asset.cpes.compactMap(ProductKey.init)) {
                rows.append(AssetProduct(assetID: asset.id!, vendor: key.vendor, product: key.product))
            }
        }
        for chunk in rows.chunked(300) { try await Array(chunk).create(on: db) }
    }

    // MARK: - Imports

    /// Stores drafts all or nothing: drafts with a source key update the unit's asset with that key; others are
    /// added. System names must name systems of the unit. Then matches the stored assets.
    static func importDrafts(_ drafts: [AssetDraft], unitID: UUID, source: String, problems: [String], by principal: Principal,
                             on db: any Database, zone: TimeZone) async throws -> AssetImportDTO {
        let systems = try await InformationSystem.query(on: db).filter(\.$unit.$id == unitID).all()
        let systemsByName = Dictionary(systems.map { (SearchText.fold($0.name), $0.id!) }, uniquingKeysWith: { a, _ in a })
        var unknownSystems: [String] = []
        for draft in drafts {
            if let name = draft.systemName, systemsByName[SearchText.fold(name)] == nil, !unknownSystems.contains(name) {
                unknownSystems.append(name)
            }
        }
        if !unknownSystems.isEmpty {
            throw Abort(.unprocessableEntity, reason: "Unknown system(s) in this unit: \(unknownSystems.joined(separator: ", ")). Create them first; nothing was imported.")
        }
        let keys = drafts.compactMap(\.sourceKey)
        var existing: [String: Asset] = [:]
        for chunk in keys.chunked(500) {
            for asset in try await Asset.query(on: db).filter(\.$unit.$id == unitID).filter(\.$sourceKey ~~ Array(chunk)).all() {
                if let key = asset.sourceKey { existing[key] = asset }
            }
        }
        let known = existing
        let (stored, created, updated) = try await db.transaction { db -> ([Asset], Int, Int) in
            var stored: [Asset] = []
            var created = 0
            var updated = 0
            var newAssets: [Asset] = []
            for draft in drafts {
                let systemID = draft.systemName.flatMap { systemsByName[SearchText.fold($0)] }
                if let key = draft.sourceKey, let asset = known[key] {
                    let keepSystem = systemID ?? asset.$system.id
                    asset.apply(draft, systemID: keepSystem)
                    if asset.hasChanges {
                        try await asset.save(on: db)
                        updated += 1
                    }
                    stored.append(asset)
                } else {
                    let asset = Asset(id: UUID(), unitID: unitID, systemID: systemID, draft: draft)
                    newAssets.append(asset)
                    stored.append(asset)
                    created += 1
                }
            }
            for chunk in newAssets.chunked(200) { try await Array(chunk).create(on: db) }
            try await replaceProducts(of: stored, on: db)
            try await Audit.record("asset.import", entity: "asset", id: nil, unitID: unitID,
                                   after: ImportAuditDTO(source: source, created: created, updated: updated, problems: problems),
                                   by: principal, on: db)
            return (stored, created, updated)
        }
        let matching = try await MatchingService.rematch(assets: stored, on: db, zone: zone)
        return AssetImportDTO(created: created, updated: updated, problems: problems, matching: matching)
    }

    struct ImportAuditDTO: Encodable {
        var source: String
        var created: Int
        var updated: Int
        var problems: [String]
    }
}
