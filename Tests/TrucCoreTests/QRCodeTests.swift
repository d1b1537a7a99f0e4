import Foundation
import Testing
@testable import TrucCore

@Suite("QR codes")
struct QRCodeTests {
    static let uri = "otpauth://totp/Tr%E1%BB%B1c%20ATTT:dieuphoi@demo.truc.vn?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
        + "&issuer=Tr%E1%BB%B1c%20ATTT&algorithm=SHA1&digits=6&period=30"

    /// The rows as "0101…" lines joined by newlines, hashed: pinned from an independent encoder (the Python
    /// `qrcode` package 8.2, byte mode, level M, the same version and mask, no border).
    @Test("module for module what an independent encoder draws", arguments: [
        (Array("Trực ATTT".utf8), 1, 0, "2bc35af444b3c58fb8f82c10dbd184e796140ec4"),
        (Array("Trực ATTT".utf8), 2, 5, "2706a8fb4ab2a9b2f3b56888bc93d74e8b477c63"),
        (Array(uri.utf8), 9, 3, "dbe9dcfbe054f9f8484f36ef0aa9548f1e7a7460"),
        (Array(0..<200).map(UInt8.init), 10, 6, "130eeb187aefb10edd210629804737b31176d89b"),
        (Array(repeating: UInt8(ascii: "x"), count: 300), 14, 7, "d00976c10aa2a02dc75968d11d7f843497cff12e"),
        (Array(repeating: UInt8(ascii: "a"), count: 600), 20, 2, "94c6170928429715572a5dcc109dca46325cd2d6"),
    ])
    func matchesAnIndependentEncoder(bytes: [UInt8], version: Int, mask: Int, digest: String) throws {
        let code = try #require(QRCode(bytes, version: version, mask: mask))
        #expect(code.size == version * 4 + 17)
        let text = code.modules.map { row in String(row.map { $0 ? "1" : "0" }) }.joined(separator: "\n")
        #expect(SHA1.hexDigest(text) == digest)
    }

    @Test func theSmallestVersionThatFitsIsChosen() throws {
        #expect(QRCode("Trực ATTT")?.version == 1)
        #expect(QRCode(Self.uri)?.version == 9)
        #expect(QRCode(Array(repeating: 0, count: 666))?.version == 20)
        #expect(QRCode(Array(repeating: 0, count: 667)) == nil)
        #expect(QRCode(Array("abc".utf8), version: 1, mask: 8) == nil)
        // Whatever mask is chosen, the code is the forced-mask code of that mask.
        let chosen = try #require(QRCode(Self.uri))
        #expect(QRCode(Array(Self.uri.utf8), version: 9, mask: chosen.mask) == chosen)
    }

    @Test func theSVGDrawsEveryDarkModuleWithAQuietZone() throws {
        let code = try #require(QRCode("Trực ATTT"))
        let svg = code.svg(moduleSize: 5, title: "Mã <QR>")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"145\" height=\"145\" viewBox=\"0 0 29 29\""))
        #expect(svg.contains("<title>Mã &lt;QR&gt;</title>"))
        let dark = code.modules.joined().filter { $0 }.count
        #expect(svg.components(separatedBy: "h1v1h-1z").count - 1 == dark)
        #expect(svg.contains("M4 4h1v1h-1z"), "the finder's corner, inside the quiet zone")
    }
}
