import Testing
@testable import TrucCore

@Suite struct HexTests {
    @Test func encodesLowerCaseAndDecodesEitherCase() {
        #expect(Hex.encode([0, 255, 16, 0xab]) == "00ff10ab")
        #expect(Hex.encode([]) == "")
        #expect(Hex.decode("00ff10") == [0, 255, 16])
        #expect(Hex.decode("00FF10aB") == [0, 255, 16, 0xab])
        #expect(Hex.decode("") == [])
        #expect(Hex.decode("ABC") == nil)
        #expect(Hex.decode("zz") == nil)
        let bytes = (0...255).map(UInt8.init)
        #expect(Hex.decode(Hex.encode(bytes)) == bytes)
    }
}
