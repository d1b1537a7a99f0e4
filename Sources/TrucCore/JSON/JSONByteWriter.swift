import Foundation

/// JSON text written directly as bytes, for the hot paths where `JSONEncoder` cost more than the work around it
/// (a full NVD load encodes every record for its content hash and stored columns).
///
/// Its scalars are written exactly as Foundation's `JSONEncoder` writes them with `.withoutEscapingSlashes` and the
/// `.iso8601` date strategy, so that a value written here has the same bytes (and so the same hash) as before:
/// strings escape `"`, `\`, and control characters (`\b \t \n \f \r`, others as `\u00xx`), nothing else; numbers
/// as `Double.description` without a trailing `.0`; dates as `yyyy-MM-ddTHH:mm:ssZ` in UTC, seconds floored.
/// Callers write keys in sorted order themselves.
public struct JSONByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    /// Appends `text` as it is (punctuation, keys known to need no escaping).
    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `text` as it is.
    public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A JSON string literal, escaped as `JSONEncoder` escapes it.
    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if start < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index])) }
                start = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              Self.hexDigit(byte >> 4), Self.hexDigit(byte & 0x0F)])
                }
            }
            if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A finite number as `JSONEncoder` writes it ("9.8", "10", "1e-07"). Non-finite values, which `JSONEncoder`
    /// refuses, are written as `null`.
    public mutating func number(_ value: Double) {
        guard value.isFinite else { return raw("null") }
        let text = value.description
        if text.hasSuffix(".0") {
            bytes.append(contentsOf: text.utf8.dropLast(2))
        } else {
            bytes.append(contentsOf: text.utf8)
        }
    }

    public mutating func bool(_ value: Bool) {
        value ? raw("true") : raw("false")
    }

    /// `"2024-04-12T08:15:06Z"`: UTC, whole seconds (floored), as the `.iso8601` date strategy writes it.
    public mutating func date(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let secondOfDay = seconds.floorMod(86_400)
        let day = LocalDay(daysSince1970: seconds.floorDiv(86_400))
        let year = day.year
        bytes.append(UInt8(ascii: "\""))
        if year < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(abs(year), width: 4)
        bytes.append(UInt8(ascii: "-"))
        digits(day.month, width: 2)
        bytes.append(UInt8(ascii: "-"))
        digits(day.day, width: 2)
        bytes.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3600, width: 2)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, width: 2)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, width: 2)
        bytes.append(UInt8(ascii: "Z"))
        bytes.append(UInt8(ascii: "\""))
    }

    /// A JSON array of strings.
    public mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// The bytes as a `String`.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func digits(_ value: Int, width: Int) {
        var buffer: [UInt8] = []
        var rest = value
        repeat {
            buffer.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        for _ in buffer.count..<max(width, buffer.count) { bytes.append(UInt8(ascii: "0")) }
        bytes.append(contentsOf: buffer.reversed())
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
