import Crypto
import Foundation
import NIOPosix
import TrucCore
import TrucNet
import TrucTestSupport
@testable import TrucApp

/// A fake CSAF provider on loopback: files by path, changeable between runs, with the request log of its server.
final class FakeCSAFProvider: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: FeedReply] = [:]
    private(set) var server: LoopbackFeedServer!

    static func start() async throws -> FakeCSAFProvider {
        let provider = FakeCSAFProvider()
        provider.server = try await LoopbackFeedServer.start(group: MultiThreadedEventLoopGroup.singleton) { [provider] head in
            provider.reply(URLComponents(string: head.uri)?.path ?? head.uri)
        }
        return provider
    }

    private func reply(_ path: String) -> FeedReply {
        lock.withLock { files[path] } ?? .notFound
    }

    func set(_ path: String, _ reply: FeedReply?) { lock.withLock { files[path] = reply } }
    func set(_ path: String, bytes: Data) { set(path, FeedReply(body: Array(bytes))) }
    func set(_ path: String, text: String) { set(path, FeedReply(text: text)) }

    func url(_ path: String) -> URL { server.url(path: path) }

    /// The paths requested so far, in order.
    var paths: [String] { server.requests.map(\.path) }

    /// Serves `data` at `path` with its `.sha256` (and, unless `sha256` is false, not its `.sha512`).
    func document(_ path: String, _ data: Data, sha256: Bool = true, sha512: Bool = false) {
        set(path, bytes: data)
        let name = (path as NSString).lastPathComponent
        if sha256 { set(path + ".sha256", text: Hex.encode(SHA256.hash(data: data)) + "  " + name + "\n") }
        if sha512 { set(path + ".sha512", text: Hex.encode(SHA512.hash(data: data)) + "  " + name + "\n") }
    }

    /// Provider metadata with one TLP:WHITE ROLIE feed at /feed-white.json (and a TLP:RED one that must be left
    /// alone), or with a directory at /white/ when `directory`, listing `keys` (path, fingerprint).
    func metadata(directory: Bool = false, keys: [(String, String?)] = []) {
        let distribution = directory
            ? #"{"directory_url": "/white/"}"#
            : #"{"rolie": {"feeds": [{"tlp_label": "WHITE", "url": "feed-white.json"}, {"tlp_label": "RED", "url": "feed-red.json"}]}}"#
        let keyList = keys.map { key in
            #"{"url": "\#(key.0)""# + (key.1.map { #", "fingerprint": "\#($0)""# } ?? "") + "}"
        }.joined(separator: ", ")
        set("/.well-known/csaf/provider-metadata.json", FeedReply.json("""
        {"canonical_url": "\(url("/.well-known/csaf/provider-metadata.json").absoluteString)",
         "distributions": [\(distribution)], "metadata_version": "2.0", "last_updated": "2024-01-01T00:00:00Z",
         "public_openpgp_keys": [\(keyList)],
         "publisher": {"category": "vendor", "name": "Fake Vendor", "namespace": "https://vendor.example"},
         "role": "csaf_trusted_provider"}
        """))
    }

    var metadataURL: URL { url("/.well-known/csaf/provider-metadata.json") }

    /// The ROLIE feed at /.well-known/csaf/feed-white.json listing `entries` (document path, updated).
    func feed(_ entries: [(String, String)]) {
        let list = entries.map { entry in
            """
            {"id": "\((entry.0 as NSString).lastPathComponent)", "updated": "\(entry.1)",
             "link": [{"rel": "self", "href": "\(url(entry.0).absoluteString)"},
                      {"rel": "hash", "href": "\(url(entry.0 + ".sha256").absoluteString)"},
                      {"rel": "signature", "href": "\(url(entry.0 + ".asc").absoluteString)"}],
             "content": {"type": "application/json", "src": "\(url(entry.0).absoluteString)"}}
            """
        }.joined(separator: ",\n")
        set("/.well-known/csaf/feed-white.json", FeedReply.json(#"{"feed": {"id": "fake-white", "entry": [\#(list)]}}"#))
    }

    func stop() async { await server.stop() }
}

enum CSAFFixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/CSAF")

    static func data(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }

    static var fingerprint: String {
        get throws { String(decoding: try data("provider-key.fingerprint"), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    static let gpgvPresent = FileManager.default.isExecutableFile(atPath: GPGVVerifier.defaultPath)

    /// A small CSAF document with one vulnerability.
    static func tiny(_ id: String, cve: String) -> Data {
        Data("""
        {"document": {"category": "csaf_base", "csaf_version": "2.0", "title": "\(id)",
          "publisher": {"category": "vendor", "name": "Fake Vendor", "namespace": "https://vendor.example"},
          "tracking": {"id": "\(id)", "status": "final", "version": "1", "initial_release_date": "2024-01-01T00:00:00Z",
                       "current_release_date": "2024-01-01T00:00:00Z",
                       "revision_history": [{"number": "1", "date": "2024-01-01T00:00:00Z", "summary": "first"}]}},
         "product_tree": {"full_product_names": [{"product_id": "P1", "name": "Fake Router 1.0",
           "product_identification_helper": {"cpe": "cpe:2.3:h:fake:router:1.0:*:*:*:*:*:*:*"}}]},
         "vulnerabilities": [{"cve": "\(cve)", "notes": [{"category": "description", "text": "A flaw."}],
           "product_status": {"known_affected": ["P1"]}}]}
        """.utf8)
    }

    /// A fetcher that may reach 127.0.0.1 only, with its clients.
    static func fetcher() throws -> (FeedFetcher, PinnedHTTPClients) {
        let clients = PinnedHTTPClients(group: MultiThreadedEventLoopGroup.singleton, configuration: FeedFetcher.configuration())
        let policy = OutboundPolicy(allowing: [try OutboundAllowEntry(parsing: "127.0.0.1/32")])
        return (FeedFetcher(clients: clients, outbound: OutboundGuard(policy: policy, resolver: StaticHostResolver())), clients)
    }
}
