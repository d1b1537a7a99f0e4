/// The longest text each kind of input field accepts, and the most entries a list from input may have: one place
/// for every input of the API, the web forms and the CSV imports. Lengths count Unicode scalars, so a text cannot
/// slip past its limit as a few huge grapheme clusters (combining marks stacked on one letter).
///
/// Checked with `TextLimitCheck`; an input over a limit is refused (422) naming the field, before anything is
/// stored or parsed further.
public enum TextLimit {
    /// Codes and keys (unit codes, template keys, statuses, kinds, time zones, times of day): 64.
    public static let code = 64
    /// Names of people, units, contacts, systems, assets, monitors, webhooks, tokens; job titles: 200.
    public static let name = 200
    /// Titles of incidents, campaigns, checklist items, advisories: 300.
    public static let title = 300
    /// An e-mail address (the longest path RFC 5321 allows): 254.
    public static let email = 254
    /// A telephone number or hotline: 40.
    public static let phone = 40
    /// A host name (RFC 1035: 253) or an IP address: 253.
    public static let host = 253
    /// A URL or a monitor's target: 2048.
    public static let url = 2048
    /// A one-line text (an address, an organisation, a vendor, a version, a reason, a CPE name): 500.
    public static let line = 500
    /// A short note (a duty shift's note): 1,000.
    public static let shortNote = 1_000
    /// A note or description (a contact's note, a checklist item's detail, an answer's note, a task's note): 10,000.
    public static let note = 10_000
    /// A long text (an advisory's body, an incident update, a notice to VNCERT/CC, text to extract observables from): 20,000.
    public static let text = 20_000
    /// A whole document pasted in (a campaign's directive): 100,000.
    public static let document = 100_000
    /// A password (bcrypt reads only its first 72 bytes): 200.
    public static let password = 200
    /// The most entries in a list from input (roles, people, domains, addresses, CVEs, CPE patterns, checklist
    /// items): 100.
    public static let listEntries = 100

    /// The length of `text` as these limits count it: Unicode scalars.
    public static func length(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.count
    }

    /// Whether `text` is at most `limit` Unicode scalars long; constant time when its UTF-8 size already shows it.
    public static func fits(_ text: some StringProtocol, _ limit: Int) -> Bool {
        text.utf8.count <= limit || text.unicodeScalars.count <= limit
    }
}
