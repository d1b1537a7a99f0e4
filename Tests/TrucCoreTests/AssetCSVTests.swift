import Foundation
import Testing
import TrucCore

@Suite struct AssetCSVTests {
    func rows(_ text: String) -> [AssetCSV.Row] {
        if case .rows(let rows) = AssetCSV.parse(text) { return rows }
        Issue.record("expected rows, got \(AssetCSV.parse(text))")
        return []
    }

    func errors(_ text: String) -> [AssetCSV.RowError] {
        if case .errors(let errors) = AssetCSV.parse(text) { return errors }
        Issue.record("expected errors, got rows")
        return []
    }

    func cpe(_ text: String) throws -> CPEName { try CPEName(parsing: text) }

    @Test func parsesAValidFile() throws {
        let text = """
        kind,name,system,vendor,product,version,hostname,ip,cpe,key,notes
        router,Router biên Sở TT&TT,Mạng LAN Sở,Cisco,ISR 4331,15.2(4)M1,rt-bien,10.0.0.1,cpe:/o:cisco:ios:15.2%284%29m1,R-01,
        firewall,FortiGate cửa ngõ,,Fortinet,FortiGate 100F,7.2.0,,10.0.0.2,"cpe:2.3:o:fortinet:fortios:7.2.0:*:*:*:*:*:*:* | cpe:/h:fortinet:fortigate_100f",FW-01,"Cụm HA, 2 máy"
        máy chủ,Máy chủ cổng TTĐT,Cổng thông tin điện tử,Microsoft,Windows Server 2019,,portal01,2001:DB8::10,,,
        phần mềm,Tomcat cổng dịch vụ công,Cổng DVC,Apache,Tomcat,9.0.62,,,cpe:2.3:a:apache:tomcat:9.0.62:*:*:*:*:*:*:*,,
        """
        let result = rows(text)
        #expect(result.map(\.line) == [2, 3, 4, 5])
        #expect(result[0].draft == AssetDraft(
            kind: .router, name: "Router biên Sở TT&TT", systemName: "Mạng LAN Sở", vendor: "Cisco", product: "ISR 4331",
            version: "15.2(4)M1", hostname: "rt-bien", ipAddress: "10.0.0.1",
            cpes: [try cpe(#"cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*"#)], sourceKey: "R-01"))
        #expect(result[0].draft.cpes.first?.formattedString == #"cpe:2.3:o:cisco:ios:15.2\(4\)m1:*:*:*:*:*:*:*"#)
        #expect(result[1].draft.kind == .firewall)
        #expect(result[1].draft.systemName == nil)
        #expect(result[1].draft.cpes.map(\.formattedString) == ["cpe:2.3:o:fortinet:fortios:7.2.0:*:*:*:*:*:*:*",
                                                                 "cpe:2.3:h:fortinet:fortigate_100f:*:*:*:*:*:*:*:*"])
        #expect(result[1].draft.notes == "Cụm HA, 2 máy")
        #expect(result[2].draft.kind == .server)
        #expect(result[2].draft.ipAddress == "2001:db8::10")
        #expect(result[2].draft.cpes.isEmpty)
        #expect(result[2].draft.sourceKey == nil)
        #expect(result[3].draft.kind == .software)
        #expect(result[3].draft.ipAddress == nil)
    }

    @Test func excelSemicolonsBOMAndVietnameseHeaders() throws {
        let text = "\u{FEFF}Loại;Tên;Hệ thống;Hãng;Sản phẩm;Phiên bản;Tên máy;Địa chỉ IP;CPE;Mã;Ghi chú;STT\r\n"
            + "Thiết bị chuyển mạch;Switch lõi tầng 3;Mạng LAN;Cisco;Catalyst 9300;16.9.4;sw-core;192.168.10.2;"
            + "cpe:/o:cisco:ios_xe:16.9.4;SW-CORE;Dùng chung, tầng 3;1\r\n"
            + "\r\n"
            + "tường lửa;Tường lửa;;;;;;;;;;2\r\n"
        let result = rows(text)
        #expect(result.map(\.line) == [2, 4])
        #expect(result[0].draft == AssetDraft(
            kind: .switch, name: "Switch lõi tầng 3", systemName: "Mạng LAN", vendor: "Cisco", product: "Catalyst 9300",
            version: "16.9.4", hostname: "sw-core", ipAddress: "192.168.10.2",
            cpes: [try cpe("cpe:2.3:o:cisco:ios_xe:16.9.4:*:*:*:*:*:*:*")], sourceKey: "SW-CORE",
            notes: "Dùng chung, tầng 3"))
        #expect(result[1].draft == AssetDraft(kind: .firewall, name: "Tường lửa"))
    }

    @Test func headerInAnyOrderWithAliasesAndExtraColumns() {
        let text = "STT,Ten tai san,Vendor,LOAI,IP Address,Model\n1,Máy chủ thư điện tử,Microsoft,server,10.1.1.5,Exchange\n"
        let result = rows(text)
        #expect(result.count == 1)
        #expect(result.first?.draft == AssetDraft(kind: .server, name: "Máy chủ thư điện tử", vendor: "Microsoft",
                                                  product: "Exchange", ipAddress: "10.1.1.5"))
    }

    @Test func reportsEveryBadRowAndNoRows() {
        let longName = String(repeating: "x", count: 201)
        let text = """
        kind,name,ip,cpe,key
        printer,Máy in,10.0.0.5,,K1
        server,,10.0.0.300,,K2
        server,\(longName),,,K3
        software,Ứng dụng A,,cpe:2.3:a:apache:tomcat,K4
        software,Ứng dụng B,,cpe:/a:apache:tomcat:9.0.62 cpe:2.3:a:apache:tom cat:*:*:*:*:*:*:*:*,K1
        router,R1,10.0.0.1,,K5,bất ngờ
        router,R2,10.0.0.2,,K6,,
        ,Không loại,,,
        switch,SW1,10.0.0.3,,K7
        """
        let found = errors(text)
        #expect(found.map(\.line) == [2, 3, 3, 4, 5, 6, 6, 6, 7, 9])
        #expect(found[0].message.hasPrefix("Loại tài sản không hợp lệ: \"printer\"; dùng một trong: router (bộ định tuyến), "))
        #expect(found[1].message == "Thiếu tên tài sản (cột name).")
        #expect(found[2].message == "Địa chỉ IP không hợp lệ: \"10.0.0.300\"; cần IPv4 (192.168.1.10) hoặc IPv6 (2001:db8::10).")
        #expect(found[3].message == "Tên tài sản dài 201 ký tự, tối đa 200.")
        #expect(found[4].message == "Tên CPE \"cpe:2.3:a:apache:tomcat\" không hợp lệ: \"cpe:2.3:a:apache:tomcat\" có 5 thành phần; "
            + "chuỗi CPE 2.3 cần đúng 13 (cpe:2.3 và 11 thuộc tính; dấu hai chấm trong giá trị viết là \\:).")
        // "tom cat" splits the text at the space: the second and third pieces are each reported.
        #expect(found[5].message.hasPrefix("Tên CPE thứ 2 \"cpe:2.3:a:apache:tom\" không hợp lệ"))
        #expect(found[6].message == "Tên CPE thứ 3 \"cat:*:*:*:*:*:*:*:*\" không hợp lệ: \"cat:*:*:*:*:*:*:*:*\" không phải tên CPE: "
            + "cần dạng cpe:2.3:part:vendor:product:… hoặc cpe:/part:vendor:product:….")
        #expect(found[7].message == "Khóa \"K1\" trùng với dòng 2; khóa phải khác nhau trong một tệp.")
        #expect(found[8].message == "Dòng có 6 ô, nhiều hơn 5 cột của tiêu đề (ô có dấu phẩy hoặc chấm phẩy phải đặt trong ngoặc kép).")
        #expect(found[9].message == "Thiếu loại tài sản (cột kind).")
        #expect(found[0].description.hasPrefix("Dòng 2: Loại tài sản"))
    }

    @Test func fileLevelProblems() {
        #expect(errors("") == [AssetCSV.RowError(line: 1, message: "Tệp trống.")])
        #expect(errors("\u{FEFF}\n  \n") == [AssetCSV.RowError(line: 1, message: "Tệp trống.")])
        #expect(errors("kind,name\n") == [AssetCSV.RowError(line: 1, message: "Tệp không có dòng dữ liệu nào, chỉ có tiêu đề.")])
        let missing = errors("loai,vendor\nserver,Dell\n")
        #expect(missing.count == 1)
        #expect(missing.first?.line == 1)
        #expect(missing.first?.message.hasPrefix("Thiếu cột name ở dòng tiêu đề") == true)
        #expect(errors("\n\nname\nx\n").first?.line == 3, "the header is the first non-blank line")
    }

    @Test func limits() {
        let header = "kind,name,notes\n"
        let row = "server,Máy chủ,\n"
        #expect(rows(header + String(repeating: row, count: AssetCSV.maximumRows)).count == AssetCSV.maximumRows)
        let tooMany = errors(header + String(repeating: row, count: AssetCSV.maximumRows + 1))
        #expect(tooMany == [AssetCSV.RowError(line: AssetCSV.maximumRows + 2,
                                              message: "Tệp có hơn 20000 dòng dữ liệu; hãy chia nhỏ tệp.")])
        let notes = String(repeating: "n", count: AssetCSV.maximumNotesLength + 1)
        #expect(errors(header + "server,A,\(notes)\n").first?.message == "Ghi chú dài 4001 ký tự, tối đa 4000.")
        let cpes = Array(repeating: "cpe:/a:x:y", count: AssetCSV.maximumCPEsPerRow + 1).joined(separator: "|")
        #expect(errors("kind,name,cpe\nsoftware,A,\(cpes)\n").first?.message == "Có 51 tên CPE, tối đa 50 mỗi dòng.")
    }

    @Test func quotedMultilineFieldsKeepLineNumbers() {
        let text = "kind,name,notes\nserver,A,\"dòng 1\ndòng 2\"\nprinter,B,\n"
        #expect(errors(text).map(\.line) == [4])
    }

    @Test func cpeListsAreDeduplicatedInOrder() throws {
        let text = "kind,name,cpe\nsoftware,A,cpe:/a:apache:tomcat:9.0.62|cpe:2.3:a:apache:tomcat:9.0.62:*:*:*:*:*:*:* cpe:/a:apache:http_server\n"
        #expect(rows(text).first?.draft.cpes.map(\.formattedString) == ["cpe:2.3:a:apache:tomcat:9.0.62:*:*:*:*:*:*:*",
                                                                         "cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*"])
    }
}
