import Testing
import TrucCore

@Suite struct CPENameURITests {
    func fs(_ uri: String) throws -> String { try CPEName(parsing: uri).formattedString }

    @Test func parsesNmapURIs() throws {
        #expect(try fs("cpe:/o:microsoft:windows_7::sp1") == "cpe:2.3:o:microsoft:windows_7:*:sp1:*:*:*:*:*:*")
        #expect(try fs("cpe:/o:microsoft:windows_xp::-") == "cpe:2.3:o:microsoft:windows_xp:*:-:*:*:*:*:*:*")
        #expect(try fs("cpe:/o:microsoft:windows_7::-:professional")
            == "cpe:2.3:o:microsoft:windows_7:*:-:professional:*:*:*:*:*")
        #expect(try fs("cpe:/a:memcached:memcached:1.4.25") == "cpe:2.3:a:memcached:memcached:1.4.25:*:*:*:*:*:*:*")
        #expect(try fs("cpe:/o:linux:linux_kernel") == "cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*")
        #expect(try fs("cpe:/a") == "cpe:2.3:a:*:*:*:*:*:*:*:*:*:*")
        #expect(try fs("cpe:/") == "cpe:2.3:*:*:*:*:*:*:*:*:*:*:*")
    }

    @Test func decodesPercentEncodingAndWildcards() throws {
        #expect(try fs("cpe:/o:cisco:ios:15.2%284%29M1") == #"cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*"#)
        #expect(try fs("cpe:/a:%240.99_kindle_books_project:%240.99_kindle_books:6")
            == #"cpe:2.3:a:\$0.99_kindle_books_project:\$0.99_kindle_books:6:*:*:*:*:*:*:*"#)
        // %01 is the wildcard ?, %02 is *.
        let name = try CPEName(parsing: "cpe:/a:microsoft:internet_explorer:8.%02:sp%01")
        #expect(name.version == .value(#"8\.*"#))
        #expect(name.update == .value("sp?"))
        #expect(name.version.hasWildcards)
    }

    @Test func unpacksTheEdition() throws {
        #expect(try fs("cpe:/a:12net:login_rebuilder:1.0.0::~~~wordpress~~")
            == "cpe:2.3:a:12net:login_rebuilder:1.0.0:*:*:*:*:wordpress:*:*")
        #expect(try fs("cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~:en-us")
            == "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:en-us:online:win2003:x64:*")
        #expect(throws: CPEError.invalidPackedEdition("~a~b")) { try CPEName(parsing: "cpe:/a:v:p:1::~a~b") }
    }

    @Test func isLenientAboutUnencodedPunctuation() throws {
        #expect(try fs("cpe:/a:acme:c++:1.0+dfsg") == #"cpe:2.3:a:acme:c\+\+:1.0\+dfsg:*:*:*:*:*:*:*"#)
    }

    @Test func rejectsMalformedURIs() {
        #expect(throws: CPEError.tooManyURIComponents("cpe:/a:b:c:d:e:f:g:h", found: 8)) {
            try CPEName(parsing: "cpe:/a:b:c:d:e:f:g:h")
        }
        #expect(throws: CPEError.invalidPart("q")) { try CPEName(parsing: "cpe:/q:b:c") }
        #expect(throws: CPEError.invalidPercentEncoding(.version, value: "1%2")) { try CPEName(parsing: "cpe:/a:b:c:1%2") }
        #expect(throws: CPEError.invalidPercentEncoding(.version, value: "1%0a")) { try CPEName(parsing: "cpe:/a:b:c:1%0a") }
        #expect(throws: CPEError.invalidCharacter(.product, value: "my app", character: " ")) {
            try CPEName(parsing: "cpe:/a:b:my app")
        }
        #expect(throws: CPEError.misplacedWildcard(.version, value: "1%02.2")) { try CPEName(parsing: "cpe:/a:b:c:1%02.2") }
    }

    @Test func uriAndFormattedStringGiveTheSameName() throws {
        #expect(try CPEName(parsing: "cpe:/a:microsoft:internet_explorer:8.0.6001:beta")
            == CPEName(parsing: "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*"))
        #expect(try CPEName(parsing: "cpe:/a:foo%5cbar:big%24money_2010:::~~special~ipod_touch~80gb~")
            == CPEName(parsing: #"cpe:2.3:a:foo\\bar:big\$money_2010:*:*:*:*:special:ipod_touch:80gb:*"#))
        #expect(try CPEName(parsing: "cpe:/a:hp:openview_network_manager:7.51::~~~linux%2fx86~~")
            == CPEName(parsing: #"cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux\/x86:*:*"#))
        // %07 is not a printable character.
        #expect(throws: CPEError.invalidPercentEncoding(.version, value: "1%07")) { try CPEName(parsing: "cpe:/a:b:c:1%07") }
    }
}
