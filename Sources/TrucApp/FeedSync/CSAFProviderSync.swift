import Crypto
import Fluent
import Foundation
import TrucCore
import TrucNet

/// Syncs the documents of one CSAF 2.0 provider, following the standard's distribution rules (CSAF 2.0 section 7):
///
/// 1. `provider-metadata.json` is fetched and read (a failure throws `CSAFSyncError`).
/// 2. The documents are listed by the TLP:WHITE/CLEAR ROLIE feeds, or, when there is none, by the `changes.csv`
///    of each `directory_url`.
/// 3. Only documents new or changed since the cursor are fetched (oldest first, at most `Options.maxDocuments`
///    a run), each with its `.sha256` (else `.sha512`): a missing hash file or a mismatch refuses the document.
/// 4. When the provider lists public OpenPGP keys, they are fetched once a run and each document's `.asc` is
///    checked by the verifier (`gpgv`): a bad signature, or a good one by a key whose fingerprint the metadata does
///    not list, refuses the document; without a verifier or a usable key, or without a `.asc`, the document is
///    imported marked `.unchecked`; a good signature marks it `.verified`; a provider without keys gives `.none`.
/// 5. Accepted documents go through `FeedImporter.importCSAF`. One failing document does not stop the others.
///
/// Every HTTP answer and its bytes are counted in the tally; refused and failed documents are counted as skipped
/// with a note.
enum CSAFProviderSync {
    struct Options: Sendable {
        var maxDocuments = 2_000
        var maxDocumentBytes = 16 << 20
        var maxSignatureBytes = 64 << 10
        var timeout: Duration = .seconds(60)
        var now: @Sendable () -> Date = { Date() }

        static let standard = Options()
    }

    /// Runs one sync of the provider at `metadataURL` from `cursor`; returns what it did and the new cursor.
    /// `verifier` is nil when `gpgv` is absent (`GPGVVerifier.find()`).
    /// - Throws: `CSAFSyncError` when the metadata or every listing cannot be read.
    static func run(metadataURL: URL, cursor: CSAFSyncCursor, fetcher: any FeedFetching,
                    verifier: (any CSAFSignatureVerifying)?, on db: any Database, zone: TimeZone,
                    options: Options = .standard,
                    progress: @Sendable (String) -> Void = { _ in }) async throws -> (SyncTally, CSAFSyncCursor) {
        let result = try await runDetailed(metadataURL: metadataURL, cursor: cursor, fetcher: fetcher, verifier: verifier,
                                           on: db, zone: zone, options: options, progress: progress)
        return (result.tally, result.cursor)
    }

    struct Result: Sendable {
        var tally: SyncTally
        var cursor: CSAFSyncCursor
        var outcomes: [CSAFDocumentOutcome]
    }

    /// `run`, also returning what happened to each document fetched.
    static func runDetailed(metadataURL: URL, cursor: CSAFSyncCursor, fetcher: any FeedFetching,
                            verifier: (any CSAFSignatureVerifying)?, on db: any Database, zone: TimeZone,
                            options: Options = .standard,
                            progress: @Sendable (String) -> Void = { _ in }) async throws -> Result {
        let started = options.now()
        var tally = SyncTally()
        let client = Client(fetcher: fetcher, timeout: options.timeout)

        // 1. Metadata.
        guard CSAFDistributionURL.isAllowed(metadataURL) else { throw CSAFSyncError.metadata("not an http(s) URL") }
        progress("csaf: \(metadataURL.absoluteString)")
        let metadata: CSAFProviderMetadata
        do {
            let response = try await client.get(metadataURL, limit: CSAFProviderMetadata.maxBytes, tally: &tally)
            guard response.status == 200 else { throw CSAFSyncError.metadata("HTTP \(response.status)") }
            metadata = try CSAFProviderMetadata(data: Data(response.body), url: metadataURL)
        } catch let error as CSAFSyncError {
            throw error
        } catch {
            throw CSAFSyncError.metadata("\(error)")
        }
        for problem in metadata.problems { tally.note(problem) }

        // 2. Listings.
        var listings: [CSAFDocumentListing] = []
        var complete = true
        var sources = 0
        var failures: [String] = []
        if !metadata.publicFeeds.isEmpty {
            let others = metadata.feeds.count - metadata.publicFeeds.count
            if others > 0 { tally.note("\(others) ROLIE feed(s) not TLP:WHITE/CLEAR left out") }
            for feed in metadata.publicFeeds {
                sources += 1
                do {
                    let response = try await client.get(feed.url, limit: CSAFROLIEFeed.maxBytes, tally: &tally)
                    guard response.status == 200 else {
                        complete = false
                        failures.append("\(feed.url.absoluteString): HTTP \(response.status)")
                        continue
                    }
                    let parsed = try CSAFROLIEFeed(data: Data(response.body), url: feed.url)
                    for problem in parsed.problems.prefix(10) { tally.note("\(feed.url.lastPathComponent): \(problem)") }
                    listings += parsed.entries
                } catch {
                    complete = false
                    failures.append("\(feed.url.absoluteString): \(Self.message(error))")
                }
            }
        } else if !metadata.directories.isEmpty {
            if !metadata.feeds.isEmpty { tally.note("no TLP:WHITE/CLEAR ROLIE feed: the directory is read") }
            for directory in metadata.directories {
                sources += 1
                let url = directory.appendingPathComponent("changes.csv")
                do {
                    let response = try await client.get(url, limit: CSAFChangesList.maxBytes, tally: &tally)
                    guard response.status == 200 else {
                        complete = false
                        failures.append("\(url.absoluteString): HTTP \(response.status)")
                        continue
                    }
                    let parsed = try CSAFChangesList(data: Data(response.body), directory: directory)
                    for problem in parsed.problems.prefix(10) { tally.note(problem) }
                    if parsed.skipped > 0 { tally.skipped += parsed.skipped }
                    listings += parsed.entries
                } catch {
                    complete = false
                    failures.append("\(url.absoluteString): \(Self.message(error))")
                }
            }
        } else {
            throw CSAFSyncError.metadata("no TLP:WHITE/CLEAR ROLIE feed and no directory_url")
        }
        for failure in failures { tally.note(failure) }
        if failures.count == sources { throw CSAFSyncError.listing(failures.first ?? "nothing could be read") }

        // The same document listed twice (two feeds): its newest time counts.
        var byURL: [URL: CSAFDocumentListing] = [:]
        for listing in listings {
            if let existing = byURL[listing.url], let old = existing.updated, listing.updated.map({ $0 <= old }) ?? true { continue }
            byURL[listing.url] = listing
        }
        let candidates = byURL.values.filter { cursor.needs($0.url, updated: $0.updated) }
            .sorted { ($0.updated ?? .distantPast, $0.url.absoluteString) < ($1.updated ?? .distantPast, $1.url.absoluteString) }
        let batch = Array(candidates.prefix(options.maxDocuments))
        progress("csaf \(metadata.publisherName): \(byURL.count) document(s) listed, \(candidates.count) new or changed")
        if candidates.count > batch.count {
            tally.note("\(candidates.count - batch.count) changed document(s) left for the next run (at most \(options.maxDocuments) a run)")
        }

        // 3–5. Keys once, then each document.
        let keys = await Self.keyring(metadata, client: client, tally: &tally)
        var signatureNotes: Set<String> = []
        if !metadata.keys.isEmpty {
            if verifier == nil {
                signatureNotes.insert("gpgv is not installed: signatures are not checked and documents are marked unchecked")
            } else if keys == nil {
                signatureNotes.insert("no OpenPGP key of the provider could be read: documents are marked unchecked")
            }
        }
        var outcomes: [CSAFDocumentOutcome] = []
        var handled: [String: Date] = [:]
        var unhandled: [Date] = []
        for (index, listing) in batch.enumerated() {
            progress("csaf \(metadata.publisherName): \(index + 1)/\(batch.count) \(listing.name)")
            let state = await Self.document(listing, metadata: metadata, keyring: keys, verifier: verifier, client: client,
                                            options: options, on: db, zone: zone, tally: &tally, signatureNotes: &signatureNotes)
            outcomes.append(CSAFDocumentOutcome(url: listing.url.absoluteString, state: state))
            switch state {
            case .imported, .refused:
                if let updated = listing.updated { handled[listing.url.absoluteString] = updated }
            case .failed:
                if let updated = listing.updated { unhandled.append(updated) }
            }
        }
        unhandled += candidates.dropFirst(batch.count).compactMap(\.updated)
        for note in signatureNotes.sorted() { tally.note(note) }

        // The new cursor.
        var next = cursor
        next.lastRun = started
        var done = cursor.done.merging(handled) { $1 }
        if complete {
            let newest = byURL.values.compactMap(\.updated).max()
            var through = newest ?? cursor.through
            if let oldest = unhandled.min() {
                let before = oldest.addingTimeInterval(-0.001)
                through = through.map { min($0, before) } ?? before
            }
            if let old = cursor.through, let new = through, new < old { through = old }
            next.through = through
            let listed = Set(byURL.keys.map(\.absoluteString))
            done = done.filter { listed.contains($0.key) }
        }
        if let through = next.through {
            let from = through.addingTimeInterval(-CSAFSyncCursor.overlap)
            done = done.filter { $0.value > from }
        }
        next.done = done
        progress("csaf \(metadata.publisherName): \(tally.line)")
        return Result(tally: tally, cursor: next, outcomes: outcomes)
    }

    // MARK: - One document

    private static func document(_ listing: CSAFDocumentListing, metadata: CSAFProviderMetadata, keyring: Data?,
                                 verifier: (any CSAFSignatureVerifying)?, client: Client, options: Options,
                                 on db: any Database, zone: TimeZone, tally: inout SyncTally,
                                 signatureNotes: inout Set<String>) async -> CSAFDocumentOutcome.State {
        let name = listing.name
        func refuse(_ reason: String) -> CSAFDocumentOutcome.State {
            tally.skipped += 1
            tally.note("\(name) refused: \(reason)")
            return .refused(reason)
        }
        func fail(_ reason: String) -> CSAFDocumentOutcome.State {
            tally.skipped += 1
            tally.note("\(name) not fetched: \(reason)")
            return .failed(reason)
        }
        // The document.
        let body: Data
        do {
            let response = try await client.get(listing.url, limit: options.maxDocumentBytes, tally: &tally)
            guard response.status == 200 else { return fail("HTTP \(response.status)") }
            body = Data(response.body)
        } catch FeedFetchError.tooLarge(let limit) {
            return refuse("larger than \(limit) bytes")
        } catch {
            return fail(Self.message(error))
        }
        // Its hash.
        var expected: (String, CSAFHashFile.Algorithm)?
        var transient: String?
        for (url, algorithm) in listing.hashCandidates {
            do {
                let response = try await client.get(url, limit: CSAFHashFile.maxBytes, tally: &tally)
                if response.status == 200 {
                    expected = (try CSAFHashFile.digest(Data(response.body), algorithm: algorithm), algorithm)
                    break
                }
                if response.status >= 500 || response.status == 429 { transient = "HTTP \(response.status) for \(url.lastPathComponent)" }
            } catch let error as CSAFDistributionError {
                return refuse(error.description)
            } catch {
                transient = "\(url.lastPathComponent): \(Self.message(error))"
            }
        }
        guard let (digest, algorithm) = expected else {
            if let transient { return fail(transient) }
            return refuse("no .sha256 or .sha512 file")
        }
        let actual = switch algorithm {
        case .sha256: Hex.encode(SHA256.hash(data: body))
        case .sha512: Hex.encode(SHA512.hash(data: body))
        }
        guard actual.lowercased() == digest else { return refuse("its \(algorithm.rawValue.uppercased()) does not match the .\(algorithm.rawValue) file") }
        // Its signature.
        var signature = CSAFOrigin.Signature.none
        if !metadata.keys.isEmpty {
            signature = .unchecked
            if let verifier, let keyring {
                let url = listing.signatureCandidate
                do {
                    let response = try await client.get(url, limit: options.maxSignatureBytes, tally: &tally)
                    if response.status == 200 {
                        switch await verifier.verify(document: body, signature: Data(response.body), keyring: keyring) {
                        case .good(let fingerprint):
                            let listed = metadata.fingerprints
                            if !listed.isEmpty, let fingerprint, !listed.contains(fingerprint) {
                                return refuse("signed with key \(fingerprint), which the provider metadata does not list")
                            }
                            signature = .verified
                        case .bad(let reason):
                            return refuse(reason)
                        case .unavailable(let reason):
                            signatureNotes.insert("signatures not checked (\(reason)): documents are marked unchecked")
                        }
                    } else if response.status == 404 || response.status == 410 {
                        tally.note("\(name): no .asc signature, imported unchecked")
                    } else {
                        return fail("HTTP \(response.status) for \(url.lastPathComponent)")
                    }
                } catch FeedFetchError.tooLarge(let limit) {
                    return refuse("its signature is larger than \(limit) bytes")
                } catch {
                    return fail("\(url.lastPathComponent): \(Self.message(error))")
                }
            }
        }
        // The import.
        do {
            let report = try await FeedImporter.importCSAF(data: body, name: name,
                                                           origin: CSAFOrigin(url: listing.url.absoluteString, signature: signature),
                                                           on: db, zone: zone)
            tally.add(report)
            return .imported(signature)
        } catch let error as FeedError {
            return refuse("\(error)")
        } catch {
            return fail("import: \(error)")
        }
    }

    /// The provider's public keys, fetched and de-armored into one binary keyring, or nil when there is none usable.
    private static func keyring(_ metadata: CSAFProviderMetadata, client: Client, tally: inout SyncTally) async -> Data? {
        var keyring = Data()
        for key in metadata.keys {
            do {
                let response = try await client.get(key.url, limit: OpenPGPArmor.maxBytes, tally: &tally)
                guard response.status == 200 else {
                    tally.note("OpenPGP key \(key.url.absoluteString): HTTP \(response.status)")
                    continue
                }
                keyring.append(try OpenPGPArmor.dearmor(Data(response.body)))
            } catch {
                tally.note("OpenPGP key \(key.url.absoluteString): \(Self.message(error))")
            }
        }
        return keyring.isEmpty ? nil : keyring
    }

    static func message(_ error: any Error) -> String {
        switch error {
        case let error as FeedFetchError: error.description
        case let error as CSAFDistributionError: error.description
        case let error as CSAFSyncError: error.description
        default: String(describing: error)
        }
    }

    /// The fetcher with the run's timeout, counting every answer.
    struct Client: Sendable {
        var fetcher: any FeedFetching
        var timeout: Duration

        func get(_ url: URL, limit: Int, tally: inout SyncTally) async throws -> FeedResponse {
            do {
                let response = try await fetcher.get(url, headers: [("Accept", "application/json, text/plain, */*")], limit: limit, timeout: timeout)
                tally.count(response)
                return response
            } catch {
                tally.httpCalls += 1
                throw error
            }
        }
    }
}
