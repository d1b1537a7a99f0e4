import Foundation

/// Names of the scheduled backups in `TRUC_BACKUP_DIR`: `truc-YYYYMMDD-HHMMSSZ.sqlite` (or `.dump` for a
/// PostgreSQL dump), in UTC, with `.manifest.json` next to each. Only names of exactly this shape are ever deleted.
public struct BackupFileName: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case sqlite, dump
    }

    /// When the backup was taken, to the second.
    public let date: Date
    public let kind: Kind

    public init(date: Date, kind: Kind) {
        self.date = Date(timeIntervalSince1970: (date.timeIntervalSince1970).rounded(.down))
        self.kind = kind
    }

    /// `truc-20260430-073000Z.sqlite`.
    public var name: String {
        let c = Calendar.gregorian(in: TimeZone(identifier: "UTC")!).dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ n: Int?, _ width: Int) -> String {
            let text = String(n ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "truc-\(pad(c.year, 4))\(pad(c.month, 2))\(pad(c.day, 2))-\(pad(c.hour, 2))\(pad(c.minute, 2))\(pad(c.second, 2))Z.\(kind.rawValue)"
    }

    public var manifestName: String { BackupManifest.path(forBackup: name) }

    /// The backup a name stands for; nil for every other name (a manifest, a partial file, anything of someone else's).
    public init?(parsing name: String) {
        let bytes = Array(name.utf8)
        // "truc-" 8 digits "-" 6 digits "Z." kind
        guard bytes.count > 23, name.hasPrefix("truc-"), bytes[13] == UInt8(ascii: "-"), bytes[20] == UInt8(ascii: "Z"),
              bytes[21] == UInt8(ascii: ".")
        else { return nil }
        guard let kind = Kind(rawValue: String(decoding: bytes[22...], as: UTF8.self)) else { return nil }
        let digits = Array(bytes[5..<13]) + Array(bytes[14..<20])
        guard digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
        func number(_ range: Range<Int>) -> Int { Int(String(decoding: digits[range], as: UTF8.self))! }
        var components = DateComponents()
        components.year = number(0..<4)
        components.month = number(4..<6)
        components.day = number(6..<8)
        components.hour = number(8..<10)
        components.minute = number(10..<12)
        components.second = number(12..<14)
        guard (1...12).contains(components.month!), (1...31).contains(components.day!), components.hour! < 24,
              components.minute! < 60, components.second! < 60,
              let date = Calendar.gregorian(in: TimeZone(identifier: "UTC")!).date(from: components)
        else { return nil }
        self.init(date: date, kind: kind)
        guard self.name == name else { return nil } // e.g. 31 February
    }
}
