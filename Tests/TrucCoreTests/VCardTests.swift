import Foundation
import Testing
import TrucCore

@Suite struct VCardTests {
    let vncert = VCard(
        fullName: "Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam (VNCERT/CC)",
        organization: "Cục An toàn thông tin, Bộ Thông tin và Truyền thông",
        title: "Đầu mối ứng cứu sự cố",
        phones: [.init(kind: "work", number: "024 3640 4421"), .init(kind: "hotline", number: "086 9100 317"),
                 .init(kind: "cell", number: "+84 912 345 678")],
        emails: ["ir@vncert.vn"],
        note: "Đường dây nóng ứng cứu sự cố; trực 24/7",
        url: "https://vncert.vn",
        uid: "urn:uuid:6f1c1b2e-0000-4000-8000-000000000001")

    @Test func rendersVCard4() {
        let text = vncert.render()
        #expect(text.hasPrefix("BEGIN:VCARD\r\nVERSION:4.0\r\n"))
        #expect(text.hasSuffix("END:VCARD\r\n"))
        let properties = ContentLineParser.properties(text)
        func values(_ name: String) -> [ContentLineParser.Property] { properties.filter { $0.name == name } }
        #expect(values("FN").map { ContentLineParser.unescape($0.value) } == [vncert.fullName])
        #expect(values("ORG").first?.value == #"Cục An toàn thông tin\, Bộ Thông tin và Truyền thông"#)
        #expect(values("TITLE").first.map { ContentLineParser.unescape($0.value) } == vncert.title)
        #expect(values("TEL").map(\.parameters) == ["VALUE=text;TYPE=work,voice", "VALUE=text;TYPE=voice", "VALUE=text;TYPE=cell,voice"])
        #expect(values("TEL").map(\.value) == ["024 3640 4421", "086 9100 317", "+84 912 345 678"])
        #expect(values("EMAIL").map(\.value) == ["ir@vncert.vn"])
        #expect(values("URL").map(\.value) == ["https://vncert.vn"])
        #expect(values("UID").map(\.value) == ["urn:uuid:6f1c1b2e-0000-4000-8000-000000000001"])
        #expect(values("NOTE").map { ContentLineParser.unescape($0.value) }
            == ["Đường dây nóng ứng cứu sự cố; trực 24/7\nĐường dây nóng (hotline): 086 9100 317"])
    }

    @Test func linesAreFoldedWithinSeventyFiveOctets() throws {
        let physical = try #require(ContentLineParser.physicalLines(vncert.render()))
        #expect(physical.allSatisfy { $0.count <= 75 })
        #expect(physical.allSatisfy { String(bytes: $0, encoding: .utf8) != nil })
        #expect(physical.contains { $0.first == UInt8(ascii: " ") })
    }

    /// A note of 300 kB of mixed text (Vietnamese precomposed and decomposed, emoji, escapes, line breaks)
    /// folds into lines of at most 75 octets that each hold whole UTF-8 sequences, and unfolds back to itself.
    @Test func aLongNoteFoldsAndUnfoldsToTheSameText() throws {
        let pieces = ["Nhật ký trực: máy chủ ", "ngừng; ", "khởi động lại, ", "Tiếng Vie\u{0302}\u{0323}t ", "🇻🇳👩‍💻 ",
                      "C:\\logs\\a.txt\n", "x", "ặ", "\u{1F469}\u{200D}\u{1F52C}"]
        var note = ""
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        while note.utf8.count < 300_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            note += pieces[Int(state >> 33) % pieces.count]
        }
        let card = VCard(fullName: String(repeating: "Trực ban ", count: 30), title: String(repeating: "ố", count: 200), note: note)
        let text = card.render()
        let physical = try #require(ContentLineParser.physicalLines(text))
        #expect(physical.allSatisfy { $0.count <= 75 })
        #expect(physical.allSatisfy { String(bytes: $0, encoding: .utf8) != nil }, "no UTF-8 sequence is split")
        #expect(physical.count > 300_000 / 75)
        let properties = ContentLineParser.properties(text)
        #expect(properties.first { $0.name == "NOTE" }.map { ContentLineParser.unescape($0.value) } == note)
        #expect(properties.first { $0.name == "FN" }.map { ContentLineParser.unescape($0.value) } == card.fullName)
        #expect(properties.first { $0.name == "TITLE" }.map { ContentLineParser.unescape($0.value) } == card.title)
    }

    @Test func minimalCard() {
        #expect(VCard(fullName: "Sở TT&TT").render() == "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Sở TT&TT\r\nEND:VCARD\r\n")
        #expect(VCard(fullName: "A", uid: "contact-1").render().contains("UID;VALUE=text:contact-1\r\n"))
    }

    @Test func concatenatesCards() {
        let cards = [vncert, VCard(fullName: "NCSC", phones: [.init(kind: "work", number: "024 3209 1616")])]
        let text = VCard.render(cards)
        #expect(text == vncert.render() + cards[1].render())
        #expect(text.components(separatedBy: "BEGIN:VCARD").count == 3)
        #expect(VCard.render([]) == "")
    }
}
