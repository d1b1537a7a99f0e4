import Foundation
import Testing
import TrucCore

@Suite struct CPEProposerTests {
    static let sampleProposer: CPEProposer = {
        let data = try! Data(contentsOf: SharedInventoryData.fixture("cpe-dictionary-sample.xml"))
        return CPEProposer(products: CPEDictionary.products(try! CPEDictionary.parse(data: data)))
    }()

    func first(_ proposer: CPEProposer, _ vendor: String?, _ product: String?, _ version: String?,
               part: CPEPart? = nil) -> String? {
        proposer.propose(vendor: vendor, product: product, version: version, part: part).first?.name.formattedString
    }

    // MARK: - On the sample cut from the dictionary

    @Test func proposesFromTheSample() {
        let proposer = Self.sampleProposer
        #expect(proposer.productCount == 11)
        #expect(first(proposer, "Cisco", "IOS", "15.2(4)M1") == #"cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*"#)
        #expect(first(proposer, "cisco systems", "ios xe", "16.9.4") == "cpe:2.3:o:cisco:ios_xe:16.9.4:*:*:*:*:*:*:*")
        #expect(first(proposer, "Apache", "Tomcat", "9.0.62") == "cpe:2.3:a:apache:tomcat:9.0.62:*:*:*:*:*:*:*")
        #expect(first(proposer, "Apache Software Foundation", "HTTP Server", "2.4.54")
            == "cpe:2.3:a:apache:http_server:2.4.54:*:*:*:*:*:*:*")
        #expect(first(proposer, "Fortinet", "FortiOS", "7.2.0") == "cpe:2.3:o:fortinet:fortios:7.2.0:*:*:*:*:*:*:*")
        #expect(first(proposer, "FORTINET", "Forti OS", nil) == "cpe:2.3:o:fortinet:fortios:*:*:*:*:*:*:*:*")
        #expect(first(proposer, "Microsoft", "Windows Server 2012", nil)
            == "cpe:2.3:o:microsoft:windows_server_2012:*:*:*:*:*:*:*:*")
        #expect(first(proposer, "Microsoft Corporation", "windows_server_2008", "-")
            == "cpe:2.3:o:microsoft:windows_server_2008:-:*:*:*:*:*:*:*")
        // Only the vendor typed in the product field.
        #expect(first(proposer, nil, "Cisco IOS", "15.2") == "cpe:2.3:o:cisco:ios:15.2:*:*:*:*:*:*:*")
        // Accents and case do not matter.
        #expect(first(proposer, "Mícrosoft", "WINDOWS SERVER 2012", nil)
            == "cpe:2.3:o:microsoft:windows_server_2012:*:*:*:*:*:*:*:*")
    }

    @Test func ranksExactMatchesFirstWithTitlesAndScores() {
        let proposals = Self.sampleProposer.propose(vendor: "Cisco", product: "IOS", version: nil)
        #expect(proposals.map(\.name.formattedString) == ["cpe:2.3:o:cisco:ios:*:*:*:*:*:*:*:*",
                                                          "cpe:2.3:o:cisco:ios_xe:*:*:*:*:*:*:*:*"])
        #expect(proposals.map(\.title) == ["Cisco IOS", "Cisco IOS XE"])
        #expect(proposals[0].score >= 1 && proposals[0].score > proposals[1].score)
        #expect(proposals[0].product.versionCount == 12)
    }

    @Test func contradictingNumbersAndNonsenseGiveNothing() {
        let proposer = Self.sampleProposer
        // The sample (like the 2015 dictionary) has no Windows Server 2019: neither 2008 nor 2012 is proposed.
        #expect(proposer.propose(vendor: "Microsoft", product: "Windows Server 2019", version: nil).isEmpty)
        #expect(proposer.propose(vendor: "Qwzx Technologies", product: "Blorptron 9000", version: "1.0").isEmpty)
        #expect(proposer.propose(vendor: "Cisco", product: "zzqx", version: nil).isEmpty)
        #expect(proposer.propose(vendor: nil, product: nil, version: "1.0").isEmpty)
        #expect(proposer.propose(vendor: " ", product: "", version: nil).isEmpty)
        #expect(proposer.propose(vendor: "Cisco", product: "IOS", version: nil, limit: 0).isEmpty)
    }

    @Test func partRestrictsAndVendorAloneListsItsProducts() {
        let proposer = Self.sampleProposer
        #expect(proposer.propose(vendor: "Cisco", product: "IOS", version: nil, part: .application).isEmpty)
        #expect(first(proposer, "Cisco", "IOS", nil, part: .operatingSystem) == "cpe:2.3:o:cisco:ios:*:*:*:*:*:*:*:*")
        let apache = proposer.propose(vendor: "Apache", product: nil, version: nil)
        // Both have three versions in the sample: by name then.
        #expect(apache.map(\.name.formattedString) == ["cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*",
                                                       "cpe:2.3:a:apache:tomcat:*:*:*:*:*:*:*:*"])
        #expect(proposer.propose(vendor: "Apache", product: nil, version: nil, limit: 1).count == 1)
    }

    @Test func versionsAreQuotedOrLeftOut() {
        let proposer = Self.sampleProposer
        #expect(first(proposer, "Microsoft", "Windows Server 2012", "R2 SP1") == #"cpe:2.3:o:microsoft:windows_server_2012:r2_sp1:*:*:*:*:*:*:*"#)
        #expect(first(proposer, "Fortinet", "FortiOS", "v7.2.0 build1157 (GA)")
            == #"cpe:2.3:o:fortinet:fortios:v7.2.0_build1157_\(ga\):*:*:*:*:*:*:*"#)
        // CPE cannot hold Chinese text: the version is left out rather than the proposal.
        #expect(first(proposer, "Fortinet", "FortiOS", "版本七") == "cpe:2.3:o:fortinet:fortios:*:*:*:*:*:*:*:*")
    }

    // MARK: - Fallback names

    @Test func proposedNamesFollowNVDHabits() throws {
        #expect(try CPEName.proposed(part: .operatingSystem, vendor: "Microsoft Corporation",
                                     product: "Microsoft Windows Server 2019", version: nil).formattedString
            == "cpe:2.3:o:microsoft:windows_server_2019:*:*:*:*:*:*:*:*")
        #expect(try CPEName.proposed(part: .operatingSystem, vendor: "Cisco", product: "IOS", version: "15.2(4)M1")
            .formattedString == #"cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*"#)
        #expect(try CPEName.proposed(part: .application, vendor: "Fortinet, Inc.", product: "FortiClient EMS 7.0.3",
                                     version: "7.0.3").formattedString
            == "cpe:2.3:a:fortinet:forticlient_ems:7.0.3:*:*:*:*:*:*:*")
        #expect(try CPEName.proposed(part: .application, vendor: "Công ty Cổ phần BKAV", product: "Bkav Pro",
                                     version: "").formattedString == "cpe:2.3:a:bkav:pro:*:*:*:*:*:*:*:*")
        #expect(try CPEName.proposed(part: .application, vendor: "Tập đoàn Viettel", product: "Hệ thống quản lý văn bản",
                                     version: "2.0").formattedString
            == "cpe:2.3:a:viettel:he_thong_quan_ly_van_ban:2.0:*:*:*:*:*:*:*")
        #expect(try CPEName.proposed(part: .application, vendor: "OpenJS Foundation", product: "Node.js",
                                     version: "18.1.0").formattedString
            == #"cpe:2.3:a:openjs_foundation:node.js:18.1.0:*:*:*:*:*:*:*"#)
        #expect(throws: CPEError.emptyValue(.vendor)) {
            try CPEName.proposed(part: .application, vendor: "  ", product: "x", version: nil)
        }
        #expect(throws: CPEError.emptyValue(.product)) {
            try CPEName.proposed(part: .application, vendor: "Apache", product: " ", version: nil)
        }
        #expect(throws: CPEError.self) {
            try CPEName.proposed(part: .application, vendor: "华为", product: "x", version: nil)
        }
    }

    // MARK: - On the shared dictionary

    @Test(.enabled(if: SharedCPEDictionary.isPresent, "../shared/data/cpe is not present"))
    func proposesFromTheSharedDictionary() throws {
        let proposer = try #require(SharedCPEDictionary.proposer)
        #expect(first(proposer, "Cisco", "IOS", "15.2(4)M1") == #"cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*"#)
        #expect(first(proposer, "Apache", "Tomcat", "9.0.62") == "cpe:2.3:a:apache:tomcat:9.0.62:*:*:*:*:*:*:*")
        #expect(first(proposer, "Fortinet", "FortiOS", "7.2.0") == "cpe:2.3:o:fortinet:fortios:7.2.0:*:*:*:*:*:*:*")
        let windows = proposer.propose(vendor: "Microsoft", product: "Windows Server 2012", version: nil)
        #expect(windows.first?.name.formattedString == "cpe:2.3:o:microsoft:windows_server_2012:*:*:*:*:*:*:*:*")
        #expect(windows.first?.title == "Microsoft Windows Server 2012")
        #expect(first(proposer, "Apache Software Foundation", "HTTP Server", "2.4.54")
            == "cpe:2.3:a:apache:http_server:2.4.54:*:*:*:*:*:*:*")
        #expect(first(proposer, "Oracle", "MySQL", "5.7.16") == "cpe:2.3:a:oracle:mysql:5.7.16:*:*:*:*:*:*:*")
        #expect(first(proposer, "OpenBSD", "OpenSSH", "7.4p1") == "cpe:2.3:a:openbsd:openssh:7.4p1:*:*:*:*:*:*:*")
        #expect(proposer.propose(vendor: "Qwzx Technologies", product: "Blorptron 9000", version: "1.0").isEmpty)
        #expect(proposer.propose(vendor: "zzqxv", product: "kkwwjj", version: nil).isEmpty)
        #expect(proposer.propose(vendor: "Microsoft", product: "Windows Server 2019", version: nil)
            .allSatisfy { !$0.name.formattedString.contains("windows_server_20") })
    }

    @Test(.enabled(if: SharedCPEDictionary.isPresent, "../shared/data/cpe is not present"))
    func answersQuicklyOnTheSharedDictionary() throws {
        let proposer = try #require(SharedCPEDictionary.proposer)
        let queries: [(String?, String?, String?)] = [
            ("Cisco", "IOS", "15.2(4)M1"), ("Fortinet", "FortiOS", "7.2.0"), ("Apache", "Tomcat", "9.0.62"),
            ("Microsoft", "Windows Server 2019", nil), ("Microsoft", "Windows", nil), ("Oracle", "Database Server", "12c"),
            (nil, "Linux Kernel", "4.15"), ("Apache Software Foundation", "HTTP Server", nil), ("zzqxv", "kkwwjj", nil),
            ("Juniper", "Junos", "12.1X46"),
        ]
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<5 {
            for query in queries {
                let start = clock.now
                _ = proposer.propose(vendor: query.0, product: query.1, version: query.2)
                times.append(SharedCPEDictionary.seconds(clock.now - start) * 1000)
            }
        }
        times.sort()
        let median = times[times.count / 2], worst = times.last!
        print("CPE proposer: \(proposer.productCount) products; query median \(String(format: "%.2f", median)) ms, "
            + "worst \(String(format: "%.2f", worst)) ms (this build)")
        #expect(median < 50, "generous for a debug build; a release build answers in well under 5 ms")
    }
}
