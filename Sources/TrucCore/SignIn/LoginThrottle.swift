import Foundation

/// Which counters a sign-in attempt is held to, and their limits. The aim is to slow an attacker down without
/// locking the real person out:
///
/// - From a browser that signed in to the account before (device cookie), only that account-and-browser counter
///   applies: an attacker elsewhere, even behind the same address, cannot make the real person wait.
/// - From an address the account signed in from before, only the account-and-address counter applies.
/// - From anywhere else, three counters apply: the address (all accounts), the account from that address, and the
///   account from every unfamiliar address together — a softer limit (twice the free failures) that slows a
///   spread-out attack on one account.
///
/// Nothing ever locks: after the free failures each further attempt waits, 30 s doubling up to `maxWait`.
public struct LoginThrottle: Sendable, Equatable {
    public enum Familiarity: Sendable, Equatable {
        /// A browser that signed in to this account before; its device token.
        case knownDevice(String)
        /// An address this account signed in from before.
        case knownSource
        case unfamiliar
    }

    public var perAccountAndSource: ThrottleLimit
    public var perSource: ThrottleLimit
    public var perAccount: ThrottleLimit
    public var secondFactor: ThrottleLimit

    /// `maxFailures`: failures of one account from one address (or browser) before attempts must wait; an address
    /// gets four times as many over all accounts, an account twice as many over all unfamiliar addresses, and a
    /// person as many two-factor codes. `maxWait`: the longest wait, in seconds. Counters are forgotten after an
    /// hour without failures, or twice `maxWait` if that is longer.
    public init(maxFailures: Int = 5, maxWait: TimeInterval = 900, firstDelay: TimeInterval = 30) {
        let forget = max(3600, 2 * maxWait)
        func limit(_ free: Int) -> ThrottleLimit {
            ThrottleLimit(freeFailures: free, firstDelay: firstDelay, maxDelay: maxWait, forgetAfter: forget)
        }
        perAccountAndSource = limit(maxFailures)
        perSource = limit(4 * maxFailures)
        perAccount = limit(2 * maxFailures)
        secondFactor = limit(maxFailures)
    }

    /// The counters a password attempt for `account` from `source` is held to.
    public func buckets(account: String, source: String, familiarity: Familiarity) -> [ThrottleBucket] {
        switch familiarity {
        case let .knownDevice(device): [.accountAndDevice(account: account, device: device)]
        case .knownSource: [.accountAndSource(account: account, source: source)]
        case .unfamiliar: [.source(source), .accountAndSource(account: account, source: source), .account(account)]
        }
    }

    public func limit(for bucket: ThrottleBucket) -> ThrottleLimit {
        switch bucket {
        case .source: perSource
        case .accountAndSource, .accountAndDevice: perAccountAndSource
        case .account: perAccount
        case .secondFactor: secondFactor
        }
    }

    /// The longest wait any of `counters` imposes at `now`, in whole seconds (rounded up); nil when the attempt
    /// may go ahead.
    public func wait(_ counters: [ThrottleBucket: ThrottleCounter], at now: Date) -> Int? {
        let waits = counters.compactMap { bucket, counter in counter.wait(at: now, limit: limit(for: bucket)) }
        return waits.max().map { Int($0.rounded(.up)) }.map { max($0, 1) }
    }

    /// The normalised account name of a typed e-mail: trimmed and lower case, as accounts are stored.
    public static func account(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
