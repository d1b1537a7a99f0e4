import Fluent
import Foundation
import TrucCore

extension ScanImportService {
    /// The stored assets of one scanned host: the host (or artifact) and its software by reference.
    struct ResolvedHost {
        var hostKey: String
        var host: Asset
        var software: [String: Asset]
        var isArtifact: Bool
        var artifactKey: String?
    }

    struct ResolvedAssets {
        var hosts: [ResolvedHost] = []
        var created = 0
        var updated = 0
        /// Created or changed assets, to match against the knowledge base afterwards.
        var changedAssets: [Asset] = []
    }

    /// Finds each host's asset in the unit by its key, else (network hosts) by IP address, else by host name, and
    /// each software by its key; creates what is missing. An existing host keeps its name, system and notes and
    /// gains the CPE names and the address the scan adds; software of the report is updated from it.
    static func resolveAssets(_ drafts: [ScanHostDrafts], unitID: UUID, on db: any Database) async throws -> ResolvedAssets {
        let keys = drafts.flatMap { [$0.host.sourceKey].compactMap { $0 } + $0.software.values.compactMap(\.sourceKey) }
        var byKey: [String: Asset] = [:]
        for chunk in keys.chunked(500) {
            for asset in try await Asset.query(on: db).filter(\.$unit.$id == unitID).filter(\.$sourceKey ~~ Array(chunk)).all() {
                if let key = asset.sourceKey { byKey[key] = asset }
            }
        }
        let ips = drafts.filter { !$0.isArtifact }.compactMap(\.host.ipAddress)
        var byIP: [String: Asset] = [:]
        for chunk in ips.chunked(500) {
            for asset in try await Asset.query(on: db).filter(\.$unit.$id == unitID).filter(\.$ipAddress ~~ Array(chunk))
                .filter(\.$kind != .software).sort(\.$createdAt).all() {
                if let ip = asset.ipAddress, byIP[ip] == nil { byIP[ip] = asset }
            }
        }
        let names = drafts.filter { !$0.isArtifact }.compactMap(\.host.hostname)
        var byName: [String: Asset] = [:]
        for chunk in names.chunked(500) {
            for asset in try await Asset.query(on: db).filter(\.$unit.$id == unitID).filter(\.$hostname ~~ Array(chunk))
                .filter(\.$kind != .software).sort(\.$createdAt).all() {
                if let name = asset.hostname?.lowercased(), byName[name] == nil { byName[name] = asset }
            }
        }
        var result = ResolvedAssets()
        var created: [Asset] = []
        var changed: [Asset] = []
        for draft in drafts {
            let host: Asset
            let existing = draft.host.sourceKey.flatMap { byKey[$0] }
                ?? (draft.isArtifact ? nil : draft.host.ipAddress.flatMap { byIP[$0] })
                ?? (draft.isArtifact ? nil : draft.host.hostname.flatMap { byName[$0.lowercased()] })
            if let existing {
                host = existing
                var cpes = existing.cpes
                for cpe in draft.host.cpes where !cpes.contains(cpe) && cpes.count < AssetCSV.maximumCPEsPerRow { cpes.append(cpe) }
                if cpes != existing.cpes { existing.cpes = cpes }
                if existing.ipAddress == nil, let ip = draft.host.ipAddress { existing.ipAddress = ip }
                if existing.hostname == nil, let name = draft.host.hostname { existing.hostname = name }
                if existing.sourceKey == nil, let key = draft.host.sourceKey, byKey[key] == nil {
                    existing.sourceKey = key
                    byKey[key] = existing
                }
                if existing.hasChanges { changed.append(existing) }
            } else {
                host = Asset(id: UUID(), unitID: unitID, systemID: nil, draft: draft.host)
                created.append(host)
                if let key = draft.host.sourceKey { byKey[key] = host }
            }
            var software: [String: Asset] = [:]
            for (ref, item) in draft.software.sorted(by: { $0.key < $1.key }) {
                if let key = item.sourceKey, let asset = byKey[key] {
                    asset.apply(item, systemID: asset.$system.id ?? host.$system.id)
                    if asset.hasChanges { changed.append(asset) }
                    software[ref] = asset
                } else {
                    let asset = Asset(id: UUID(), unitID: unitID, systemID: host.$system.id, draft: item)
                    created.append(asset)
                    if let key = item.sourceKey { byKey[key] = asset }
                    software[ref] = asset
                }
            }
            result.hosts.append(ResolvedHost(hostKey: draft.hostKey, host: host, software: software, isArtifact: draft.isArtifact,
                                             artifactKey: draft.isArtifact ? draft.host.sourceKey : nil))
        }
        for chunk in created.chunked(200) { try await Array(chunk).create(on: db) }
        var seen = Set<UUID>()
        let saved = changed.filter { seen.insert($0.id!).inserted }
        for asset in saved { try await asset.save(on: db) }
        try await InventoryService.replaceProducts(of: created + saved, on: db)
        result.created = created.count
        result.updated = saved.count
        result.changedAssets = created + saved
        return result
    }

    /// The assets whose findings from this scanner the report decides on: each network host's asset, and for an
    /// artifact its asset with every asset keyed under it (components gone from the SBOM included).
    static func coveredAssetIDs(_ hosts: [ResolvedHost], on db: any Database, unitID: UUID) async throws -> Set<UUID> {
        var covered = Set(hosts.compactMap(\.host.id))
        for host in hosts where host.isArtifact {
            covered.formUnion(host.software.values.compactMap(\.id))
            guard let key = host.artifactKey else { continue }
            let prefix = key + "|"
            // LIKE treats `_` and `%` in the name as wildcards: the prefix is checked again here.
            for asset in try await Asset.query(on: db).filter(\.$unit.$id == unitID).filter(\.$sourceKey =~ prefix).all()
            where asset.sourceKey?.hasPrefix(prefix) == true {
                if let id = asset.id { covered.insert(id) }
            }
        }
        return covered
    }

    /// For each network host: the CVEs found on the unit's *other* assets with the host's address (services and
    /// software of the host, e.g. from the Nmap import), by CVE → that asset.
    static func siblingFindings(_ hosts: [ResolvedHost], unitID: UUID, on db: any Database) async throws -> [UUID: [String: UUID]] {
        var hostByIP: [String: UUID] = [:]
        for host in hosts where !host.isArtifact {
            if let ip = host.host.ipAddress, let id = host.host.id { hostByIP[ip] = id }
        }
        guard !hostByIP.isEmpty else { return [:] }
        var hostOfAsset: [UUID: UUID] = [:]
        for chunk in Array(hostByIP.keys).chunked(500) {
            for asset in try await Asset.query(on: db).filter(\.$unit.$id == unitID).filter(\.$ipAddress ~~ Array(chunk))
                .field(\.$id).field(\.$ipAddress).all() {
                guard let id = asset.id, let ip = asset.ipAddress, let host = hostByIP[ip], host != id else { continue }
                hostOfAsset[id] = host
            }
        }
        var result: [UUID: [String: UUID]] = [:]
        for chunk in Array(hostOfAsset.keys).chunked(500) {
            for finding in try await Finding.query(on: db).filter(\.$asset.$id ~~ Array(chunk)).field(\.$asset.$id)
                .field(\.$vulnerability.$id).all() {
                guard let host = hostOfAsset[finding.$asset.id] else { continue }
                if result[host]?[finding.$vulnerability.id] == nil { result[host, default: [:]][finding.$vulnerability.id] = finding.$asset.id }
            }
        }
        return result
    }
}
