import Foundation

/// CISA's Known Exploited Vulnerabilities catalog (`known_exploited_vulnerabilities.json`, about 1.2 MB, read
/// whole).
///
/// An entry that cannot be read (no valid `cveID`, no valid `dateAdded`, a field of the wrong type) is reported in
/// `skipped` with its index and the reason; the others are kept. Optional texts may be missing (read as "").
public struct KEVCatalog: Sendable {
    public var title: String
    public var catalogVersion: String
    public var dateReleased: Date?
    public var entries: [KEVEntry]
    public var skipped: [NVDFeedReader.Skipped]
    /// The `count` the file states (normally `entries.count + skipped.count`).
    public var statedCount: Int?

    /// Throws when `data` is not JSON, or not a catalog (no `vulnerabilities` array).
    public init(data: Data) throws(FeedError) {
        let raw: RawCatalog
        do {
            raw = try JSONDecoder().decode(RawCatalog.self, from: data)
        } catch {
            if case DecodingError.dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw .unknownFormat("not JSON (\(context.debugDescription))")
            }
            throw .unknownFormat("not a CISA KEV catalog: \(CVERecord.reason(error))")
        }
        title = raw.title ?? ""
        catalogVersion = raw.catalogVersion ?? ""
        dateReleased = raw.dateReleased.flatMap(NVDFeedFormat.date)
        statedCount = raw.count
        entries = []
        skipped = []
        for (index, element) in raw.vulnerabilities.enumerated() {
            switch element.entry {
            case .success(let entry): entries.append(entry)
            case .failure(let reason): skipped.append(.init(index: index, id: element.id, reason: reason))
            }
        }
    }
}

/// The top level of the catalog file.
private struct RawCatalog: Decodable {
    let title: String?
    let catalogVersion: String?
    let dateReleased: String?
    let count: Int?
    let vulnerabilities: [LenientEntry]
}

/// One catalog element, decoded without failing the whole file.
private struct LenientEntry: Decodable {
    enum Outcome {
        case success(KEVEntry)
        case failure(String)
    }

    let entry: Outcome
    let id: String?

    private struct Raw: Decodable {
        let cveID: String?
        let vendorProject, product, vulnerabilityName, dateAdded, shortDescription, requiredAction: String?
        let dueDate, knownRansomwareCampaignUse, notes: String?
        let cwes: [String]?
    }

    private enum IDKey: String, CodingKey { case cveID }

    init(from decoder: any Decoder) throws {
        id = try? decoder.container(keyedBy: IDKey.self).decode(String.self, forKey: .cveID)
        let raw: Raw
        do {
            raw = try Raw(from: decoder)
        } catch {
            entry = .failure(CVERecord.reason(error))
            return
        }
        guard let cveID = raw.cveID.map(CVERecord.trimmed), CVERecord.isValidID(cveID) else {
            entry = .failure("cveID \(raw.cveID.map { "\"\($0)\"" } ?? "missing"): expected CVE-yyyy-nnnn")
            return
        }
        guard let added = raw.dateAdded, let dateAdded = LocalDay(iso: added) else {
            entry = .failure("dateAdded \(raw.dateAdded.map { "\"\($0)\"" } ?? "missing"): expected yyyy-MM-dd")
            return
        }
        var dueDate: LocalDay?
        if let due = raw.dueDate, !CVERecord.trimmed(due).isEmpty {
            guard let day = LocalDay(iso: due) else {
                entry = .failure("dueDate \"\(due)\": expected yyyy-MM-dd")
                return
            }
            dueDate = day
        }
        entry = .success(KEVEntry(
            cveID: cveID, vendorProject: raw.vendorProject ?? "", product: raw.product ?? "",
            vulnerabilityName: raw.vulnerabilityName ?? "", dateAdded: dateAdded,
            shortDescription: raw.shortDescription ?? "", requiredAction: raw.requiredAction ?? "", dueDate: dueDate,
            knownRansomwareCampaignUse: raw.knownRansomwareCampaignUse.map(CVERecord.trimmed)?
                .caseInsensitiveCompare("Known") == .orderedSame,
            notes: raw.notes ?? "", cwes: raw.cwes ?? []))
    }
}
