import Foundation
import Testing
@testable import TrucCore

@Suite("SHA-1 and UUIDv5")
struct SHA1Tests {
    @Test("FIPS 180 and RFC 3174 test vectors", arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        ("The quick brown fox jumps over the lazy dog", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"),
        ("The quick brown fox jumps over the lazy cog", "de9f2c7fd25e1b3afad3e85a0bd17d9b100db4b3"),
        // Multi-byte UTF-8, pinned from Python: hashlib.sha1("Trực ATTT".encode()).hexdigest().
        ("Trực ATTT", "5f814bf8d96c818866531efa357431d5e1806388"),
    ])
    func vectors(input: String, expected: String) {
        #expect(SHA1.hexDigest(input) == expected)
    }

    @Test("one million times \"a\" (FIPS 180 long message)")
    func millionA() {
        let digest = SHA1.digest(repeatElement(UInt8(ascii: "a"), count: 1_000_000))
        #expect(digest.map { String(format: "%02x", $0) }.joined() == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test("lengths around the padding boundary (55, 56, 63, 64, 65 bytes) agree with Python's hashlib", arguments: [
        (55, "c1c8bbdc22796e28c0e15163d20899b65621d65a"),
        (56, "c2db330f6083854c99d4b5bfb6e8f29f201be699"),
        (63, "03f09f5b158a7a8cdad920bddc29b81c18a551f5"),
        (64, "0098ba824b5c16427bd7a1122a5a442a25ec644d"),
        (65, "11655326c708d70319be2610e8a57d9a5b959d3b"),
    ])
    func paddingBoundary(count: Int, expected: String) {
        #expect(SHA1.hexDigest(String(repeating: "a", count: count)) == expected)
    }

    @Test("UUIDv5 matches RFC 9562 / Python uuid.uuid5")
    func uuidVersion5() throws {
        let dns = try #require(UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8"))
        let url = try #require(UUID(uuidString: "6ba7b811-9dad-11d1-80b4-00c04fd430c8"))
        // Python's documentation: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org').
        #expect(UUID(version5Namespace: dns, name: "python.org").lowercasedString == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        #expect(UUID(version5Namespace: dns, name: "www.example.com").lowercasedString == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
        #expect(UUID(version5Namespace: url, name: "urn:truc-attt:stix2.1") == STIXBundle.namespace)
        let event = try #require(UUID(uuidString: "11111111-2222-4333-8444-555555555555"))
        #expect(UUID(version5Namespace: event, name: "ip-dst|203.0.113.7").lowercasedString == "0061e4a4-0509-5879-8ea1-151c57b1c41c")
    }

    @Test("UUIDv5 sets version 5 and the RFC variant")
    func versionBits() {
        let uuid = UUID(version5Namespace: STIXBundle.namespace, name: "anything")
        #expect(uuid.uuid.6 >> 4 == 5)
        #expect(uuid.uuid.8 >> 6 == 0b10)
    }
}
