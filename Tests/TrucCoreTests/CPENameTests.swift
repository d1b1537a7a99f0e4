import Foundation
import Testing
import TrucCore

@Suite struct CPENameTests {
    @Test func parsesFormattedStringIntoWFN() throws {
        let name = try CPEName(parsing: #"cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*"#)
        #expect(name.part == .value("o"))
        #expect(name.cpePart == .operatingSystem)
        #expect(name.vendor == .value("cisco"))
        #expect(name.product == .value("ios"))
        // WFN quoting: every non-alphanumeric character, including the dots, is quoted.
        #expect(name.version == .value(#"15\.2\(4\)m1"#))
        #expect(name.version.unescaped == "15.2(4)m1")
        #expect(name.version.formattedString == #"15.2\(4\)m1"#)
        for attribute in CPEAttributeName.allCases where attribute > .version {
            #expect(name[attribute] == .any)
        }
    }

    @Test func splitsOnlyOnUnescapedColons() throws {
        let name = try CPEName(parsing: #"cpe:2.3:a:acme:big\:product:1.0\:beta:*:*:*:*:*:*:*"#)
        #expect(name.product == .value(#"big\:product"#))
        #expect(name.version == .value(#"1\.0\:beta"#))
        #expect(name.version.unescaped == "1.0:beta")
        // An escaped backslash does not escape the colon after it.
        let backslash = try CPEName(parsing: #"cpe:2.3:a:acme:tool\\:1:*:*:*:*:*:*:*"#)
        #expect(backslash.product == .value(#"tool\\"#))
        #expect(backslash.version == .value("1"))
    }

    @Test func anyNAAndWildcards() throws {
        let name = try CPEName(parsing: "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:-:*:*:*:*:*")
        #expect(name.version == .value(#"8\.*"#))
        #expect(name.version.hasWildcards)
        #expect(name.update == .value("sp?"))
        #expect(name.update.hasWildcards)
        #expect(name.edition == .na)
        #expect(name.language == .any)
        #expect(!CPEAttribute.value(#"8\*"#).hasWildcards) // quoted: the character itself
        #expect(CPEAttribute.value(#"a\\*"#).hasWildcards) // quoted backslash, then a wildcard
        let leading = try CPEName(parsing: "cpe:2.3:a:*soft:??ndows:*:*:*:*:*:*:*:*")
        #expect(leading.vendor == .value("*soft"))
        #expect(leading.product == .value("??ndows"))
    }

    @Test func lowerCasesEverything() throws {
        let name = try CPEName(parsing: "CPE:2.3:A:Microsoft:Windows_10:1709:*:*:*:*:*:*:*")
        #expect(name.formattedString == "cpe:2.3:a:microsoft:windows_10:1709:*:*:*:*:*:*:*")
    }

    @Test(arguments: [
        #"cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*"#,
        "cpe:2.3:a:apache:struts:2.5.10.1:*:*:*:*:*:*:*",
        "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*",
        "cpe:2.3:o:tp-link:wr940n_firmware:-:*:*:*:*:*:*:*",
        "cpe:2.3:a:citrix:netscaler_application_delivery_controller:*:*:*:*:fips:*:*:*",
        #"cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux\/x86:*:*"#,
        #"cpe:2.3:a:foo\\bar:big\$money_2010:*:*:*:*:special:ipod_touch:80gb:*"#,
        #"cpe:2.3:a:acme:c\+\+_builder:1.0:*:*:ja:*:*:*:*"#,
        "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*",
        "cpe:2.3:*:*:*:*:*:*:*:*:*:*:*",
        #"cpe:2.3:a:vendor:product:1.0\:rc1:*:*:en-us:*:*:*:\!important"#,
    ])
    func formattedStringRoundTrips(text: String) throws {
        let name = try CPEName(parsing: text)
        #expect(name.formattedString == text)
        #expect(name.description == text)
        #expect(try CPEName(parsing: name.formattedString) == name)
    }

    @Test func dropsNeedlessQuotingOfLettersDigitsAndUnderscore() throws {
        let name = try CPEName(parsing: #"cpe:2.3:a:ven\dor:pro\_duct:1\.0:*:*:*:*:*:*:*"#)
        #expect(name.formattedString == "cpe:2.3:a:vendor:pro_duct:1.0:*:*:*:*:*:*:*")
    }

    @Test func rejectsMalformedFormattedStrings() {
        func error(_ text: String) -> CPEError? {
            do {
                _ = try CPEName(parsing: text)
                return nil
            } catch {
                return error
            }
        }
        #expect(error("") == .empty)
        #expect(error("   ") == .empty)
        #expect(error("cisco ios 15") == .unknownBinding("cisco ios 15"))
        #expect(error("cpe:2.2:a:b:c:*:*:*:*:*:*:*:*") == .unknownBinding("cpe:2.2:a:b:c:*:*:*:*:*:*:*:*"))
        #expect(error("cpe:2.3:a:cisco:ios:15.2") == .componentCount("cpe:2.3:a:cisco:ios:15.2", found: 6))
        #expect(error("cpe:2.3:a:cisco:ios:15.2:*:*:*:*:*:*:*:*")
            == .componentCount("cpe:2.3:a:cisco:ios:15.2:*:*:*:*:*:*:*:*", found: 14))
        #expect(error("cpe:2.3:x:cisco:ios:*:*:*:*:*:*:*:*") == .invalidPart("x"))
        #expect(error("cpe:2.3:-:cisco:ios:*:*:*:*:*:*:*:*") == .invalidPart("-"))
        #expect(error("cpe:2.3:ao:cisco:ios:*:*:*:*:*:*:*:*") == .invalidPart("ao"))
        #expect(error("cpe:2.3:a::ios:*:*:*:*:*:*:*:*") == .emptyValue(.vendor))
        #expect(error("cpe:2.3:o:cisco:ios:15.2(4)m1:*:*:*:*:*:*:*")
            == .invalidCharacter(.version, value: "15.2(4)m1", character: "("))
        #expect(error("cpe:2.3:a:acme:my product:1:*:*:*:*:*:*:*")
            == .invalidCharacter(.product, value: "my product", character: " "))
        #expect(error("cpe:2.3:a:acme:phần_mềm:1:*:*:*:*:*:*:*")
            == .invalidCharacter(.product, value: "phần_mềm", character: "ầ"))
        #expect(error("cpe:2.3:a:acme:tool:1.*.2:*:*:*:*:*:*:*") == .misplacedWildcard(.version, value: "1.*.2"))
        #expect(error("cpe:2.3:a:acme:tool:1:a?b:*:*:*:*:*:*") == .misplacedWildcard(.update, value: "a?b"))
        #expect(error("cpe:2.3:a:acme:tool:1:*:*:*:*:*:*:x\\") == .danglingEscape(.other, value: "x\\"))
        #expect(error("cpe:2.3:a:acme:tool:1:*:*:english:*:*:*:*") == .invalidLanguage("english"))
        #expect(error("cpe:2.3:a:acme:tool:1:*:*:en-u1:*:*:*:*") == .invalidLanguage("en-u1"))
    }

    @Test func errorMessagesNameTheAttribute() {
        let error = CPEError.invalidCharacter(.version, value: "15.2(4)m1", character: "(")
        #expect(error.description.hasPrefix("version \"15.2(4)m1\""))
        #expect(error.vietnamese.hasPrefix("version \"15.2(4)m1\""))
        #expect(CPEError.misplacedWildcard(.targetSoftware, value: "a*b").description.hasPrefix("target_sw"))
        #expect(CPEError.componentCount("x", found: 5).description.contains("13"))
        #expect(!CPEError.invalidPart("x").vietnamese.isEmpty)
    }

    @Test func buildsFromRawInventoryTexts() throws {
        let ios = try CPEName(part: .operatingSystem, vendor: "Cisco", product: "IOS", version: "15.2(4)M1")
        #expect(ios.formattedString == #"cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*"#)
        #expect(ios.version == .value(#"15\.2\(4\)m1"#))
        let ie = try CPEName(part: .application, vendor: "Microsoft", product: "Internet Explorer", version: "8.0.6001",
                             update: "beta")
        #expect(ie.formattedString == "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*")
        // nil, blank and * are ANY, - is NA; wildcard characters in raw text are literal.
        let hardware = try CPEName(part: .hardware, vendor: "TP-Link", product: "WR940N", version: "-", update: " ",
                                   edition: "*", other: "50% off*")
        #expect(hardware.formattedString == #"cpe:2.3:h:tp-link:wr940n:-:*:*:*:*:*:*:50\%_off\*"#)
        #expect(!hardware.other.hasWildcards)
        // Vietnamese names are folded.
        let local = try CPEName(part: .application, vendor: "Sở TTTT Quảng Ninh", product: "Một cửa điện tử", version: "2.0")
        #expect(local.formattedString == "cpe:2.3:a:so_tttt_quang_ninh:mot_cua_dien_tu:2.0:*:*:*:*:*:*:*")
        #expect(throws: CPEError.invalidCharacter(.product, value: "中文", character: "中")) {
            try CPEName(part: .application, vendor: "acme", product: "中文")
        }
        #expect(throws: CPEError.invalidLanguage("tieng_viet")) {
            try CPEName(part: .application, vendor: "acme", product: "x", language: "tiếng việt")
        }
        #expect(try CPEName(part: .application, vendor: "acme", product: "x", language: "vi-VN").language
            == .value(#"vi\-vn"#))
    }

    @Test func attributeLiteralQuotesPunctuation() throws {
        #expect(try CPEAttribute(literal: "15.2(4)M1", of: .version) == .value(#"15\.2\(4\)m1"#))
        #expect(try CPEAttribute(literal: "a:b\\c", of: .product).formattedString == #"a\:b\\c"#)
        #expect(throws: CPEError.emptyValue(.vendor)) { try CPEAttribute(literal: "  ", of: .vendor) }
    }

    @Test func subscriptReadsAndWritesEveryAttribute() throws {
        var name = CPEName()
        for attribute in CPEAttributeName.allCases {
            name[attribute] = .value(attribute.specName)
        }
        #expect(name.formattedString
            == "cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other")
        #expect(name.softwareEdition == .value("sw_edition"))
        #expect(name.targetSoftware == .value("target_sw"))
        #expect(name.targetHardware == .value("target_hw"))
    }

    @Test func codableAsTheFormattedString() throws {
        let names = [try CPEName(parsing: #"cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*"#)]
        let json = try JSONEncoder().encode(names)
        #expect(String(decoding: json, as: UTF8.self) == #"["cpe:2.3:o:cisco:ios:15.2\\(4\\)m1:*:*:*:*:*:*:*"]"#)
        #expect(try JSONDecoder().decode([CPEName].self, from: json) == names)
        #expect(try JSONDecoder().decode([CPEName].self, from: Data(#"["cpe:/o:cisco:ios:15.2%284%29m1"]"#.utf8)) == names)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CPEName].self, from: Data(#"["cisco ios"]"#.utf8)) }
    }
}
