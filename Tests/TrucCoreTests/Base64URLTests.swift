import Foundation
import Testing
import TrucCore

@Suite struct Base64URLTests {
    @Test func encodesWithoutPaddingAndWithTheURLAlphabet() {
        // RFC 4648 test vectors, padding dropped.
        #expect(Base64URL.encode(Array("f".utf8)) == "Zg")
        #expect(Base64URL.encode(Array("foob".utf8)) == "Zm9vYg")
        #expect(Base64URL.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        // 0xfb 0xff encodes to "+/8=" in plain base64.
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
    }

    @Test func randomTextHasTheLengthOfItsBytesAndDiffers() {
        let a = Base64URL.random(bytes: 32), b = Base64URL.random(bytes: 32)
        #expect(a.count == 43 && b.count == 43 && a != b)
        #expect(a.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }
}
