import Foundation
import Testing
@testable import TrucCore

@Suite struct IncidentReferenceTests {
    @Test func formatting() {
        #expect(IncidentReference(year: 2026, number: 7)?.description == "SC-2026-0007")
        #expect(IncidentReference(year: 2026, number: 9999)?.description == "SC-2026-9999")
        #expect(IncidentReference(year: 2026, number: 12345)?.description == "SC-2026-12345")
        #expect(IncidentReference(year: 1999, number: 1) == nil)
        #expect(IncidentReference(year: 2026, number: 0) == nil)
        #expect(IncidentReference(year: 2026, number: 100_000_000) == nil)
    }

    @Test func parsing() {
        #expect(IncidentReference("SC-2026-0007") == IncidentReference(year: 2026, number: 7))
        #expect(IncidentReference(" sc-2026-7 ") == IncidentReference(year: 2026, number: 7))
        #expect(IncidentReference("SC-2026-12345")?.number == 12345)
        for bad in ["", "SC", "SC-2026", "SC-2026-", "SC-26-0007", "SC-2026-0000", "SC-2026-00000000001",
                    "XX-2026-0007", "SC_2026_0007", "SC-2026-0007-1", "SC-２０２６-0007", "SC-2026-+7", "SC-1999-0001",
                    "SC-2026- 7"] {
            #expect(IncidentReference(bad) == nil, "\(bad)")
        }
        for number in [1, 42, 9999, 10_000] {
            let reference = IncidentReference(year: 2030, number: number)!
            #expect(IncidentReference(reference.description) == reference)
        }
    }

    @Test func orderAndNext() {
        let hcm = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let a = IncidentReference(year: 2025, number: 9999)!
        let b = IncidentReference(year: 2026, number: 1)!
        let c = IncidentReference(year: 2026, number: 2)!
        #expect(a < b && b < c)
        #expect([c, a, b].sorted() == [a, b, c])
        let midYear = IncidentSamples.utc(2026, 6, 1)
        #expect(IncidentReference.next(after: nil, at: midYear, in: hcm) == b)
        #expect(IncidentReference.next(after: b, at: midYear, in: hcm) == c)
        #expect(IncidentReference.next(after: a, at: midYear, in: hcm) == b)
        // 31/12/2025 17:30 UTC is already 2026 in Vietnam.
        let newYearVN = IncidentSamples.utc(2025, 12, 31, 17, 30)
        #expect(IncidentReference.next(after: a, at: newYearVN, in: hcm) == b)
        #expect(IncidentReference.next(after: a, at: newYearVN, in: TimeZone(identifier: "UTC")!)
            == IncidentReference(year: 2025, number: 10_000))
        let full = IncidentReference(year: 2026, number: 99_999_999)!
        #expect(IncidentReference.next(after: full, at: midYear, in: hcm) == nil)
        #expect(IncidentReference.next(after: nil, at: IncidentSamples.utc(1999, 6, 1), in: hcm) == nil)
    }

    @Test func codable() throws {
        let reference = IncidentReference(year: 2026, number: 7)!
        let data = try JSONEncoder().encode([reference])
        #expect(String(decoding: data, as: UTF8.self) == #"["SC-2026-0007"]"#)
        #expect(try JSONDecoder().decode([IncidentReference].self, from: data) == [reference])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([IncidentReference].self, from: Data(#"["SC-2026-x"]"#.utf8))
        }
    }
}
