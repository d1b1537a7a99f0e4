/// One vulnerability of CISA's Known Exploited Vulnerabilities catalog.
public struct KEVEntry: Sendable, Hashable, Codable {
    /// "CVE-2021-44228".
    public var cveID: String
    public var vendorProject: String
    public var product: String
    public var vulnerabilityName: String
    /// When CISA added it to the catalog.
    public var dateAdded: LocalDay
    public var shortDescription: String
    public var requiredAction: String
    /// When US federal agencies must have acted (absent in a few old entries of other catalog versions).
    public var dueDate: LocalDay?
    /// The catalog's "Known" (used in ransomware campaigns); "Unknown" is `false`.
    public var knownRansomwareCampaignUse: Bool
    public var notes: String
    /// CWE ids such as "CWE-502".
    public var cwes: [String]

    public init(cveID: String, vendorProject: String = "", product: String = "", vulnerabilityName: String = "",
                dateAdded: LocalDay, shortDescription: String = "", requiredAction: String = "",
                dueDate: LocalDay? = nil, knownRansomwareCampaignUse: Bool = false, notes: String = "",
                cwes: [String] = []) {
        self.cveID = cveID
        self.vendorProject = vendorProject
        self.product = product
        self.vulnerabilityName = vulnerabilityName
        self.dateAdded = dateAdded
        self.shortDescription = shortDescription
        self.requiredAction = requiredAction
        self.dueDate = dueDate
        self.knownRansomwareCampaignUse = knownRansomwareCampaignUse
        self.notes = notes
        self.cwes = cwes
    }
}
