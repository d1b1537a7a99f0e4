import Foundation
import Testing
@testable import TrucCore

@Suite struct ContentLineTests {
    @Test func escapesText() {
        #expect(ContentLine.escape(#"a,b;c\d"#) == #"a\,b\;c\\d"#)
        #expect(ContentLine.escape("dòng 1\ndòng 2\r\ndòng 3\rdòng 4") == #"dòng 1\ndòng 2\ndòng 3\ndòng 4"#)
        #expect(ContentLine.escape("tab\there\u{0}\u{7}") == "tab\there")
        #expect(ContentLine.escape("Trực ATTT: 30/4") == "Trực ATTT: 30/4")
    }

    @Test func shortLinesAreNotFolded() {
        let line = String(repeating: "a", count: 75)
        #expect(ContentLine.fold(line) == line)
        #expect(ContentLine.fold(line + "b") == line + "\r\n b")
    }

    @Test func foldsByOctetsWithoutSplittingCharacters() {
        // "ư" is 2 octets, "ễ" is 3: 74 ASCII + "ễ" would be 77 octets, so it moves to the next line.
        let line = String(repeating: "x", count: 74) + "ễ" + String(repeating: "ư", count: 40)
        let folded = ContentLine.fold(line)
        let physical = folded.components(separatedBy: "\r\n")
        #expect(physical[0] == String(repeating: "x", count: 74))
        #expect(physical.allSatisfy { $0.utf8.count <= 75 })
        #expect(physical.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(ContentLineParser.unfold(folded) == line)
    }

    @Test func randomTextFoldsAndUnfolds() {
        let alphabet: [String] = ["a", "Z", " ", ",", ";", "\\", "\n", "đ", "Ư", "ệ", "ỗ", "🚨", "👩‍💻", "e\u{301}", "中", ":"]
        var rng = SplitMix64(seed: 5545)
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...300, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            let line = "DESCRIPTION:" + ContentLine.escape(text)
            let folded = ContentLine.fold(line)
            let physical = ContentLineParser.physicalLines(folded + "\r\n")
            #expect(physical != nil)
            for bytes in physical ?? [] {
                #expect(bytes.count <= 75)
                #expect(String(bytes: bytes, encoding: .utf8) != nil, "a physical line is not valid UTF-8")
            }
            let unfolded = ContentLineParser.unfold(folded)
            #expect(unfolded == line)
            #expect(ContentLineParser.unescape(String(unfolded.dropFirst("DESCRIPTION:".count)))
                == text.replacingOccurrences(of: "\r\n", with: "\n"))
        }
    }

    @Test func keepsDecomposedVietnameseCharactersTogether() {
        // NFD text (as typed on some systems): each letter is a base plus combining marks.
        let text = String(repeating: "Trực lãnh đạo, ", count: 10).decomposedStringWithCanonicalMapping
        let folded = ContentLine.fold("SUMMARY:" + text)
        for line in folded.components(separatedBy: "\r\n").dropFirst() {
            let afterSpace = line.unicodeScalars.dropFirst().first
            #expect(afterSpace.map { $0.properties.generalCategory != .nonspacingMark } ?? true)
        }
        #expect(ContentLineParser.unfold(folded).unicodeScalars.elementsEqual(("SUMMARY:" + text).unicodeScalars))
    }

    @Test func overlongClusterFallsBackToScalarBoundaries() {
        let zalgo = "e" + String(repeating: "\u{301}", count: 60) // one character, 121 octets
        let folded = ContentLine.fold("X:" + zalgo)
        let physical = ContentLineParser.physicalLines(folded + "\r\n") ?? []
        #expect(physical.count == 2)
        #expect(physical.allSatisfy { $0.count <= 75 && String(bytes: $0, encoding: .utf8) != nil })
        #expect(ContentLineParser.unfold(folded).unicodeScalars.elementsEqual(("X:" + zalgo).unicodeScalars))
    }
}
