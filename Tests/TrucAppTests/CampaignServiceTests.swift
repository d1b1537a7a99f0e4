import Foundation
import Testing
import TrucCore
import Vapor
@testable import TrucApp

/// The campaign rules called directly, without HTTP.
@Suite struct CampaignServiceTests {
    static let start = DateCoding.parseISO("2026-04-29T00:00:00+07:00")!
    static let end = DateCoding.parseISO("2026-05-04T00:00:00+07:00")!

    @Test func draftsCollectEveryProblem() throws {
        let input = CampaignInput(title: "", startsAt: Self.end, endsAt: Self.start, timeZone: "Nowhere",
                                  documents: [DocumentInput(number: "abc", date: "2023-02-30", issuer: "")],
                                  items: [ChecklistItemInput(title: "x", targetKinds: ["bank", "state_agency"])])
        do {
            _ = try CampaignService.draft(from: input)
            Issue.record("expected a rejection")
        } catch let error as BilingualError {
            #expect(error.status == .unprocessableEntity)
            for part in ["title is required", "not an IANA time zone", "endsAt must be after startsAt", "documents[0].number",
                         "documents[0].date", "documents[0].issuer", "items[0].targetKinds: unknown unit kind 'bank'"] {
                #expect(error.en.contains(part), "\(error.en)")
            }
            #expect(error.vi.contains("Thời điểm kết thúc phải sau thời điểm bắt đầu"))
        }
    }

    @Test func draftsNormaliseValidInput() throws {
        let draft = try CampaignService.draft(from: CampaignInput(
            title: "  Đợt 30/4  ", startsAt: Self.start, endsAt: Self.end, directive: " Chỉ đạo ",
            documents: [DocumentInput(number: " 708/QĐ-UBND ", date: "2014-04-14", issuer: "UBND tỉnh", title: "")],
            items: [ChecklistItemInput(title: "Rà soát", targetKinds: ["telecom_provider", "state_agency", "state_agency"])]))
        #expect(draft.title == "Đợt 30/4")
        #expect(draft.timeZone == "Asia/Ho_Chi_Minh")
        #expect(draft.directive == "Chỉ đạo")
        #expect(draft.documents == [ReferencedDocument(number: "708/QĐ-UBND", date: "2014-04-14", issuer: "UBND tỉnh")])
        #expect(draft.items.first?.targetKinds == [.telecomProvider, .stateAgency])
        #expect(draft.items.first?.dueAt == nil)
    }

    @Test func templateDraftsFollowTheDirective() throws {
        let draft = try CampaignService.draft(from: CampaignInput(template: "le-30-4", year: 2024, title: "Lễ 2024"))
        #expect(draft.title == "Lễ 2024")
        #expect(draft.items.count == 5)
        #expect(draft.items.allSatisfy { $0.dueAt == draft.startsAt })
        #expect(VNDateFormat.format(draft.startsAt, timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!) == "29/04/2024 00:00")
        #expect(throws: BilingualError.self) { try CampaignService.draft(from: CampaignInput(template: "le-30-4", year: 1990)) }
        #expect(throws: BilingualError.self) { try CampaignService.draft(from: CampaignInput(year: 2026, title: "x", startsAt: Self.start, endsAt: Self.end)) }
    }

    @Test func uploadsAreCheckedAndHashed() throws {
        #expect(try CampaignService.checkUpload(nil, maxBytes: 10) == nil)
        #expect(try CampaignService.checkUpload(File(data: "", filename: ""), maxBytes: 10) == nil)
        #expect(throws: BilingualError.self) { try CampaignService.checkUpload(File(data: "", filename: "a.txt"), maxBytes: 10) }
        do {
            _ = try CampaignService.checkUpload(File(data: String(repeating: "x", count: 11), filename: "a.txt"), maxBytes: 10)
            Issue.record("expected 413")
        } catch let error as BilingualError {
            #expect(error.status == .payloadTooLarge)
        }
        let upload = try #require(try CampaignService.checkUpload(File(data: "abc", filename: "C:\\tmp\\\"x\";.txt"), maxBytes: 10))
        #expect(upload.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(upload.filename == "x.txt")
        #expect(EvidencePolicy.sanitizedFilename("../..") == "evidence.bin")
        #expect(EvidencePolicy.sanitizedFilename("báo cáo.pdf") == "báo cáo.pdf")
    }

    @Test func csvFieldsAreQuotedAndFormulasNeutralised() {
        #expect(CampaignService.csvField("Sở A") == "Sở A")
        #expect(CampaignService.csvField("a,b") == "\"a,b\"")
        #expect(CampaignService.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CampaignService.csvField("line\nbreak") == "\"line\nbreak\"")
        #expect(CampaignService.csvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CampaignService.csvField("@SUM(A1)") == "'@SUM(A1)")
        #expect(CampaignService.csvField("-5") == "-5")
        #expect(CampaignService.csvField("") == "")
    }
}
