import Foundation
import Testing
import TrucCore

@Suite struct DutyRoleTests {
    @Test func rawValuesAndCodable() throws {
        #expect(DutyRole.allCases == [.technical, .leader])
        #expect(DutyRole(rawValue: "leader") == .leader)
        let data = try JSONEncoder().encode([DutyRole.technical])
        #expect(String(decoding: data, as: UTF8.self) == #"["technical"]"#)
    }
}
