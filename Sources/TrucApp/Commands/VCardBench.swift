import Foundation
import TrucCore
import Vapor

/// `truc-bench vcard [--contacts N]`: builds N contacts (default 2000) with every text field at its input limit
/// (`ContactInput`: `TextLimit`), turns them into cards exactly as the directory export does, and writes them with
/// the TrucCore vCard writer, in memory: no database, no HTTP. Prints the time and the size of the export, so the
/// cost of the largest possible directory is known (the writer is linear: twice the contacts, twice the time).
enum VCardBench {
    static let defaultContacts = 2_000

    static func run(_ arguments: [String], console: any Console) throws {
        var contacts = defaultContacts
        var index = 0
        while index < arguments.count {
            guard arguments[index] == "--contacts", index + 1 < arguments.count,
                  let value = Int(arguments[index + 1].replacingOccurrences(of: "_", with: "")), value > 0 else {
                throw FeedCommand.Failure("usage: truc-bench vcard [--contacts N] (N > 0)")
            }
            contacts = value
            index += 2
        }
        var clock = Date()
        let cards = self.cards(contacts)
        let buildSeconds = Date().timeIntervalSince(clock)
        clock = Date()
        let text = VCard.render(cards)
        let seconds = Date().timeIntervalSince(clock)
        let bytes = text.utf8.count
        console.output(String(format: "vcard: %d contacts at their limits (built in %.2f s); export %.2f s, %d bytes (%.1f MB), %.1f MB/s",
                              contacts, buildSeconds, seconds, bytes, Double(bytes) / 1_048_576,
                              Double(bytes) / 1_048_576 / max(seconds, 0.000_001)).consoleText())
        console.output("peak memory (max RSS): \(BenchMeasure.peakMemoryMB()) MB".consoleText())
    }

    /// `count` cards whose every text is as long as `ContactInput` allows, in Vietnamese with the characters the
    /// writer escapes (`,` `;` `\` and line breaks), as the export would write them.
    static func cards(_ count: Int) -> [VCard] {
        (0..<count).map { index in
            ContactDirectory.card(name: text(TextLimit.title, seed: index), organization: text(TextLimit.line, seed: index + 1),
                                  title: text(TextLimit.name, seed: index + 2), phone: digits(TextLimit.phone, seed: index),
                                  hotline: digits(TextLimit.phone, seed: index + 7), email: email(TextLimit.email, seed: index),
                                  note: text(TextLimit.note, seed: index + 3, multiline: true), id: UUID())
        }
    }

    private static let words = ["Ứng", "cứu", "sự", "cố", "an", "toàn", "thông", "tin;", "trực", "24/7,", "Sở", "Thông",
                                "tin", "và", "Truyền", "thông", "tỉnh", "đường", "dây", "nóng", "C:\\nhật-ký", "điều", "phối"]

    /// Exactly `limit` Unicode scalars of words.
    static func text(_ limit: Int, seed: Int, multiline: Bool = false) -> String {
        var scalars = String.UnicodeScalarView()
        var length = 0
        var word = seed
        while length < limit {
            if length > 0 {
                scalars.append(multiline && word % 12 == 0 ? "\n" : " ")
                length += 1
            }
            for scalar in words[word % words.count].unicodeScalars where length < limit {
                scalars.append(scalar)
                length += 1
            }
            word += 1
        }
        return String(scalars)
    }

    static func digits(_ limit: Int, seed: Int) -> String {
        String((0..<limit).map { Character(String(($0 + seed) % 10)) })
    }

    static func email(_ limit: Int, seed: Int) -> String {
        let domain = "@so-tttt.tinh.gov.vn"
        return String(repeating: "a", count: limit - domain.count - String(seed).count) + String(seed) + domain
    }
}
