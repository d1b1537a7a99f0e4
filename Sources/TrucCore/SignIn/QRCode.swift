/// A QR code (ISO/IEC 18004) of some bytes, for the otpauth:// URI on the two-factor enrolment page: byte mode,
/// error correction level M, versions 1–20 (up to 666 bytes), drawn as SVG by the server (no JavaScript).
///
/// Follows the standard's construction: data and Reed–Solomon codewords in blocks, interleaved, placed in the
/// zigzag order around the function patterns, the mask with the lowest penalty, BCH-coded format and version
/// information.
public struct QRCode: Sendable, Equatable {
    /// Rows of modules, true for dark; `size` × `size`, without the quiet zone.
    public let modules: [[Bool]]
    public let version: Int
    public let mask: Int

    public var size: Int { modules.count }

    /// Blocks of level M per version: error-correction codewords per block, then (blocks, data codewords) of
    /// the short blocks and of the long ones.
    static let levelM: [(ec: Int, short: (Int, Int), long: (Int, Int))] = [
        (10, (1, 16), (0, 0)), (16, (1, 28), (0, 0)), (26, (1, 44), (0, 0)), (18, (2, 32), (0, 0)),
        (24, (2, 43), (0, 0)), (16, (4, 27), (0, 0)), (18, (4, 31), (0, 0)), (22, (2, 38), (2, 39)),
        (22, (3, 36), (2, 37)), (26, (4, 43), (1, 44)), (30, (1, 50), (4, 51)), (22, (6, 36), (2, 37)),
        (22, (8, 37), (1, 38)), (24, (4, 40), (5, 41)), (24, (5, 41), (5, 42)), (28, (7, 45), (3, 46)),
        (28, (10, 46), (1, 47)), (26, (9, 43), (4, 44)), (26, (3, 44), (11, 45)), (26, (3, 41), (13, 42)),
    ]

    static let alignment: [[Int]] = [
        [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
        [6, 30, 54], [6, 32, 58], [6, 34, 62], [6, 26, 46, 66], [6, 26, 48, 70], [6, 26, 50, 74], [6, 30, 54, 78],
        [6, 30, 56, 82], [6, 30, 58, 86], [6, 34, 62, 90],
    ]

    static func dataCodewords(_ version: Int) -> Int {
        let v = levelM[version - 1]
        return v.short.0 * v.short.1 + v.long.0 * v.long.1
    }

    /// The most bytes a version holds in byte mode.
    static func capacity(_ version: Int) -> Int {
        (dataCodewords(version) * 8 - 4 - (version < 10 ? 8 : 16)) / 8
    }

    /// The smallest code for `bytes`, or the given version and mask (for tests); nil when it does not fit.
    public init?(_ bytes: [UInt8], version forcedVersion: Int? = nil, mask forcedMask: Int? = nil) {
        guard let version = forcedVersion ?? (1...20).first(where: { Self.capacity($0) >= bytes.count }),
              (1...20).contains(version), Self.capacity(version) >= bytes.count,
              forcedMask.map({ (0...7).contains($0) }) ?? true
        else { return nil }
        var grid = QRGrid(version: version)
        grid.drawFunctionPatterns()
        grid.drawCodewords(Self.codewords(bytes, version: version))
        let candidates = forcedMask.map { [$0] } ?? Array(0...7)
        let (mask, final) = candidates.map { ($0, grid.masked($0)) }.min { $0.1.penalty < $1.1.penalty }!
        self.modules = final.modules
        self.version = version
        self.mask = mask
    }

    public init?(_ text: String) { self.init(Array(text.utf8)) }

    /// Data (mode, count, bytes, terminator, padding) and error correction, interleaved.
    static func codewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) {
            for i in (0..<count).reversed() { bits.append((value >> i) & 1 == 1) }
        }
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        let capacityBits = dataCodewords(version) * 8
        append(0, min(4, capacityBits - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var data: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(0) { $0 << 1 | ($1 ? 1 : 0) }
        }
        var pad: UInt8 = 0xEC
        while data.count < dataCodewords(version) {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        let layout = levelM[version - 1]
        var blocks: [[UInt8]] = []
        var offset = 0
        for (count, length) in [layout.short, layout.long] {
            for _ in 0..<count {
                blocks.append(Array(data[offset..<offset + length]))
                offset += length
            }
        }
        let divisor = ReedSolomon.divisor(degree: layout.ec)
        let corrections = blocks.map { ReedSolomon.remainder($0, divisor: divisor) }
        var result: [UInt8] = []
        for i in 0..<(blocks.map(\.count).max() ?? 0) {
            for block in blocks where i < block.count { result.append(block[i]) }
        }
        for i in 0..<layout.ec {
            for correction in corrections { result.append(correction[i]) }
        }
        return result
    }

    /// The code as an SVG image: one path of dark squares on white, with a 4-module quiet zone.
    public func svg(moduleSize: Int = 4, title: String) -> String {
        let side = (size + 8) * moduleSize
        var path = ""
        for (row, line) in modules.enumerated() {
            for (column, dark) in line.enumerated() where dark {
                path += "M\(column + 4) \(row + 4)h1v1h-1z"
            }
        }
        return """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(side)" height="\(side)" viewBox="0 0 \(size + 8) \(size + 8)" \
        role="img" shape-rendering="crispEdges"><title>\(XMLText.escape(title))</title>\
        <rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
        """
    }
}
