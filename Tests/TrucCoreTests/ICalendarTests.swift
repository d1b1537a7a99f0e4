import Foundation
import Testing
import TrucCore

@Suite struct ICalendarTests {
    let stamp = Fixture.utc(2023, 4, 28, 9, 15, 30)

    var calendar: ICalendar {
        ICalendar(productID: "-//Truc ATTT//Lich truc//VI", name: "Lịch trực ATTT dịp Lễ 30/4 – 01/5", events: [
            ICalendar.Event(
                uid: "shift-1@truc-attt", start: Fixture.date(2023, 4, 30, 8), end: Fixture.date(2023, 4, 30, 16),
                summary: "Trực kỹ thuật: Nguyễn Văn An",
                description: """
                Theo Văn bản số 1520/BTTTT-CATTT ngày 26/4/2023 của Bộ Thông tin và Truyền thông; \
                theo dõi, giám sát; phát hiện sớm, kịp thời xử lý sự cố.
                Liên hệ VNCERT/CC: 086 9100 317, ir@vncert.vn.
                """,
                location: "Trung tâm Điều hành thông minh (IOC), tỉnh Quảng Ninh",
                categories: ["Trực kỹ thuật", "Lễ 30/4, 01/5"]),
            ICalendar.Event(uid: "shift-2@truc-attt", start: Fixture.date(2023, 4, 30, 16), end: Fixture.date(2023, 5, 1, 0),
                            summary: "Ca 3"),
        ])
    }

    @Test func utcBasicFormat() {
        #expect(ICalendar.utcBasic(Fixture.date(2023, 4, 30, 8)) == "20230430T010000Z")
        #expect(ICalendar.utcBasic(Fixture.utc(2023, 12, 31, 23, 59, 59).addingTimeInterval(0.9)) == "20231231T235959Z")
        #expect(ICalendar.utcBasic(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
    }

    @Test func structureAndLineEndings() throws {
        let text = calendar.render(stamp: stamp)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Truc ATTT//Lich truc//VI\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"))
        #expect(text.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
        let physical = try #require(ContentLineParser.physicalLines(text), "bare CR or LF, or no final CRLF")
        for bytes in physical {
            #expect(bytes.count <= 75, "line of \(bytes.count) octets")
            #expect(String(bytes: bytes, encoding: .utf8) != nil, "a fold split a UTF-8 sequence")
        }
        // The long Vietnamese description had to be folded.
        #expect(physical.contains { $0.first == UInt8(ascii: " ") })
    }

    @Test func unfoldAndParseRoundTrip() throws {
        let original = calendar
        let properties = ContentLineParser.properties(original.render(stamp: stamp))
        let names = properties.map(\.name)
        #expect(names.filter { $0 == "BEGIN" }.count == 3)
        #expect(names.filter { $0 == "END" }.count == 3)
        #expect(properties.first { $0.name == "X-WR-CALNAME" }.map { ContentLineParser.unescape($0.value) } == original.name)

        let events = properties.split { $0.name == "BEGIN" && $0.value == "VEVENT" }.dropFirst().map { Array($0) }
        #expect(events.count == 2)
        for (parsed, event) in zip(events, original.events) {
            func value(_ name: String) -> String? { parsed.first { $0.name == name }?.value }
            #expect(value("UID").map(ContentLineParser.unescape) == event.uid)
            #expect(value("DTSTAMP") == "20230428T091530Z")
            #expect(value("DTSTART") == ICalendar.utcBasic(event.start))
            #expect(value("DTEND") == ICalendar.utcBasic(event.end))
            #expect(value("SUMMARY").map(ContentLineParser.unescape) == event.summary)
            #expect(value("DESCRIPTION").map(ContentLineParser.unescape) == event.description)
            #expect(value("LOCATION").map(ContentLineParser.unescape) == event.location)
            #expect((value("CATEGORIES").map(ContentLineParser.splitList) ?? []) == event.categories)
        }
        #expect(events[0].first { $0.name == "DTSTART" }?.value == "20230430T010000Z")
    }

    @Test func escapesSpecialCharacters() {
        let event = ICalendar.Event(uid: "x", start: stamp, end: stamp, summary: #"A, B; C\D"# + "\nE")
        let text = ICalendar(productID: "p", events: [event]).render(stamp: stamp)
        #expect(text.contains(#"SUMMARY:A\, B\; C\\D\nE"# + "\r\n"))
        #expect(!text.contains("X-WR-CALNAME"))
        #expect(!text.contains("DESCRIPTION"))
        #expect(!text.contains("CATEGORIES"))
    }

    @Test func emptyCalendar() {
        let text = ICalendar(productID: "-//Truc ATTT//Lich truc//VI", events: []).render(stamp: stamp)
        #expect(text == "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Truc ATTT//Lich truc//VI\r\nCALSCALE:GREGORIAN\r\n"
            + "METHOD:PUBLISH\r\nEND:VCALENDAR\r\n")
    }
}
