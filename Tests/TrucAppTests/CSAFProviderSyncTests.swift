import Fluent
import Foundation
import Testing
import TrucCore
import TrucNet
import TrucTestSupport
@testable import TrucApp

/// Syncing CSAF 2.0 providers from a fake provider on loopback: ROLIE feeds and changes.csv, hash checks, the
/// cursor, and OpenPGP signatures checked with gpgv.
@Suite struct CSAFProviderSyncTests {
    typealias Outcome = CSAFDocumentOutcome

    /// Runs one sync of `provider` from `cursor`.
    static func sync(_ w: TestWorld, _ provider: FakeCSAFProvider, cursor: CSAFSyncCursor = CSAFSyncCursor(),
                     verifier: (any CSAFSignatureVerifying)? = nil) async throws -> CSAFProviderSync.Result {
        let (fetcher, clients) = try CSAFFixture.fetcher()
        do {
            let result = try await CSAFProviderSync.runDetailed(metadataURL: provider.metadataURL, cursor: cursor, fetcher: fetcher,
                                                                verifier: verifier, on: w.db, zone: w.app.config.timeZone)
            try await clients.shutdown()
            return result
        } catch {
            try? await clients.shutdown()
            throw error
        }
    }

    static func known(_ cve: String, _ w: TestWorld) async throws -> Bool {
        try await Vulnerability.find(cve, on: w.db) != nil
    }

    static func state(_ result: CSAFProviderSync.Result, _ suffix: String) -> Outcome.State? {
        result.outcomes.first { $0.url.hasSuffix(suffix) }?.state
    }

    @Test(arguments: TestDatabase.available)
    func rolieFeedImportsTheDocumentsAndRefusesAHashMismatch(_ db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let provider = try await FakeCSAFProvider.start()
            provider.metadata()
            provider.document("/csaf/white/2024/bsi-2022-0001.json", try CSAFFixture.data("bsi-2022-0001.json"))
            provider.document("/csaf/white/2024/va-24-254-01.json", try CSAFFixture.data("va-24-254-01.json"))
            provider.set("/csaf/white/2024/tampered.json", bytes: CSAFFixture.tiny("FAKE-2024-1", cve: "CVE-2024-99991"))
            provider.set("/csaf/white/2024/tampered.json.sha256", text: String(repeating: "0", count: 64) + "  tampered.json\n")
            provider.feed([("/csaf/white/2024/bsi-2022-0001.json", "2024-01-10T00:00:00Z"),
                           ("/csaf/white/2024/va-24-254-01.json", "2024-01-11T00:00:00Z"),
                           ("/csaf/white/2024/tampered.json", "2024-01-12T00:00:00Z")])
            let first = try await Self.sync(w, provider)
            #expect(Self.state(first, "bsi-2022-0001.json") == .imported(.none))
            #expect(Self.state(first, "va-24-254-01.json") == .imported(.none))
            guard case .refused(let reason) = Self.state(first, "tampered.json") else {
                Issue.record("the tampered document was not refused: \(first.outcomes)")
                return
            }
            #expect(reason.contains("does not match"))
            #expect(try await Self.known("CVE-2022-27193", w))
            #expect(try await Self.known("CVE-2024-45075", w))
            #expect(try await !Self.known("CVE-2024-99991", w), "nothing of a refused document is stored")
            #expect(first.tally.created == 4)
            #expect(first.tally.skipped == 1)
            #expect(first.tally.notes.contains { $0.contains("tampered.json refused") })
            #expect(first.tally.httpCalls == provider.paths.count, "every HTTP call is counted")
            #expect(first.tally.bytes > 16_000)
            #expect(!provider.paths.contains("/.well-known/csaf/feed-red.json"), "a TLP:RED feed is not read")
            #expect(!provider.paths.contains { $0.hasSuffix(".asc") }, "a provider without keys: no signature fetched")

            // Nothing changed: the feed is read again, no document.
            let before = provider.paths.count
            let second = try await Self.sync(w, provider, cursor: first.cursor)
            #expect(Array(provider.paths.dropFirst(before)) == ["/.well-known/csaf/provider-metadata.json", "/.well-known/csaf/feed-white.json"])
            #expect(second.outcomes.isEmpty)
            #expect(second.tally.created == 0 && second.tally.updated == 0)

            // One entry's time changes: only that document is fetched again.
            provider.feed([("/csaf/white/2024/bsi-2022-0001.json", "2024-02-01T00:00:00Z"),
                           ("/csaf/white/2024/va-24-254-01.json", "2024-01-11T00:00:00Z"),
                           ("/csaf/white/2024/tampered.json", "2024-01-12T00:00:00Z")])
            let middle = provider.paths.count
            let third = try await Self.sync(w, provider, cursor: second.cursor)
            let documents = provider.paths.dropFirst(middle).filter { $0.hasPrefix("/csaf/") }
            #expect(documents == ["/csaf/white/2024/bsi-2022-0001.json", "/csaf/white/2024/bsi-2022-0001.json.sha256"])
            #expect(third.tally.unchanged == 1, "the same content again: its CVE is unchanged")

            // The cursor survives JSON, as the lead stores it.
            let json = try JSONEncoder().encode(third.cursor)
            #expect(try JSONDecoder().decode(CSAFSyncCursor.self, from: json) == third.cursor)
            await provider.stop()
        }
    }

    @Test(arguments: TestDatabase.available)
    func directoryChangesCSVIsFollowed(_ db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let provider = try await FakeCSAFProvider.start()
            provider.metadata(directory: true)
            provider.document("/white/2024/bsi-2022-0001.json", try CSAFFixture.data("bsi-2022-0001.json"))
            provider.document("/white/2024/va-24-254-01.json", try CSAFFixture.data("va-24-254-01.json"), sha256: false, sha512: true)
            provider.document("/white/2024/nohash.json", CSAFFixture.tiny("FAKE-2024-2", cve: "CVE-2024-99992"), sha256: false)
            provider.set("/white/changes.csv", text: """
            "2024/nohash.json","2024-01-12T00:00:00Z"
            "2024/va-24-254-01.json","2024-01-11T00:00:00Z"
            "2024/bsi-2022-0001.json","2024-01-10T00:00:00Z"
            "../outside.json","2024-01-13T00:00:00Z"

            """)
            let first = try await Self.sync(w, provider)
            #expect(Self.state(first, "bsi-2022-0001.json") == .imported(.none))
            #expect(Self.state(first, "va-24-254-01.json") == .imported(.none), "the .sha512 when there is no .sha256")
            #expect(Self.state(first, "nohash.json") == .refused("no .sha256 or .sha512 file"))
            #expect(try await Self.known("CVE-2022-27193", w))
            #expect(try await Self.known("CVE-2024-45074", w))
            #expect(try await !Self.known("CVE-2024-99992", w))
            #expect(first.tally.skipped == 2, "the refused document and the line outside the directory")
            #expect(!provider.paths.contains("/outside.json"))

            let before = provider.paths.count
            provider.set("/white/changes.csv", text: """
            "2024/new.json","2024-03-01T00:00:00Z"
            "2024/nohash.json","2024-01-12T00:00:00Z"
            "2024/va-24-254-01.json","2024-01-11T00:00:00Z"
            "2024/bsi-2022-0001.json","2024-01-10T00:00:00Z"
            """)
            provider.document("/white/2024/new.json", CSAFFixture.tiny("FAKE-2024-3", cve: "CVE-2024-99993"))
            let second = try await Self.sync(w, provider, cursor: first.cursor)
            #expect(provider.paths.dropFirst(before).filter { $0.hasPrefix("/white/2024/") } == ["/white/2024/new.json", "/white/2024/new.json.sha256"])
            #expect(second.outcomes.map(\.state) == [.imported(.none)])
            #expect(try await Self.known("CVE-2024-99993", w))
            await provider.stop()
        }
    }

    @Test(arguments: TestDatabase.available)
    func aFailingMetadataFetchIsAClearError(_ db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let provider = try await FakeCSAFProvider.start()
            await #expect(throws: CSAFSyncError.metadata("HTTP 404")) { try await Self.sync(w, provider) }
            provider.set("/.well-known/csaf/provider-metadata.json", text: "<html>Welcome</html>")
            await #expect(throws: CSAFSyncError.metadata("the provider metadata is not valid: not JSON")) { try await Self.sync(w, provider) }
            provider.metadata()
            await #expect(throws: CSAFSyncError.listing("\(provider.url("/.well-known/csaf/feed-white.json").absoluteString): HTTP 404")) {
                try await Self.sync(w, provider)
            }
            // A document that cannot be fetched does not stop the others and is tried again next time.
            provider.document("/csaf/a.json", CSAFFixture.tiny("FAKE-A", cve: "CVE-2024-99994"))
            provider.set("/csaf/b.json", FeedReply(status: 503, text: "busy"))
            provider.feed([("/csaf/b.json", "2024-01-01T00:00:00Z"), ("/csaf/a.json", "2024-01-02T00:00:00Z")])
            let first = try await Self.sync(w, provider)
            #expect(Self.state(first, "/csaf/a.json") == .imported(.none))
            #expect(Self.state(first, "/csaf/b.json") == .failed("HTTP 503"))
            provider.document("/csaf/b.json", CSAFFixture.tiny("FAKE-B", cve: "CVE-2024-99995"))
            let second = try await Self.sync(w, provider, cursor: first.cursor)
            #expect(second.outcomes.map(\.url) == [provider.url("/csaf/b.json").absoluteString])
            #expect(try await Self.known("CVE-2024-99995", w))
            await provider.stop()
        }
    }

    /// A provider with the test key: a good signature, a bad one (a signature of other content).
    static func signedProvider(fingerprint: String?) async throws -> FakeCSAFProvider {
        let provider = try await FakeCSAFProvider.start()
        provider.metadata(keys: [("/.well-known/csaf/openpgp/key.asc", fingerprint)])
        provider.set("/.well-known/csaf/openpgp/key.asc", bytes: try CSAFFixture.data("provider-key.asc"))
        for name in ["bsi-2022-0001.json", "va-24-254-01.json"] {
            provider.document("/csaf/\(name)", try CSAFFixture.data(name))
            provider.set("/csaf/\(name).asc", bytes: try CSAFFixture.data("\(name).asc"))
        }
        provider.feed([("/csaf/bsi-2022-0001.json", "2024-01-10T00:00:00Z"), ("/csaf/va-24-254-01.json", "2024-01-11T00:00:00Z")])
        return provider
    }

    @Test(.enabled(if: CSAFFixture.gpgvPresent, "needs Debian's gpgv at /usr/bin/gpgv (apt-get install gpgv)"),
          arguments: TestDatabase.available)
    func signaturesAreCheckedWithGPGV(_ db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let provider = try await Self.signedProvider(fingerprint: try CSAFFixture.fingerprint)
            let result = try await Self.sync(w, provider, verifier: GPGVVerifier())
            #expect(Self.state(result, "bsi-2022-0001.json") == .imported(.verified))
            #expect(Self.state(result, "va-24-254-01.json") == .refused("bad signature"))
            #expect(try await Self.known("CVE-2022-27193", w))
            #expect(try await !Self.known("CVE-2024-45075", w), "nothing of a badly signed document is stored")
            #expect(provider.paths.filter { $0.hasSuffix("key.asc") }.count == 1, "the key is fetched once a run")
            await provider.stop()
        }
    }

    @Test(.enabled(if: CSAFFixture.gpgvPresent, "needs Debian's gpgv at /usr/bin/gpgv (apt-get install gpgv)"),
          arguments: TestDatabase.available)
    func aGoodSignatureByAnUnlistedKeyIsRefused(_ db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let provider = try await Self.signedProvider(fingerprint: String(repeating: "AB", count: 20))
            let result = try await Self.sync(w, provider, verifier: GPGVVerifier())
            guard case .refused(let reason) = Self.state(result, "bsi-2022-0001.json") else {
                Issue.record("not refused: \(result.outcomes)")
                return
            }
            #expect(reason.contains("does not list"))
            await provider.stop()
        }
    }

    @Test(arguments: TestDatabase.available)
    func withoutGPGVOrKeyDocumentsAreMarkedUnchecked(_ db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let provider = try await Self.signedProvider(fingerprint: nil)
            let absent = try await Self.sync(w, provider, verifier: GPGVVerifier(path: "/nonexistent/gpgv"))
            #expect(absent.outcomes.map(\.state) == [.imported(.unchecked), .imported(.unchecked)])
            #expect(absent.tally.notes.contains { $0.contains("marked unchecked") })
            let none = try await Self.sync(w, provider, verifier: nil)
            #expect(none.outcomes.map(\.state) == [.imported(.unchecked), .imported(.unchecked)])
            #expect(none.tally.notes.contains { $0.contains("gpgv is not installed") })
            provider.set("/.well-known/csaf/openpgp/key.asc", nil)
            let noKey = try await Self.sync(w, provider, verifier: GPGVVerifier())
            #expect(noKey.outcomes.map(\.state) == [.imported(.unchecked), .imported(.unchecked)])
            #expect(noKey.tally.notes.contains { $0.contains("no OpenPGP key") })
            await provider.stop()
        }
    }

    @Test func gpgvStatusLinesAreInterpreted() {
        let good = """
        [GNUPG:] NEWSIG
        [GNUPG:] GOODSIG 58B55491BE687A00 Test
        [GNUPG:] VALIDSIG 52D6F8F2152CFD7E47B34DA958B55491BE687A00 2026-12-07 1796626700 0 4 0 22 8 00 52D6F8F2152CFD7E47B34DA958B55491BE687A00
        """
        #expect(GPGVVerifier.interpret(status: 0, statusLines: good) == .good(fingerprint: "52D6F8F2152CFD7E47B34DA958B55491BE687A00"))
        #expect(GPGVVerifier.interpret(status: 1, statusLines: "[GNUPG:] BADSIG 58B55491BE687A00 Test") == .bad("bad signature"))
        #expect(GPGVVerifier.interpret(status: 2, statusLines: "[GNUPG:] ERRSIG 1 22 8 00 1 9\n[GNUPG:] NO_PUBKEY 58B55491BE687A00")
                == .bad("signed with a key the provider does not publish"))
        #expect(GPGVVerifier.interpret(status: 0, statusLines: "") == .bad("gpgv refused the signature (exit status 0)"))
    }
}
