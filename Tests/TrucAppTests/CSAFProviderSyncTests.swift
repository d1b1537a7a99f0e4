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
                     verifier: (any CSAFSignatureVerifying)? = nil, metadataURL: URL? = nil,
                     options: CSAFProviderSync.Options = .standard) async throws -> CSAFProviderSync.Result {
        let (fetcher, clients) = try CSAFFixture.fetcher()
        do {
            let result = try await CSAFProviderSync.runDetailed(metadataURL: metadataURL ?? provider.metadataURL, cursor: cursor,
                                                                fetcher: fetcher, verifier: verifier, on: w.db,
                                                                zone: w.app.config.timeZone, options: options)
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

    /// What the document `trackingID` stored for `cve`.
    static func contribution(_ cve: String, _ trackingID: String, _ w: TestWorld) async throws -> CSAFContribution? {
        guard let vulnerability = try await Vulnerability.find(cve, on: w.db) else { return nil }
        return CSAFContribution.decode(vulnerability.csafJSON)[trackingID]
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
            let stored = try await Self.contribution("CVE-2022-27193", "BSI-2022-0001", w)
            #expect(stored?.sourceURL == provider.url("/csaf/white/2024/bsi-2022-0001.json").absoluteString)
            #expect(stored?.signature == nil, "a provider without keys: no signature mark")
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

    @Test(arguments: TestDatabase.available)
    func hostileInputGivesAClearErrorAndStoresNothing(_ db: TestDatabase) async throws {
        try await withWorld(db) { w in
            let provider = try await FakeCSAFProvider.start()
            // Another scheme for the metadata itself: refused before any request.
            await #expect(throws: CSAFSyncError.metadata("not an http(s) URL")) {
                try await Self.sync(w, provider, metadataURL: URL(fileURLWithPath: "/etc/passwd"))
            }
            #expect(provider.paths.isEmpty)
            // Huge metadata: the fetch stops at the limit.
            provider.set("/.well-known/csaf/provider-metadata.json",
                         FeedReply(body: Array(repeating: UInt8(ascii: " "), count: CSAFProviderMetadata.maxBytes + 10)))
            await #expect(throws: CSAFSyncError.metadata("the answer is larger than \(CSAFProviderMetadata.maxBytes) bytes")) {
                try await Self.sync(w, provider)
            }
            // JSON of the wrong shape.
            provider.set("/.well-known/csaf/provider-metadata.json", FeedReply.json(#"{"publisher": "x", "distributions": 3}"#))
            await #expect(throws: CSAFSyncError.metadata("the provider metadata is not valid: no publisher.name")) {
                try await Self.sync(w, provider)
            }
            // Feeds and directories at other schemes: left out, nothing else requested.
            provider.set("/.well-known/csaf/provider-metadata.json", FeedReply.json("""
            {"publisher": {"name": "Hostile"}, "distributions": [{"directory_url": "ftp://127.0.0.1/white/"},
              {"rolie": {"feeds": [{"tlp_label": "WHITE", "url": "file:///etc/passwd"}]}}]}
            """))
            let before = provider.paths.count
            await #expect(throws: CSAFSyncError.metadata("no TLP:WHITE/CLEAR ROLIE feed and no directory_url")) {
                try await Self.sync(w, provider)
            }
            #expect(provider.paths.count == before + 1)

            // A feed whose entries point elsewhere, a .sha512 that does not match, a document that is not CSAF, one
            // too large: each refused, nothing stored, the run goes on.
            provider.metadata()
            provider.set("/.well-known/csaf/feed-white.json", FeedReply.json("""
            {"feed": {"id": "hostile", "entry": [
              {"id": "local", "updated": "2024-01-01T00:00:00Z", "link": [{"rel": "self", "href": "file:///etc/passwd"}]},
              {"id": "notes", "updated": "2024-01-01T00:00:00Z", "content": {"src": "javascript:alert(1)"}},
              {"id": "s512", "updated": "2024-01-02T00:00:00Z", "link": [{"rel": "self", "href": "/csaf/s512.json"}]},
              {"id": "html", "updated": "2024-01-03T00:00:00Z", "link": [{"rel": "self", "href": "/csaf/html.json"}]},
              {"id": "big", "updated": "2024-01-04T00:00:00Z", "link": [{"rel": "self", "href": "/csaf/big.json"}]},
              "not an object"]}}
            """))
            let tiny = CSAFFixture.tiny("FAKE-2024-6", cve: "CVE-2024-99996")
            provider.document("/csaf/s512.json", tiny, sha256: false)
            provider.set("/csaf/s512.json.sha512", text: String(repeating: "ab", count: 64) + "  s512.json\n")
            provider.document("/csaf/html.json", Data("<html>not CSAF</html>".utf8))
            provider.document("/csaf/big.json", Data(repeating: UInt8(ascii: " "), count: 4096))
            var options = CSAFProviderSync.Options.standard
            options.maxDocumentBytes = 2048
            let result = try await Self.sync(w, provider, options: options)
            guard case .refused(let mismatch) = Self.state(result, "/csaf/s512.json"),
                  case .refused(let notCSAF) = Self.state(result, "/csaf/html.json") else {
                Issue.record("not refused: \(result.outcomes)")
                return
            }
            #expect(mismatch.contains("SHA512 does not match"))
            #expect(notCSAF.contains("not"))
            #expect(Self.state(result, "/csaf/big.json") == .refused("larger than 2048 bytes"))
            #expect(result.outcomes.count == 3)
            #expect(result.tally.notes.contains { $0.contains("local: no http(s) document address") })
            #expect(result.tally.notes.contains { $0.contains("entry 6 is not an object") })
            #expect(result.tally.created == 0 && result.tally.skipped == 3)
            #expect(try await !Self.known("CVE-2024-99996", w))
            #expect(!provider.paths.contains { $0.contains("passwd") })
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
            #expect(try await Self.contribution("CVE-2022-27193", "BSI-2022-0001", w)?.signature == .verified)

            // The document changes and its .asc is gone: imported, marked unchecked.
            provider.set("/csaf/bsi-2022-0001.json.asc", nil)
            provider.feed([("/csaf/bsi-2022-0001.json", "2024-02-10T00:00:00Z"), ("/csaf/va-24-254-01.json", "2024-01-11T00:00:00Z")])
            let again = try await Self.sync(w, provider, cursor: result.cursor, verifier: GPGVVerifier())
            #expect(again.outcomes.map(\.state) == [.imported(.unchecked)])
            #expect(again.tally.notes.contains { $0.contains("no .asc signature") })
            #expect(try await Self.contribution("CVE-2022-27193", "BSI-2022-0001", w)?.signature == .unchecked)
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
            #expect(try await Self.contribution("CVE-2022-27193", "BSI-2022-0001", w)?.signature == .unchecked)
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
