import Foundation
import Testing
@testable import TrucCore

@Suite struct InitialIncidentReportTests {
    typealias S = IncidentSamples

    private func problems(_ report: InitialIncidentReport, now: Date = S.now) -> IncidentValidationError? {
        S.problems { () throws(IncidentValidationError) in _ = try report.validated(now: now) }
    }

    @Test func validReportPasses() throws {
        let valid = try S.report.validated(now: S.now)
        #expect(valid.reporterPhone == "0912345678")
        #expect(valid == (try valid.validated(now: S.now)))
    }

    @Test func normalisesEveryField() throws {
        var report = S.report
        report.reporterOrganization = "  Sở   Y\ttế \n"
        report.reporterAddress = "   "
        report.reporterPosition = "\u{202E}Chuyên viên"
        report.reporterPhone = "+84 912.345.678"
        report.reporterEmail = " An.NV@SYT.Example.GOV.VN "
        report.domains = ["  SYT.example.gov.vn. ", "", "syt.example.gov.vn", "mail.syt.example.gov.vn"]
        report.ipAddresses = ["2001:DB8:0:0:0:0:0:1", " 203.0.113.10 ", "203.0.113.10"]
        report.publicIPs = ["2001:db8::10", ""]
        report.summary = "\r\n  Dòng một  \r\n  Dòng hai\u{200B}\r\n\n"
        report.securityMeasures = ""
        report.detectionMethod = .externalNotification(from: "  NCSC  ")
        report.notifiedParties = [.vncert, .other("  Công an tỉnh "), .vncert, .other("Công an tỉnh")]
        report.supportRequested = true
        report.supportDetails = "  Hỗ trợ phân tích mã độc  "
        // Decomposed (NFD) Vietnamese becomes NFC.
        report.reporterName = "Nguye\u{302}\u{303}n Va\u{306}n An"
        let valid = try report.validated(now: S.now)
        #expect(valid.reporterOrganization == "Sở Y tế")
        #expect(valid.reporterAddress == nil)
        #expect(valid.reporterPosition == "Chuyên viên")
        #expect(valid.reporterName == "Nguyễn Văn An")
        #expect(valid.reporterPhone == "+84912345678")
        #expect(valid.reporterEmail == "An.NV@syt.example.gov.vn")
        #expect(valid.domains == ["syt.example.gov.vn", "mail.syt.example.gov.vn"])
        #expect(valid.ipAddresses == ["2001:db8::1", "203.0.113.10"])
        #expect(valid.publicIPs == ["2001:db8::10"])
        #expect(valid.summary == "Dòng một\n  Dòng hai")
        #expect(valid.securityMeasures == nil)
        #expect(valid.detectionMethod == .externalNotification(from: "NCSC"))
        #expect(valid.notifiedParties == [.vncert, .other("Công an tỉnh")])
        #expect(valid.supportDetails == "Hỗ trợ phân tích mã độc")
    }

    @Test func listsEveryProblemAtOnceInFormOrder() {
        let report = InitialIncidentReport(
            reporterOrganization: " ", reporterAddress: String(repeating: "a", count: 256), reporterName: "",
            reporterPosition: nil, reporterPhone: "12345", reporterEmail: "an.nv@", operatingUnit: "",
            owningAgency: "\n", systemName: "", domains: ["bad domain.vn", "https://x.gov.vn/a", "ok.gov.vn", "localhost"],
            ipAddresses: ["300.1.1.1", "203.0.113.1"], securityLevel: 6, securityProvider: nil,
            connectivityProvider: String(repeating: "x", count: 300), purpose: nil, operatingSystems: nil,
            services: String(repeating: "s", count: 5001), securityMeasures: nil, publicIPs: ["192.168.1.10", "::1"],
            summary: "   ", detectedAt: S.now.addingTimeInterval(301), currentStatus: .unknown,
            detectionMethod: .other("  "), notifiedParties: [.other("")], keepConfidential: false,
            supportRequested: true, supportDetails: " ", reportedAt: S.now.addingTimeInterval(400))
        guard let error = problems(report) else { Issue.record("should throw"); return }
        #expect(error.problems.map(\.field) == [
            "reporterOrganization", "reporterAddress", "reporterName", "reporterPhone", "reporterEmail",
            "operatingUnit", "owningAgency", "systemName", "domains", "domains", "domains", "ipAddresses",
            "securityLevel", "connectivityProvider", "services", "publicIPs", "publicIPs", "summary", "detectedAt",
            "detectionMethod", "notifiedParties", "supportDetails", "reportedAt",
        ])
        #expect(error.problems[0].vietnamese == "Chưa nhập tên tổ chức báo cáo sự cố.")
        #expect(error.problems[0].english == "The reporting organisation is required.")
        #expect(error.problems[1].vietnamese == "Địa chỉ tổ chức báo cáo dài 256 ký tự; tối đa 255 ký tự.")
        #expect(error.problems(for: "domains").map(\.vietnamese).allSatisfy { $0.contains("\"") })
        #expect(error.problems(for: "domains")[0].vietnamese.contains("bad domain.vn"))
        #expect(error.problems(for: "domains")[1].vietnamese.contains("https://x.gov.vn/a"))
        #expect(error.problems(for: "domains")[2].english.contains("localhost"))
        #expect(error.problems(for: "ipAddresses")[0].english == "\"300.1.1.1\" is not a valid IPv4 or IPv6 address.")
        #expect(error.problems(for: "publicIPs").map(\.vietnamese).map { $0.hasPrefix("\"192.168.1.10\"") || $0.hasPrefix("\"::1\"") } == [true, true])
        #expect(error.problems(for: "securityLevel")[0].vietnamese == "Cấp độ của hệ thống thông tin là 6; phải từ 1 đến 5.")
        #expect(error.problems(for: "detectedAt")[0].english == "The detection time is in the future.")
        #expect(error.problems(for: "reportedAt")[0].english == "The report time is in the future.")
        #expect(error.problems(for: "supportDetails")[0].vietnamese == "Chưa nhập nội dung đề nghị hỗ trợ.")
        #expect(error.description == error.problems.map(\.vietnamese).joined(separator: " "))
        #expect(error.english == error.problems.map(\.english).joined(separator: " "))
    }

    @Test func phoneNumbers() {
        func phoneProblem(_ phone: String) -> Bool {
            var report = S.report
            report.reporterPhone = phone
            return problems(report)?.fields == ["reporterPhone"]
        }
        for good in ["0912345678", "0912 345 678", "091.234.5678", "091-234-5678", "+84912345678", "+84 912 345 678",
                     "0236 3822 123", "(0236) 3822123", "+84 236 3822 123", "0243 825 6789"] {
            #expect(!phoneProblem(good), "\(good)")
        }
        for bad in ["", "912345678", "09123456789", "091234567", "0012345678", "84912345678", "+840912345678",
                    "+8491234567", "0912a45678", "0912/345/678", "+1 202 555 0100", "1900 1234", "03123456789"] {
            #expect(phoneProblem(bad), "\(bad)")
        }
        var report = S.report
        report.reporterPhone = "(0236) 3822123"
        #expect((try? report.validated(now: S.now))?.reporterPhone == "02363822123")
    }

    @Test func emails() {
        func emailProblem(_ email: String) -> Bool {
            var report = S.report
            report.reporterEmail = email
            return problems(report)?.fields == ["reporterEmail"]
        }
        for good in ["a@b.vn", "an.nv+ir@syt.example.gov.vn", "x_y@xn--bcher-kva.de"] {
            #expect(!emailProblem(good), "\(good)")
        }
        for bad in ["", "an", "an@", "@syt.gov.vn", "an@@syt.gov.vn", "an@localhost", "an nv@syt.gov.vn",
                    ".an@syt.gov.vn", "an..nv@syt.gov.vn", "an@syt..gov.vn", "an@192.0.2.1", "an@syt.gov.vn.",
                    "ân@syt.gov.vn", "an@sở.vn", "an@syt.gov.vn\r\nBcc: x@y.vn"] {
            #expect(emailProblem(bad), "\(bad)")
        }
        var report = S.report
        report.reporterEmail = ""
        #expect(problems(report)?.problems.first?.vietnamese == "Chưa nhập thư điện tử người liên hệ.")
    }

    @Test func eachBadDomainAndAddressIsNamed() {
        var report = S.report
        report.domains = ["syt.example.gov.vn", "a..vn", "-bad.vn", "sở.vn", "203.0.113.5", "x.gov.vn:443", "1.2.3"]
        report.ipAddresses = ["203.0.113.10", "203.0.113.256", "2001:db8::g", "01.2.3.4", "example.vn"]
        report.publicIPs = ["203.0.113.10", "10.1.2.3", "172.16.0.1", "100.64.0.1", "169.254.1.1", "127.0.0.1",
                            "fd00::1", "fe80::1", "::ffff:192.168.0.1", "224.0.0.1", "8.8.8.8", "2001:4860::8888"]
        guard let error = problems(report) else { Issue.record("should throw"); return }
        let domains = error.problems(for: "domains")
        #expect(domains.count == 6)
        for (problem, entry) in zip(domains, ["a..vn", "-bad.vn", "sở.vn", "203.0.113.5", "x.gov.vn:443", "1.2.3"]) {
            #expect(problem.vietnamese.contains("\"\(entry)\""), "\(problem.vietnamese)")
            #expect(problem.english.contains("\"\(entry)\""), "\(problem.english)")
        }
        #expect(domains[3].english == "\"203.0.113.5\" is an IP address, not a domain name; enter it among the IP addresses.")
        let addresses = error.problems(for: "ipAddresses")
        #expect(addresses.map(\.english) == ["203.0.113.256", "2001:db8::g", "01.2.3.4", "example.vn"].map {
            "\"\($0)\" is not a valid IPv4 or IPv6 address."
        })
        let publicIPs = error.problems(for: "publicIPs")
        #expect(publicIPs.count == 9)
        #expect(publicIPs[0].vietnamese
            == "\"10.1.2.3\" là địa chỉ nội bộ hoặc dành riêng; mục này chỉ liệt kê địa chỉ IP sử dụng trên Internet.")
    }

    @Test func listLimits() {
        var report = S.report
        report.domains = (1...101).map { "h\($0).example.gov.vn" }
        report.publicIPs = (1...100).map { "203.0.113.\($0)" }
        #expect(problems(report)?.problems.map(\.english) == ["There are 101 domain names; at most 100 are allowed."])
    }

    @Test func securityLevelBounds() {
        for level in [nil, 1, 5] as [Int?] {
            var report = S.report
            report.securityLevel = level
            #expect(problems(report) == nil)
        }
        for level in [0, -1, 6] {
            var report = S.report
            report.securityLevel = level
            #expect(problems(report)?.fields == ["securityLevel"])
        }
    }

    @Test func times() {
        func report(detected: Date, reported: Date) -> InitialIncidentReport {
            var report = S.report
            report.detectedAt = detected
            report.reportedAt = reported
            return report
        }
        let now = S.now
        // Up to 5 minutes of clock skew.
        #expect(problems(report(detected: now.addingTimeInterval(300), reported: now.addingTimeInterval(300)),
                         now: now) == nil)
        #expect(problems(report(detected: now.addingTimeInterval(301), reported: now.addingTimeInterval(301)),
                         now: now)?.fields == ["detectedAt", "reportedAt"])
        // Not before 2000.
        #expect(problems(report(detected: S.utc(2000, 1, 1), reported: now), now: now) == nil)
        let old = problems(report(detected: S.utc(1999, 12, 31, 23, 59, 59), reported: now), now: now)
        #expect(old?.fields == ["detectedAt"])
        #expect(old?.problems.first?.vietnamese == "Thời điểm phát hiện sự cố trước năm 2000; hãy kiểm tra lại.")
        // Reported at detection is fine, before it is not.
        #expect(problems(report(detected: S.detectedAt, reported: S.detectedAt), now: now) == nil)
        let early = problems(report(detected: S.detectedAt, reported: S.detectedAt.addingTimeInterval(-1)), now: now)
        #expect(early?.problems.map(\.english) == ["The report time is earlier than the detection time."])
    }

    @Test func detectionMethodAndNotifiedParties() {
        var report = S.report
        report.detectionMethod = .other("Nhân viên phát hiện khi kiểm tra định kỳ")
        report.notifiedParties = NotifiedParty.standard + [.other("Bộ Công an")]
        #expect(problems(report) == nil)
        report.detectionMethod = .externalNotification(from: nil)
        #expect(problems(report) == nil)
        report.detectionMethod = .externalNotification(from: String(repeating: "n", count: 256))
        #expect(problems(report)?.fields == ["detectionMethod"])
        report.detectionMethod = .other(" \n ")
        report.notifiedParties = [.other(" ")]
        #expect(problems(report)?.problems.map(\.english) == [
            "The description of the other detection method is required.",
            "The name of the other notified party is required.",
        ])
    }

    @Test func supportDetailsOnlyRequiredWhenRequested() {
        var report = S.report
        report.supportRequested = false
        report.supportDetails = "  "
        #expect((try? report.validated(now: S.now))?.supportDetails == nil)
        report.supportRequested = true
        report.supportDetails = nil
        #expect(problems(report)?.fields == ["supportDetails"])
        report.supportDetails = String(repeating: "h", count: 5001)
        #expect(problems(report)?.problems.map(\.english)
            == ["The description of the support requested is 5001 characters long; at most 5000 are allowed."])
    }

    @Test func textLengthLimits() {
        var report = S.report
        report.reporterName = String(repeating: "ễ", count: 255)
        report.summary = String(repeating: "ễ", count: 5000)
        #expect(problems(report) == nil)
        report.reporterName = String(repeating: "ễ", count: 256)
        report.summary = String(repeating: "ễ", count: 5001)
        #expect(problems(report)?.fields == ["reporterName", "summary"])
    }

    @Test func codableRoundTrip() throws {
        var report = S.report
        report.detectionMethod = .externalNotification(from: "NCSC")
        report.notifiedParties = [.vncert, .other("Công an tỉnh")]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(report)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""detectionMethod":{"details":"NCSC","kind":"external_notification"}"#))
        #expect(json.contains(#""notifiedParties":[{"kind":"vncert"},{"details":"Công an tỉnh","kind":"other"}]"#))
        #expect(json.contains(#""currentStatus":"contained""#))
        #expect(try JSONDecoder().decode(InitialIncidentReport.self, from: data) == report)
    }

    @Test func prefillFromInventoryAndPerson() throws {
        let system = IncidentPrefill(
            unitName: "Trung tâm CNTT Sở Y tế", parentUnitName: "Sở Y tế", systemName: "Cổng thông tin điện tử",
            domains: ["syt.example.gov.vn"], publicIPs: ["203.0.113.10"], securityLevel: 3,
            purpose: "  Thông tin cho người dân ", osNames: ["Ubuntu 22.04", " ", "Ubuntu 22.04", "Windows Server 2019"],
            serviceNames: ["nginx 1.24", "Postfix"])
        let person = IncidentReporter(name: "Nguyễn Văn An", email: "an.nv@syt.example.gov.vn", phone: "0912345678",
                                      title: "Chuyên viên", unitName: "Sở Y tế", unitAddress: "01 Lê Lợi")
        let report = InitialIncidentReport.prefill(system: system, reporter: person, detectedAt: S.detectedAt,
                                                   detectionMethod: .userReport, reportedAt: S.reportedAt)
        #expect(report.reporterOrganization == "Sở Y tế")
        #expect(report.reporterAddress == "01 Lê Lợi")
        #expect(report.reporterName == "Nguyễn Văn An")
        #expect(report.reporterPosition == "Chuyên viên")
        #expect(report.reporterPhone == "0912345678")
        #expect(report.reporterEmail == "an.nv@syt.example.gov.vn")
        #expect(report.operatingUnit == "Trung tâm CNTT Sở Y tế")
        #expect(report.owningAgency == "Sở Y tế")
        #expect(report.systemName == "Cổng thông tin điện tử")
        #expect(report.domains == ["syt.example.gov.vn"])
        #expect(report.ipAddresses == ["203.0.113.10"])
        #expect(report.publicIPs == ["203.0.113.10"])
        #expect(report.securityLevel == 3)
        #expect(report.purpose == "Thông tin cho người dân")
        #expect(report.operatingSystems == "Ubuntu 22.04, Windows Server 2019")
        #expect(report.services == "nginx 1.24, Postfix")
        #expect(report.currentStatus == .unknown)
        #expect(report.detectionMethod == .userReport)
        #expect(report.notifiedParties.isEmpty && !report.keepConfidential && !report.supportRequested)
        // Only the summary is missing.
        #expect(problems(report)?.fields == ["summary"])
        var completed = report
        completed.summary = "Trang chủ bị thay đổi giao diện."
        #expect(problems(completed) == nil)

        let bare = InitialIncidentReport.prefill(
            system: IncidentPrefill(unitName: "UBND tỉnh"), reporter: person, summary: "x", detectedAt: S.detectedAt,
            detectionMethod: .audit, currentStatus: .ongoing, reportedAt: S.reportedAt)
        #expect(bare.owningAgency == "UBND tỉnh")
        #expect(bare.systemName == "")
        #expect(bare.operatingSystems == nil && bare.services == nil && bare.purpose == nil)
        #expect(bare.currentStatus == .ongoing)
        #expect(problems(bare)?.fields == ["systemName"])
    }
}
