import Foundation
import Testing
@testable import TrucCore

/// CSAF 2.0 distribution files: provider metadata, ROLIE feeds, changes.csv, hash files and OpenPGP armor.
@Suite struct CSAFDistributionTests {
    static let metadataURL = URL(string: "https://csaf.example.com/.well-known/csaf/provider-metadata.json")!

    static let metadata = """
    {
      "canonical_url": "https://csaf.example.com/.well-known/csaf/provider-metadata.json",
      "distributions": [
        {"rolie": {"feeds": [
          {"summary": "WHITE advisories", "tlp_label": "WHITE", "url": "feed-tlp-white.json"},
          {"summary": "GREEN advisories", "tlp_label": "GREEN", "url": "https://csaf.example.com/.well-known/csaf/feed-tlp-green.json"},
          {"tlp_label": "WHITE", "url": "ftp://csaf.example.com/feed.json"}
        ]}},
        {"directory_url": "https://csaf.example.com/.well-known/csaf/white"}
      ],
      "last_updated": "2024-01-02T03:04:05.123Z",
      "metadata_version": "2.0",
      "public_openpgp_keys": [
        {"fingerprint": "52D6 F8F2 152C FD7E 47B3 4DA9 58B5 5491 BE68 7A00", "url": "keys/key.asc"},
        {"url": "file:///etc/passwd"}
      ],
      "publisher": {"category": "vendor", "name": "Example Vendor", "namespace": "https://example.com"},
      "role": "csaf_trusted_provider"
    }
    """

    @Test func providerMetadataIsRead() throws {
        let m = try CSAFProviderMetadata(data: Data(Self.metadata.utf8), url: Self.metadataURL)
        #expect(m.publisherName == "Example Vendor")
        #expect(m.role == "csaf_trusted_provider")
        #expect(m.lastUpdated != nil)
        #expect(m.feeds.count == 2)
        #expect(m.publicFeeds.map(\.url.absoluteString) == ["https://csaf.example.com/.well-known/csaf/feed-tlp-white.json"])
        #expect(m.directories.map(\.absoluteString) == ["https://csaf.example.com/.well-known/csaf/white/"])
        #expect(m.keys.map(\.url.absoluteString) == ["https://csaf.example.com/.well-known/csaf/keys/key.asc"])
        #expect(m.fingerprints == ["52D6F8F2152CFD7E47B34DA958B55491BE687A00"])
        #expect(m.problems.count == 2, "the ftp feed and the file: key are left out: \(m.problems)")
    }

    @Test(arguments: [
        ("", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        (#"{"distributions": []}"#, "no publisher.name"),
        (#"{"publisher": {"name": "X"}}"#, "no distributions list"),
        ("{\"publisher\": {\"name\": \"X\"}, \"distributions\": [", "not JSON"),
    ])
    func badMetadataGivesAClearError(text: String, reason: String) {
        #expect(throws: CSAFDistributionError.malformed(what: "the provider metadata", reason: reason)) {
            try CSAFProviderMetadata(data: Data(text.utf8), url: Self.metadataURL)
        }
    }

    @Test func oversizedMetadataIsRefused() {
        let big = Data(repeating: 0x20, count: CSAFProviderMetadata.maxBytes + 1)
        #expect(throws: CSAFDistributionError.tooLarge(what: "the provider metadata", limit: CSAFProviderMetadata.maxBytes)) {
            try CSAFProviderMetadata(data: big, url: Self.metadataURL)
        }
    }

    @Test func rolieFeedEntriesGiveDocumentHashAndSignatureAddresses() throws {
        let feed = """
        {"feed": {"id": "example-white", "updated": "2024-03-01T00:00:00Z", "entry": [
          {"id": "EX-2024-001", "updated": "2024-02-01T10:00:00Z",
           "link": [{"rel": "self", "href": "white/2024/ex-2024-001.json"},
                    {"rel": "hash", "href": "white/2024/ex-2024-001.json.sha512"},
                    {"rel": "hash", "href": "white/2024/ex-2024-001.json.sha256"},
                    {"rel": "signature", "href": "white/2024/ex-2024-001.json.asc"}],
           "content": {"type": "application/json", "src": "white/2024/ex-2024-001.json"}},
          {"id": "EX-2024-002", "updated": "2024-02-02T10:00:00.5+07:00",
           "content": {"src": "https://cdn.example.net/ex-2024-002.json"}},
          {"id": "EX-2024-003", "updated": "2024-02-03T10:00:00Z", "link": [{"rel": "self", "href": "javascript:alert(1)"}]},
          "nonsense"
        ]}}
        """
        let url = URL(string: "https://csaf.example.com/.well-known/csaf/feed-tlp-white.json")!
        let parsed = try CSAFROLIEFeed(data: Data(feed.utf8), url: url)
        #expect(parsed.id == "example-white")
        #expect(parsed.entries.count == 2)
        let first = parsed.entries[0]
        #expect(first.url.absoluteString == "https://csaf.example.com/.well-known/csaf/white/2024/ex-2024-001.json")
        #expect(first.updated == CSAFDistributionURL.date("2024-02-01T10:00:00Z"))
        #expect(first.hashCandidates.map(\.algorithm) == [.sha256, .sha512])
        #expect(first.signatureCandidate.absoluteString.hasSuffix("white/2024/ex-2024-001.json.asc"))
        let second = parsed.entries[1]
        #expect(second.url.absoluteString == "https://cdn.example.net/ex-2024-002.json")
        #expect(second.updated != nil)
        #expect(second.hashCandidates.map(\.url.absoluteString) == ["https://cdn.example.net/ex-2024-002.json.sha256",
                                                                  "https://cdn.example.net/ex-2024-002.json.sha512"])
        #expect(second.signatureCandidate.absoluteString == "https://cdn.example.net/ex-2024-002.json.asc")
        #expect(parsed.problems.count == 2)
        #expect(throws: CSAFDistributionError.malformed(what: "the ROLIE feed", reason: "no feed object")) {
            try CSAFROLIEFeed(data: Data(#"{"entry": []}"#.utf8), url: url)
        }
    }

    @Test func changesCSVListsDocumentsInsideTheDirectory() throws {
        let csv = """
        "2024/ex-2024-002.json","2024-02-02T10:00:00Z"
        "2024/ex-2024-001.json","2024-02-01T10:00:00Z"
        2023/ex-2023-009.json,2023-12-31T23:59:59.999Z
        "../secret.json","2024-02-02T10:00:00Z"
        "/etc/passwd","2024-02-02T10:00:00Z"
        "https://evil.example/x.json","2024-02-02T10:00:00Z"
        "2024/ex-2024-003.json","yesterday"
        "only-one-field"

        "2024/ex-2024-001.json","2024-02-05T10:00:00Z"
        """
        let directory = URL(string: "https://csaf.example.com/.well-known/csaf/white")!
        let list = try CSAFChangesList(data: Data(csv.utf8), directory: directory)
        #expect(list.entries.map(\.name) == ["ex-2024-002.json", "ex-2024-001.json", "ex-2023-009.json"])
        #expect(list.entries[0].url.absoluteString == "https://csaf.example.com/.well-known/csaf/white/2024/ex-2024-002.json")
        #expect(list.entries[1].updated == CSAFDistributionURL.date("2024-02-05T10:00:00Z"), "a line listed twice: the newest time")
        #expect(list.skipped == 5)
        #expect(list.problems.count == 5)
    }

    @Test func hashFilesGiveTheirDigest() throws {
        let hex = String(repeating: "ab", count: 32)
        #expect(try CSAFHashFile.digest(Data("\(hex)  doc.json\n".utf8), algorithm: .sha256) == hex)
        #expect(try CSAFHashFile.digest(Data("\(hex.uppercased()) *doc.json".utf8), algorithm: .sha256) == hex)
        #expect(try CSAFHashFile.digest(Data(hex.utf8), algorithm: .sha256) == hex)
        #expect(throws: CSAFDistributionError.self) { try CSAFHashFile.digest(Data(hex.utf8), algorithm: .sha512) }
        #expect(throws: CSAFDistributionError.self) { try CSAFHashFile.digest(Data("<html>not found</html>".utf8), algorithm: .sha256) }
        #expect(throws: CSAFDistributionError.self) { try CSAFHashFile.digest(Data(repeating: 0x61, count: 5000), algorithm: .sha256) }
    }

    @Test func armoredKeysBecomeBinary() throws {
        let payload = Data([0x98, 0x33, 0x04, 0x01, 0x02, 0x03, 0xFF, 0x00, 0x10])
        let armored = """
        -----BEGIN PGP PUBLIC KEY BLOCK-----
        Comment: test key

        \(payload.base64EncodedString())
        =AbCd
        -----END PGP PUBLIC KEY BLOCK-----
        """
        #expect(try OpenPGPArmor.dearmor(Data(armored.utf8)) == payload)
        let two = armored + "\n" + armored.replacingOccurrences(of: "Comment: test key\n", with: "")
        #expect(try OpenPGPArmor.dearmor(Data(two.utf8)) == payload + payload)
        #expect(try OpenPGPArmor.dearmor(payload) == payload, "binary keys are taken as they are")
        #expect(throws: CSAFDistributionError.self) { try OpenPGPArmor.dearmor(Data("<html>".utf8)) }
        #expect(throws: CSAFDistributionError.self) {
            try OpenPGPArmor.dearmor(Data("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA".utf8))
        }
        #expect(throws: CSAFDistributionError.self) {
            try OpenPGPArmor.dearmor(Data("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n!!!!\n-----END PGP PUBLIC KEY BLOCK-----".utf8))
        }
    }

    @Test func onlyHTTPAddressesResolve() {
        let base = URL(string: "https://csaf.example.com/a/b.json")!
        #expect(CSAFDistributionURL.resolve("c.json", against: base)?.absoluteString == "https://csaf.example.com/a/c.json")
        #expect(CSAFDistributionURL.resolve("/x/c.json", against: base)?.absoluteString == "https://csaf.example.com/x/c.json")
        #expect(CSAFDistributionURL.resolve("http://other.example/c.json", against: base)?.absoluteString == "http://other.example/c.json")
        for bad in ["file:///etc/passwd", "ftp://x/y", "javascript:alert(1)", "https://user:pw@x.example/", "", "a b", "gopher://x"] {
            #expect(CSAFDistributionURL.resolve(bad, against: base) == nil, "\(bad)")
        }
        #expect(CSAFDistributionURL.date("2024-01-02T03:04:05Z") != nil)
        #expect(CSAFDistributionURL.date("2024-01-02T03:04:05.678+07:00") != nil)
        #expect(CSAFDistributionURL.date("2024-01-02") == nil)
    }
}
