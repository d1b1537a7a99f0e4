extension CSAFDocument {
    /// One `CVERecord` per vulnerability with a valid CVE id, for importing an advisory into the knowledge base:
    /// - `description`: the vulnerability's summary; `weaknesses`: its CWE; `metrics`: its scores;
    /// - `published`: its release date, else the document's initial release; `lastModified`: the current release;
    /// - `references`: the vulnerability's reference URLs, then the document's (deduplicated, at most 20);
    /// - `configurations`: one OR configuration whose criteria are the CPE names of the known-affected products
    ///   (`vulnerable: true`), none when no affected product has a CPE name. Affected products without one cannot
    ///   be matched: they are noted in the record's `problems` and listed in `productsWithoutCPE`.
    public func cveRecords() -> [CVERecord] {
        vulnerabilities.compactMap { vulnerability -> CVERecord? in
            guard let id = vulnerability.cve.map(CVERecord.trimmed), CVERecord.isValidID(id) else {
                return nil
            }
            var record = CVERecord(id: id, description: vulnerability.summary,
                                   published: vulnerability.releaseDate ?? initialRelease, lastModified: currentRelease,
                                   metrics: vulnerability.metrics)
            if let cwe = vulnerability.cwe { record.addWeakness(cwe) }
            for url in vulnerability.references + references { record.addReference(url) }
            var criteria: [CPEMatchCriterion] = []
            var withoutCPE: [String] = []
            for productID in vulnerability.knownAffected {
                guard let cpe = products[productID]?.cpe else {
                    withoutCPE.append(products[productID]?.name ?? productID)
                    continue
                }
                let criterion = CPEMatchCriterion(criteria: cpe, vulnerable: true)
                if !criteria.contains(criterion) { criteria.append(criterion) }
            }
            if !criteria.isEmpty {
                record.configurations = [CPEConfiguration(nodes: [CPEConfiguration.Node(criteria: criteria)])]
            }
            if !withoutCPE.isEmpty {
                record.problems.append("\(withoutCPE.count) affected product(s) without a CPE name cannot be matched: "
                    + withoutCPE.prefix(5).joined(separator: "; ") + (withoutCPE.count > 5 ? "; …" : ""))
            }
            return record
        }
    }

    /// The names of the known-affected products (of any vulnerability) that have no CPE name and so cannot be
    /// matched against assets, in document order, without repeats.
    public var productsWithoutCPE: [String] {
        var seen = Set<String>()
        var names: [String] = []
        for vulnerability in vulnerabilities {
            for productID in vulnerability.knownAffected where products[productID]?.cpe == nil {
                guard seen.insert(productID).inserted else { continue }
                names.append(products[productID]?.name ?? productID)
            }
        }
        return names
    }
}
