/// The module grid of a QR code while it is drawn: which modules are dark, and which belong to function
/// patterns (finders, timing, alignment, format and version information) rather than data.
struct QRGrid {
    let version: Int
    let size: Int
    var modules: [[Bool]]
    var isFunction: [[Bool]]

    init(version: Int) {
        self.version = version
        size = version * 4 + 17
        modules = Array(repeating: Array(repeating: false, count: size), count: size)
        isFunction = modules
    }

    mutating func set(row: Int, column: Int, _ dark: Bool) {
        modules[row][column] = dark
        isFunction[row][column] = true
    }

    mutating func drawFunctionPatterns() {
        for i in 0..<size {
            set(row: 6, column: i, i % 2 == 0)
            set(row: i, column: 6, i % 2 == 0)
        }
        drawFinder(row: 3, column: 3)
        drawFinder(row: 3, column: size - 4)
        drawFinder(row: size - 4, column: 3)
        let positions = QRCode.alignment[version - 1]
        for (i, row) in positions.enumerated() {
            for (j, column) in positions.enumerated() {
                let last = positions.count - 1
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                for dy in -2...2 {
                    for dx in -2...2 { set(row: row + dy, column: column + dx, max(abs(dx), abs(dy)) != 1) }
                }
            }
        }
        drawFormat(mask: 0)
        drawVersion()
    }

    /// A finder pattern centred on (row, column), with its light separator.
    mutating func drawFinder(row: Int, column: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let r = row + dy, c = column + dx
                guard (0..<size).contains(r), (0..<size).contains(c) else { continue }
                let distance = max(abs(dx), abs(dy))
                set(row: r, column: c, distance != 2 && distance != 4)
            }
        }
    }

    /// The 15 format bits (level M, `mask`), BCH(15,5)-coded, in both places, and the dark module.
    mutating func drawFormat(mask: Int) {
        let data = 0b00 << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = (data << 10 | remainder) ^ 0x5412
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        for i in 0...5 { set(row: i, column: 8, bit(i)) }
        set(row: 7, column: 8, bit(6))
        set(row: 8, column: 8, bit(7))
        set(row: 8, column: 7, bit(8))
        for i in 9..<15 { set(row: 8, column: 14 - i, bit(i)) }
        for i in 0..<8 { set(row: 8, column: size - 1 - i, bit(i)) }
        for i in 8..<15 { set(row: size - 15 + i, column: 8, bit(i)) }
        set(row: size - 8, column: 8, true)
    }

    /// From version 7: the version number, BCH(18,6)-coded, in both corners.
    mutating func drawVersion() {
        guard version >= 7 else { return }
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        let bits = version << 12 | remainder
        for i in 0..<18 {
            let dark = (bits >> i) & 1 == 1
            let a = size - 11 + i % 3, b = i / 3
            set(row: b, column: a, dark)
            set(row: a, column: b, dark)
        }
    }

    /// The codewords in the zigzag order: two columns at a time from the right, up then down, skipping the
    /// vertical timing column and every function module.
    mutating func drawCodewords(_ codewords: [UInt8]) {
        var index = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for step in 0..<size {
                for j in 0..<2 {
                    let column = right - j
                    let upward = (right + 1) & 2 == 0
                    let row = upward ? size - 1 - step : step
                    if !isFunction[row][column] && index < codewords.count * 8 {
                        modules[row][column] = (codewords[index >> 3] >> (7 - (index & 7))) & 1 == 1
                        index += 1
                    }
                }
            }
            right -= 2
        }
    }

    static func maskBit(_ mask: Int, row: Int, column: Int) -> Bool {
        let x = column, y = row
        switch mask {
        case 0: return (x + y) % 2 == 0
        case 1: return y % 2 == 0
        case 2: return x % 3 == 0
        case 3: return (x + y) % 3 == 0
        case 4: return (x / 3 + y / 2) % 2 == 0
        case 5: return x * y % 2 + x * y % 3 == 0
        case 6: return (x * y % 2 + x * y % 3) % 2 == 0
        default: return ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    /// This grid with `mask` applied to the data modules and its format information drawn.
    func masked(_ mask: Int) -> QRGrid {
        var copy = self
        for row in 0..<size {
            for column in 0..<size where !isFunction[row][column] && Self.maskBit(mask, row: row, column: column) {
                copy.modules[row][column].toggle()
            }
        }
        copy.drawFormat(mask: mask)
        return copy
    }

    /// The standard's penalty: runs of five or more, 2×2 blocks, finder-like patterns, and dark/light imbalance.
    var penalty: Int {
        var total = 0
        let columns = (0..<size).map { c in modules.map { $0[c] } }
        let finderLike: [[Bool]] = [
            [true, false, true, true, true, false, true, false, false, false, false],
            [false, false, false, false, true, false, true, true, true, false, true],
        ]
        for line in modules + columns {
            var run = 1
            for i in 1..<size {
                if line[i] == line[i - 1] {
                    run += 1
                } else {
                    if run >= 5 { total += run - 2 }
                    run = 1
                }
            }
            if run >= 5 { total += run - 2 }
            if size >= 11 {
                for start in 0...(size - 11) where finderLike.contains(where: { Array(line[start..<start + 11]) == $0 }) {
                    total += 40
                }
            }
        }
        for row in 0..<(size - 1) {
            for column in 0..<(size - 1) {
                let colour = modules[row][column]
                if modules[row][column + 1] == colour && modules[row + 1][column] == colour && modules[row + 1][column + 1] == colour {
                    total += 3
                }
            }
        }
        let dark = modules.reduce(0) { $0 + $1.filter { $0 }.count }
        let percent = dark * 100 / (size * size)
        total += abs(percent - 50) / 5 * 10
        return total
    }
}
