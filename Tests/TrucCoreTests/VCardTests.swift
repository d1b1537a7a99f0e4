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
