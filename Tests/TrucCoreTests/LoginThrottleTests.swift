import Foundation
import Testing
@testable import TrucCore

@Suite("Sign-in throttling")
struct LoginThrottleTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let throttle = LoginThrottle(maxFailures: 5, maxWait: 900)

    /// A small in-memory store driven like the app drives the database: check every counter, then charge each.
    struct Simulation {
        let throttle: LoginThrottle
        var counters: [ThrottleBucket: ThrottleCounter] = [:]
        var knownSources: Set<String> = []

        /// Tries a password; returns the wait (seconds) when refused without a check, nil when it was checked.
        mutating func attempt(account: String, from source: String, device: String? = nil, succeeds: Bool, at now: Date) -> Int? {
            let familiarity: LoginThrottle.Familiarity = device.map { .knownDevice($0) }
                ?? (knownSources.contains("\(account)|\(source)") ? .knownSource : .unfamiliar)
            let buckets = throttle.buckets(account: account, source: source, familiarity: familiarity)
            var current: [ThrottleBucket: ThrottleCounter] = [:]
            for bucket in buckets { current[bucket] = counters[bucket] }
            if let wait = throttle.wait(current, at: now) { return wait }
            for bucket in buckets {
                counters[bucket] = ThrottleCounter.charging(counters[bucket], at: now, limit: throttle.limit(for: bucket))
            }
            if succeeds {
                for bucket in buckets {
                    counters[bucket] = bucket.resetsOnSuccess ? nil : counters[bucket]?.refunded(limit: throttle.limit(for: bucket))
                }
                knownSources.insert("\(account)|\(source)")
            }
            return nil
        }
    }

    @Test func waitsStartAfterTheFreeFailuresAndDouble() {
        let limit = throttle.perAccountAndSource
        #expect((1...4).map { limit.delay(afterFailures: $0) } == [nil, nil, nil, nil])
        #expect((5...10).map { limit.delay(afterFailures: $0) } == [30, 60, 120, 240, 480, 900])
        #expect(limit.delay(afterFailures: 10_000) == 900)

        var sim = Simulation(throttle: throttle)
        var now = t0
        for _ in 1...5 { #expect(sim.attempt(account: "a@x.vn", from: "198.51.100.7", succeeds: false, at: now) == nil) }
        #expect(sim.attempt(account: "a@x.vn", from: "198.51.100.7", succeeds: false, at: now) == 30)
        now += 30
        #expect(sim.attempt(account: "a@x.vn", from: "198.51.100.7", succeeds: false, at: now) == nil)
        #expect(sim.attempt(account: "a@x.vn", from: "198.51.100.7", succeeds: false, at: now.addingTimeInterval(1)) == 59)
        now += 60
        #expect(sim.attempt(account: "a@x.vn", from: "198.51.100.7", succeeds: false, at: now) == nil)
        #expect(sim.attempt(account: "a@x.vn", from: "198.51.100.7", succeeds: false, at: now) == 120)
    }

    @Test func refusedAttemptsDoNotMakeTheWaitLonger() {
        var sim = Simulation(throttle: throttle)
        for _ in 1...5 { _ = sim.attempt(account: "a@x.vn", from: "198.51.100.7", succeeds: false, at: t0) }
        for second in 0..<30 {
            #expect(sim.attempt(account: "a@x.vn", from: "198.51.100.7", succeeds: false, at: t0 + Double(second)) == 30 - second)
        }
        #expect(sim.attempt(account: "a@x.vn", from: "198.51.100.7", succeeds: true, at: t0 + 30) == nil)
    }

    @Test func anAttackerFromOneAddressDoesNotBlockTheRealPersonFromTheirs() {
        var sim = Simulation(throttle: throttle)
        // The coordinator signed in from the office before.
        #expect(sim.attempt(account: "coord@x.vn", from: "203.0.113.10", succeeds: true, at: t0) == nil)
        // An attacker hammers the account for a day (every 5 s) from elsewhere; they are slowed to one guess per 15 minutes.
        var now = t0
        var checked = 0
        for _ in 0..<17_280 {
            now += 5
            if sim.attempt(account: "coord@x.vn", from: "198.51.100.66", succeeds: false, at: now) == nil { checked += 1 }
        }
        #expect(checked <= 10 + 96 + 1, "about one guess per 15 minutes once slowed: \(checked)")
        // The coordinator, from the office, signs in at once — with a typo first.
        #expect(sim.attempt(account: "coord@x.vn", from: "203.0.113.10", succeeds: false, at: now) == nil)
        #expect(sim.attempt(account: "coord@x.vn", from: "203.0.113.10", succeeds: true, at: now) == nil)
        // From a browser with a device cookie, even from the attacker's own address, too.
        #expect(sim.attempt(account: "coord@x.vn", from: "198.51.100.66", device: "d1", succeeds: true, at: now) == nil)
    }

    @Test func aSpreadOutAttackOnOneAccountIsSlowedButKnownAddressesAreNot() {
        var sim = Simulation(throttle: throttle)
        _ = sim.attempt(account: "coord@x.vn", from: "203.0.113.10", succeeds: true, at: t0)
        // Ten addresses, a few guesses each: the account-wide counter (10 free) starts the waits.
        var refused = 0
        for n in 0..<10 {
            for _ in 0..<3 where sim.attempt(account: "coord@x.vn", from: "198.51.100.\(n)", succeeds: false, at: t0 + 1) != nil {
                refused += 1
            }
        }
        #expect(refused == 20)
        #expect(sim.attempt(account: "coord@x.vn", from: "192.0.2.200", succeeds: true, at: t0 + 2) != nil,
                "a new address waits too")
        #expect(sim.attempt(account: "coord@x.vn", from: "203.0.113.10", succeeds: true, at: t0 + 2) == nil,
                "the known address does not")
    }

    @Test func oneAddressSprayingManyAccountsIsSlowed() {
        var sim = Simulation(throttle: throttle)
        var checked = 0
        for n in 0..<100 where sim.attempt(account: "user\(n)@x.vn", from: "198.51.100.9", succeeds: false, at: t0) == nil {
            checked += 1
        }
        #expect(checked == 20)
        #expect(sim.attempt(account: "someone@x.vn", from: "198.51.100.10", succeeds: false, at: t0) == nil)
    }

    @Test func unknownAndKnownAccountsAreThrottledAlike() {
        var sim = Simulation(throttle: throttle)
        let waits = ["real@x.vn", "nobody@x.vn"].map { account in
            (0..<8).map { i in sim.attempt(account: account, from: "198.51.100.\(account.count)", succeeds: false, at: t0 + Double(i)) }
        }
        #expect(waits[0] == waits[1])
    }

    @Test func countersAreForgottenAfterAQuietHour() {
        let limit = throttle.perAccountAndSource
        var counter: ThrottleCounter?
        for i in 0..<5 { counter = ThrottleCounter.charging(counter, at: t0 + Double(i), limit: limit) }
        let full = try! #require(counter)
        #expect(full.failures == 5)
        #expect(full.wait(at: t0 + 10, limit: limit) == 24)
        #expect(!full.isExpired(at: t0 + 3000, limit: limit))
        #expect(full.isExpired(at: t0 + 4 + 3600, limit: limit))
        let fresh = ThrottleCounter.charging(full, at: t0 + 4 + 3600, limit: limit)
        #expect(fresh.failures == 1)
        #expect(fresh.windowStart == t0 + 4 + 3600)
        #expect(fresh.wait(at: t0 + 4 + 3600, limit: limit) == nil)
    }

    @Test func aLongMaximumWaitStretchesTheMemory() {
        let long = LoginThrottle(maxFailures: 3, maxWait: 7200)
        #expect(long.perSource.forgetAfter == 14_400)
        #expect(long.perSource.freeFailures == 12)
        #expect(long.perAccount.freeFailures == 6)
        #expect(long.secondFactor.freeFailures == 3)
    }

    @Test func refundsLiftAWaitTheSuccessfulAttemptSet() {
        let limit = throttle.perSource
        var counter: ThrottleCounter?
        for i in 0..<20 { counter = ThrottleCounter.charging(counter, at: t0 + Double(i), limit: limit) }
        #expect(counter?.wait(at: t0 + 20, limit: limit) != nil)
        let refunded = counter?.refunded(limit: limit)
        #expect(refunded?.failures == 19)
        #expect(refunded?.wait(at: t0 + 20, limit: limit) == nil)
        #expect(ThrottleCounter.charging(nil, at: t0, limit: limit).refunded(limit: limit) == nil)
    }

    @Test func accountsAreNamedAsStored() {
        #expect(LoginThrottle.account("  Coord@X.vn \n") == "coord@x.vn")
        #expect(ThrottleBucket.accountAndSource(account: "a", source: "b").key == "account+source|a|b")
        #expect(ThrottleBucket.source("b").resetsOnSuccess == false)
        #expect(ThrottleBucket.accountAndDevice(account: "a", device: "d").resetsOnSuccess)
    }

    @Test func trustedProxiesNameTheClient() throws {
        let proxies = try TrustedProxies(parsing: "127.0.0.1, 10.0.0.0/8, fd00::/8")
        #expect(proxies.contains("10.20.30.40"))
        #expect(proxies.contains("::ffff:10.1.2.3"))
        #expect(proxies.contains("fd12::1"))
        #expect(!proxies.contains("11.0.0.1"))
        // Not from a proxy: the header is ignored.
        #expect(proxies.client(peer: "198.51.100.1", forwardedFor: ["203.0.113.9"]) == "198.51.100.1")
        // Through two proxies: the first address that is not a proxy, from the right.
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["6.6.6.6, 203.0.113.9", "10.0.0.5"]) == "203.0.113.9")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["[2001:db8::7]:4431"]) == "2001:db8::7")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["192.0.2.4:5555"]) == "192.0.2.4")
        // No header, or junk in it: the last proxy it came through.
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["evil, 10.0.0.5"]) == "10.0.0.5")
        #expect(TrustedProxies.none.client(peer: "127.0.0.1", forwardedFor: ["203.0.113.9"]) == "127.0.0.1")
        for bad in ["10.0.0.0/33", "example.org", "10.0.0.1/", "::1/129", "10.0.0.0/+8"] {
            #expect(throws: TrustedProxiesError.self) { try TrustedProxies(parsing: bad) }
        }
    }

    @Test func throttlingCountsIPv6ByItsNetwork() {
        #expect(TrustedProxies.throttleKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64")
        #expect(TrustedProxies.throttleKey("2001:db8:1:2::9") == "2001:db8:1:2::/64")
        #expect(TrustedProxies.throttleKey("::ffff:192.0.2.1") == "192.0.2.1")
        #expect(TrustedProxies.throttleKey("192.0.2.1") == "192.0.2.1")
        #expect(TrustedProxies.throttleKey("unknown") == "unknown")
    }
}
