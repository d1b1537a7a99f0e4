/// One thing whose failed sign-ins are counted. Accounts are named by the e-mail as typed (trimmed, lower case),
/// whether or not such an account exists, so throttling answers the same for unknown e-mails.
public enum ThrottleBucket: Hashable, Sendable {
    /// Every sign-in from one client address (an IPv6 client counts by its /64).
    case source(String)
    /// One account from one address.
    case accountAndSource(account: String, source: String)
    /// One account from one browser that signed in to it before (the device cookie's token).
    case accountAndDevice(account: String, device: String)
    /// One account from every address it has not signed in from before.
    case account(String)
    /// Two-factor codes (and passwords asked again) for one person, from anywhere.
    case secondFactor(String)

    /// The text stored (hashed) as the counter's key.
    public var key: String {
        switch self {
        case let .source(source): "source|\(source)"
        case let .accountAndSource(account, source): "account+source|\(account)|\(source)"
        case let .accountAndDevice(account, device): "account+device|\(account)|\(device)"
        case let .account(account): "account|\(account)"
        case let .secondFactor(person): "second-factor|\(person)"
        }
    }

    /// Whether a successful sign-in forgets the bucket's failures: those of the person's own address or browser.
    /// Shared buckets (an address, an account from anywhere) only get the successful attempt back.
    public var resetsOnSuccess: Bool {
        switch self {
        case .accountAndSource, .accountAndDevice: true
        case .source, .account, .secondFactor: false
        }
    }
}
