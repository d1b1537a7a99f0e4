import Foundation

/// A knowledge source that Trực ATTT keeps current by itself.
public enum FeedSourceKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// NVD CVE API 2.0.
    case nvd
    /// CISA Known Exploited Vulnerabilities catalog (JSON).
    case kev
    /// FIRST EPSS daily scores (CSV, gzip).
    case epss
    /// A CSAF 2.0 provider (by its `provider-metadata.json`); there may be any number.
    case csaf

    /// The address used when none is configured (nil for CSAF providers: each has its own).
    public var defaultURL: String? {
        switch self {
        case .nvd: "https://services.nvd.nist.gov/rest/json/cves/2.0"
        case .kev: "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"
        case .epss: "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz"
        case .csaf: nil
        }
    }

    /// Minutes between two runs by default: NVD every 2 hours (it asks clients not to poll more often than every
    /// 2 hours), KEV every 6 hours (a conditional GET costs nothing when unchanged), EPSS and CSAF once a day.
    public var defaultIntervalMinutes: Int {
        switch self {
        case .nvd: 120
        case .kev: 360
        case .epss: 1440
        case .csaf: 1440
        }
    }

    /// Whether several sources of this kind may exist.
    public var allowsMany: Bool { self == .csaf }

    /// Whether the source uses an API key (NVD only).
    public var takesAPIKey: Bool { self == .nvd }

    public var vietnamese: String {
        switch self {
        case .nvd: "NVD CVE API 2.0"
        case .kev: "CISA KEV"
        case .epss: "FIRST EPSS"
        case .csaf: "Nhà cung cấp CSAF"
        }
    }

    public var english: String {
        switch self {
        case .nvd: "NVD CVE API 2.0"
        case .kev: "CISA KEV"
        case .epss: "FIRST EPSS"
        case .csaf: "CSAF provider"
        }
    }
}
