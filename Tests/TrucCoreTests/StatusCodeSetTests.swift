import Foundation
import Testing
@testable import TrucCore

@Suite struct StatusCodeSetTests {
    @Test func parsesListsAndRanges() throws {
        let set = try StatusCodeSet(parsing: "200-299,301, 302")
        #expect(set.contains(200) && set.contains(250) && set.contains(299) && set.contains(301) && set.contains(302))
        #expect(!set.contains(300) && !set.contains(303) && !set.contains(199))
        #expect(set.description == "200-299,301-302")
        #expect(try StatusCodeSet(parsing: set.description) == set)
    }

    @Test func mergesOverlapsAndClasses() throws {
        #expect(try StatusCodeSet(parsing: "2xx, 250-310 ,404,").description == "200-310,404")
        #expect(try StatusCodeSet(parsing: "200–204").description == "200-204")
        #expect(try StatusCodeSet(parsing: "204,200").description == "200,204")
    }

    @Test func defaultIsSuccessAndRedirects() {
        #expect(StatusCodeSet.default.contains(200) && StatusCodeSet.default.contains(399))
        #expect(!StatusCodeSet.default.contains(400) && !StatusCodeSet.default.contains(199))
        #expect(StatusCodeSet.default.description == "200-399")
    }

    @Test func refusesInvalidItemsNamingEachOnce() {
        do {
            _ = try StatusCodeSet(parsing: "200, abc, 700, 299-200, 99, 6xx")
            Issue.record("should throw")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems[0].field == "expectedStatus")
            for item in ["\"abc\"", "\"700\"", "\"299-200\"", "\"99\"", "\"6xx\""] {
                #expect(error.english.contains(item))
            }
            #expect(!error.english.contains("\"200\""))
        }
        #expect(throws: MonitorValidationError.self) { try StatusCodeSet(parsing: " , ") }
        #expect(throws: MonitorValidationError.self) { try StatusCodeSet(parsing: "200-300-400") }
    }
}
