import Testing
@testable import TrucCore

@Suite struct TextLimitTests {
    @Test func lengthsCountUnicodeScalars() {
        #expect(TextLimit.length("Việt") == 4)
        #expect(TextLimit.length("Vie\u{0302}\u{0323}t") == 6, "decomposed marks count")
        let zalgo = "a" + String(repeating: "\u{0301}", count: 500)
        #expect(zalgo.count == 1, "one grapheme cluster…")
        #expect(!TextLimit.fits(zalgo, 200), "…is still 501 scalars long")
        #expect(TextLimit.fits("ệệ", 2) && !TextLimit.fits("ệệệ", 2))
        #expect(TextLimit.fits("", 0))
    }

    @Test func theCheckNamesEveryFieldOverItsLimit() throws {
        var check = TextLimitCheck()
        check.text("name", "ab", 2)
        check.text("note", nil, 1)
        check.text("title", "abc", 2)
        check.texts("domains", ["a.vn", "toolong.vn"], 5)
        check.texts("cves", Array(repeating: "x", count: 101), 5)
        check.entries("roles", 3, 2)
        check.each("items", [("ok", "x"), ("way too long", "y")]) { check, field, item in check.text(field + ".title", item.0, 5) }
        #expect(check.problems.map(\.field) == ["title", "domains[1]", "cves", "roles", "items[1].title"])
        #expect(check.problems[0].english == "title is 3 characters long; at most 2 are allowed.")
        #expect(check.problems[0].vietnamese.hasPrefix("title: dài 3 ký tự"))
        #expect(check.problems[2].english == "cves has 101 entries; at most 100 are allowed.")
        #expect(throws: FieldValidationError.self) { try check.check() }
        try TextLimitCheck().check()
    }

    @Test func aHugeListIsNotWalkedEntryByEntry() {
        var check = TextLimitCheck()
        check.texts("people", Array(repeating: String(repeating: "x", count: 300), count: 10_000), 254)
        #expect(check.problems.count == 1 + TextLimit.listEntries, "the count, then only the first entries")
    }
}
