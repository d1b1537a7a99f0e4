import Foundation
import Testing
@testable import TrucCore

@Suite struct CampaignTemplateTests {
    @Test func reproducesThe2023DirectivesFiveItems() throws {
        let template = try #require(CampaignTemplate.named("le-30-4", year: 2023))
        #expect(template.items.count == 5)
        #expect(template.items[0].targetKinds == UnitKind.allCases)
        #expect(template.items[1].targetKinds == [.stateAgency])
        #expect(template.items[1].title.contains("router/switch"))
        #expect(template.items[2].targetKinds == [.telecomProvider, .platformProvider])
        #expect(template.items[2].detail.contains("Trung tâm tích hợp dữ liệu tỉnh"))
        #expect(template.items[3].targetKinds == [.responseTeam])
        #expect(template.items[4].targetKinds == [.itCenter])
        #expect(template.documents.map(\.number).contains("1520/BTTTT-CATTT"))
        #expect(template.documents.allSatisfy { ReferencedDocument.isPlausibleNumber($0.number) })
    }

    @Test func periodIsTheHolidayInVietnameseTime() throws {
        let template = CampaignTemplate.holiday30April(year: 2026)
        #expect(VNDateFormat.format(template.startsAt, timeZone: template.timeZone) == "29/04/2026 00:00")
        #expect(VNDateFormat.format(template.endsAt, timeZone: template.timeZone) == "04/05/2026 00:00")
        #expect(template.title.hasSuffix("2026"))
    }

    @Test func unknownTemplate() {
        #expect(CampaignTemplate.named("tet") == nil)
    }

    @Test(arguments: [("1520/BTTTT-CATTT", true), ("708/QĐ-UBND", true), ("BTTTT-1520", false), ("/x", false), ("12/", false)])
    func documentNumbers(number: String, plausible: Bool) {
        #expect(ReferencedDocument.isPlausibleNumber(number) == plausible)
    }
}
