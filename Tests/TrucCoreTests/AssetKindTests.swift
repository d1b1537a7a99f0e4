import Foundation
import Testing
import TrucCore

@Suite struct AssetKindTests {
    @Test func labelsInBothLanguages() {
        #expect(AssetKind.allCases.map(\.vietnamese)
            == ["Bộ định tuyến", "Thiết bị chuyển mạch", "Tường lửa", "Máy chủ", "Phần mềm", "Khác"])
        #expect(AssetKind.allCases.map(\.english) == ["Router", "Switch", "Firewall", "Server", "Software", "Other"])
        #expect(AssetKind.allCases.map(\.rawValue) == ["router", "switch", "firewall", "server", "software", "other"])
    }

    @Test func networkDevicesAndCPEParts() {
        #expect(AssetKind.allCases.filter(\.isNetworkDevice) == [.router, .switch, .firewall])
        #expect(AssetKind.router.defaultCPEPart == .operatingSystem)
        #expect(AssetKind.firewall.defaultCPEPart == .operatingSystem)
        #expect(AssetKind.server.defaultCPEPart == .operatingSystem)
        #expect(AssetKind.software.defaultCPEPart == .application)
    }

    @Test(arguments: [
        ("router", AssetKind.router), ("Router", .router), ("Bộ định tuyến", .router), ("bo dinh tuyen", .router),
        ("WAP", .router), ("wifi", .router), ("Broadband router", .router),
        ("switch", .switch), ("SW", .switch), ("Thiết bị chuyển mạch", .switch), ("chuyen-mach", .switch),
        ("firewall", .firewall), ("FW", .firewall), ("Tường lửa", .firewall), ("TUONG LUA", .firewall), ("utm", .firewall),
        ("server", .server), ("Máy chủ", .server), ("máy chủ", .server), ("may_chu", .server), ("  MÁY   CHỦ ", .server),
        ("software", .software), ("application", .software), ("Ứng dụng", .software), ("phần mềm", .software),
        ("other", .other), ("Khác", .other),
    ])
    func readsLabelsAndSynonyms(label: String, kind: AssetKind) {
        #expect(AssetKind(label: label) == kind)
    }

    @Test func refusesUnknownLabels() {
        #expect(AssetKind(label: "") == nil)
        #expect(AssetKind(label: "   ") == nil)
        #expect(AssetKind(label: "printer") == nil)
        #expect(AssetKind(label: "máy in") == nil)
        #expect(AssetKind.acceptedLabelsHint.contains("server (máy chủ)"))
    }

    @Test func codableAsRawValue() throws {
        let data = try JSONEncoder().encode([AssetKind.switch])
        #expect(String(decoding: data, as: UTF8.self) == #"["switch"]"#)
        #expect(try JSONDecoder().decode([AssetKind].self, from: data) == [.switch])
    }

    @Test func ipAddresses() {
        #expect(AssetDraft.normalizedIPAddress(" 192.168.1.10 ") == "192.168.1.10")
        #expect(AssetDraft.normalizedIPAddress("0.0.0.0") == "0.0.0.0")
        #expect(AssetDraft.normalizedIPAddress("2001:DB8::10") == "2001:db8::10")
        #expect(AssetDraft.normalizedIPAddress("::1") == "::1")
        #expect(AssetDraft.normalizedIPAddress("::") == "::")
        #expect(AssetDraft.normalizedIPAddress("::ffff:192.0.2.1") == "::ffff:192.0.2.1")
        #expect(AssetDraft.normalizedIPAddress("fe80:0:0:0:1:2:3:4") == "fe80:0:0:0:1:2:3:4")
        for bad in ["", "192.168.1", "192.168.1.256", "192.168.01.1", "1.2.3.4.5", "a.b.c.d", "10.0.0.1/24",
                    "2001:db8:::1", "2001:db8::1::2", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8:9", "fe80::1%eth0",
                    "[::1]", "12345::1", "١٢.١.١.١", "localhost"] {
            #expect(AssetDraft.normalizedIPAddress(bad) == nil, "\(bad)")
        }
    }

    @Test func draftDeduplicatesCPEs() throws {
        let ios = try CPEName(parsing: "cpe:2.3:o:cisco:ios:15.2:*:*:*:*:*:*:*")
        let uri = try CPEName(parsing: "cpe:/o:cisco:ios:15.2")
        let draft = AssetDraft(kind: .router, name: "R1", cpes: [ios, uri, ios])
        #expect(draft.cpes == [ios])
        let coded = try JSONDecoder().decode(AssetDraft.self, from: try JSONEncoder().encode(draft))
        #expect(coded == draft)
    }
}
