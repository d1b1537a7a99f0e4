import Fluent
import Foundation
import TrucCore
import Vapor

/// A demo province modelled on the 2023 directive: the province, its ICT department and IT center, the response team,
/// departments, a district, telecom and platform providers; people with every role; the 2023 holiday campaign;
/// a campaign running now with answers; a roster with one deliberate gap and one day without a leader.
enum DemoSeeder {
    static let coordinatorEmail = "dieuphoi@demo.truc.vn"
    static let password = "demo-password"

    /// Loads the demo data when the database has no unit yet. Returns whether it did.
    /// The demo knowledge base (`DemoKnowledge`) is loaded with it when the knowledge base is empty, so that the
    /// demo inventory has findings at once; also into an existing demo province whose knowledge base is empty.
    @discardableResult
    static func seedIfEmpty(_ app: Application) async throws -> Bool {
        guard try await OrgUnit.query(on: app.db).count() == 0 else {
            if try await Person.query(on: app.db).filter(\.$email == coordinatorEmail).count() > 0 {
                try await DemoKnowledge.loadIfEmpty(on: app.db, zone: app.config.timeZone, logger: app.logger)
            }
            return false
        }
        let hash = try await app.password.async.hash(password)
        try await app.db.transaction { db in
            try await seed(db, passwordHash: hash, now: Date(), timeZone: app.config.timeZone, publicURL: app.config.publicURL)
        }
        try await DemoKnowledge.loadIfEmpty(on: app.db, zone: app.config.timeZone, logger: app.logger)
        app.logger.notice("Demo province loaded. Sign in as \(coordinatorEmail) / \(password)")
        return true
    }

    private static func seed(_ db: any Database, passwordHash: String, now: Date, timeZone: TimeZone, publicURL: String) async throws {
        func unit(_ code: String, _ name: String, _ kind: UnitKind, _ parent: OrgUnit?, phone: String? = nil, email: String? = nil) async throws -> OrgUnit {
            let u = OrgUnit(parentID: parent?.id, code: code, name: name, kind: kind, phone: phone, email: email)
            try await u.create(on: db)
            return u
        }
        let province = try await unit("TINH", "UBND tỉnh (demo)", .stateAgency, nil, phone: "0203 3835 000")
        let stttt = try await unit("STTTT", "Sở Thông tin và Truyền thông", .stateAgency, province, phone: "0203 3628 686")
        let ict = try await unit("TTCNTT", "Trung tâm Công nghệ thông tin và Truyền thông", .itCenter, stttt,
                                 phone: "0203 3533338", email: "qnict@quangninh.gov.vn")
        let team = try await unit("DOI-UCSC", "Đội ứng cứu sự cố ATTT mạng tỉnh", .responseTeam, province)
        let health = try await unit("SYT", "Sở Y tế", .stateAgency, province)
        let finance = try await unit("STC", "Sở Tài chính", .stateAgency, province)
        let district = try await unit("UBND-HL", "UBND thành phố Hạ Long", .stateAgency, province)
        let culture = try await unit("VHTT-HL", "Phòng Văn hóa và Thông tin TP Hạ Long", .stateAgency, district)
        let vnpt = try await unit("VNPT-QN", "VNPT tỉnh (demo)", .telecomProvider, province, phone: "0203 3800 126")
        let viettel = try await unit("VIETTEL-QN", "Viettel tỉnh (demo)", .telecomProvider, province, phone: "0203 3628 018")
        let platform = try await unit("NTS-DEMO", "Công ty Nền tảng số (demo)", .platformProvider, province)

        var people: [String: Person] = [:]
        func person(_ email: String, _ name: String, _ title: String, _ phone: String, _ unit: OrgUnit, _ roles: [Role]) async throws -> Person {
            let p = Person(unitID: unit.id!, email: email, fullName: name, title: title, phone: phone, passwordHash: passwordHash)
            try await p.create(on: db)
            for role in roles { try await RoleAssignment(personID: p.id!, unitID: unit.id!, role: role).create(on: db) }
            people[email] = p
            return p
        }
        _ = try await person(coordinatorEmail, "Nguyễn Văn Điều Phối", "Phó Giám đốc Sở", "0912 000 001", province, [.coordinator])
        _ = try await person("kiemtoan@demo.truc.vn", "Trần Thị Kiểm Toán", "Thanh tra", "0912 000 002", province, [.auditor])
        let ictStaff = [
            try await person("quantri.ttcntt@demo.truc.vn", "Lê Minh Quản Trị", "Giám đốc Trung tâm", "0912 000 010", ict, [.unitAdmin]),
            try await person("truc1.ttcntt@demo.truc.vn", "Phạm Văn An", "Kỹ sư", "0912 000 011", ict, [.dutyOfficer]),
            try await person("truc2.ttcntt@demo.truc.vn", "Hoàng Thị Bình", "Kỹ sư", "0912 000 012", ict, [.dutyOfficer]),
            try await person("truc3.ttcntt@demo.truc.vn", "Vũ Đức Cường", "Kỹ sư", "0912 000 013", ict, [.dutyOfficer]),
        ]
        _ = try await person("doitruong@demo.truc.vn", "Đỗ Quang Đội Trưởng", "Đội trưởng Đội ƯCSC", "0912 000 020", team, [.responder, .unitAdmin])
        let healthStaff = [
            try await person("quantri.syt@demo.truc.vn", "Bùi Thị Hạnh", "Trưởng phòng CNTT", "0912 000 030", health, [.unitAdmin]),
            try await person("truc1.syt@demo.truc.vn", "Ngô Văn Khải", "Chuyên viên", "0912 000 031", health, [.dutyOfficer]),
            try await person("truc2.syt@demo.truc.vn", "Đinh Thị Lan", "Chuyên viên", "0912 000 032", health, [.dutyOfficer]),
        ]
        let financeAdmin = try await person("quantri.stc@demo.truc.vn", "Mai Văn Minh", "Chuyên viên CNTT", "0912 000 040", finance, [.unitAdmin, .dutyOfficer])
        _ = try await person("quantri.hl@demo.truc.vn", "Trịnh Văn Nam", "Phó Chánh Văn phòng", "0912 000 050", district, [.unitAdmin])
        _ = try await person("quantri.vhtt@demo.truc.vn", "Lý Thị Oanh", "Chuyên viên", "0912 000 051", culture, [.unitAdmin])
        let vnptStaff = [
            try await person("lanhdao.vnpt@demo.truc.vn", "Phan Văn Phúc", "Phó Giám đốc kỹ thuật", "0912 000 060", vnpt, [.unitAdmin]),
            try await person("truc1.vnpt@demo.truc.vn", "Tạ Văn Quang", "Kỹ sư mạng", "0912 000 061", vnpt, [.dutyOfficer]),
            try await person("truc2.vnpt@demo.truc.vn", "Cao Thị Rạng", "Kỹ sư mạng", "0912 000 062", vnpt, [.dutyOfficer]),
        ]
        _ = try await person("quantri.viettel@demo.truc.vn", "Lâm Văn Sơn", "Trưởng phòng kỹ thuật", "0912 000 070", viettel, [.unitAdmin])
        _ = try await person("quantri.nts@demo.truc.vn", "Kiều Thị Trang", "Giám đốc vận hành", "0912 000 080", platform, [.unitAdmin])

        for (u, name, phone) in [(ict, "Bộ phận trực Trung tâm tích hợp dữ liệu", "0203 3533 339"),
                                 (team, "Bộ phận giúp việc Đội ƯCSC", "0203 3533 340"),
                                 (vnpt, "Trung tâm điều hành mạng VNPT", "0203 3800 800")] {
            try await Contact(unitID: u.id, name: name, organization: u.name, title: "Trực 24/7", phone: phone).create(on: db)
        }

        // The 2023 holiday campaign, as the directive issued it, with answers.
        let template = CampaignTemplate.holiday30April(year: 2023)
        let holiday = try await campaign(from: template, title: template.title, start: template.startsAt, end: template.endsAt, on: db)
        // A campaign running now, for the live board and the roster.
        let tz = timeZone
        let today = LocalDay(now, in: tz)
        let start = today.adding(days: -1).start(in: tz)
        let end = today.adding(days: 6).start(in: tz)
        let current = try await campaign(from: template, title: "Đợt cao điểm bảo đảm ATTT mạng cuối năm (demo)",
                                         start: start, end: end, on: db, dueAfterStartHours: 36)

        let items = try await ChecklistItem.query(on: db).filter(\.$campaign.$id ~~ [holiday.id!, current.id!]).all()
        for (u, admin) in [(ict, ictStaff[0]), (health, healthStaff[0]), (finance, financeAdmin), (vnpt, vnptStaff[0])] {
            for c in [holiday, current] {
                try await CampaignAcknowledgement(campaignID: c.id!, unitID: u.id!, personID: admin.id!, at: c.startsAt).create(on: db)
            }
        }
        for item in items where item.targetKinds.contains(.itCenter) || item.targetKinds.contains(.telecomProvider) {
            for (u, admin) in [(ict, ictStaff[0]), (vnpt, vnptStaff[0])] where item.targetKinds.contains(u.kind) {
                try await ItemReport(itemID: item.id!, unitID: u.id!, status: .done, note: "Đã rà soát, cập nhật firmware thiết bị router/switch.",
                                     evidenceID: nil, reporterID: admin.id!, reportedAt: item.$campaign.id == holiday.id ? holiday.startsAt : now).create(on: db)
            }
        }
        if let item = items.first(where: { $0.$campaign.id == current.id && $0.targetKinds.contains(.stateAgency) && $0.position == 2 }) {
            try await ItemReport(itemID: item.id!, unitID: health.id!, status: .problem, note: "Chưa bố trí đủ cán bộ trực ca đêm.",
                                 evidenceID: nil, reporterID: healthStaff[0].id!, reportedAt: now).create(on: db)
        }

        // Rosters over the current campaign: 3x8 technical duty and a 07:00-19:00 leader every day.
        let last = today.adding(days: 5)
        func roster(_ u: OrgUnit, _ technical: [Person], _ leader: Person, skipShift: Int? = nil, skipLeaderDay: Int? = nil) async throws {
            let shifts = try ShiftPattern.threeEightHour.generate(from: today.adding(days: -1), through: last, timeZone: tz, assigneeCount: technical.count)
            for (index, s) in shifts.enumerated() where index != skipShift {
                try await DutyShift(unitID: u.id!, campaignID: current.id, personID: technical[s.assigneeIndex].id!,
                                    startsAt: s.start, endsAt: s.end, role: .technical).create(on: db)
            }
            let leaders = try ShiftPattern(slots: [.init(startMinute: 7 * 60, durationMinutes: 12 * 60, role: .leader)])
                .generate(from: today.adding(days: -1), through: last, timeZone: tz, assigneeCount: 1)
            for (index, s) in leaders.enumerated() where index != skipLeaderDay {
                try await DutyShift(unitID: u.id!, campaignID: current.id, personID: leader.id!, startsAt: s.start, endsAt: s.end, role: .leader).create(on: db)
            }
        }
        try await roster(ict, Array(ictStaff.dropFirst()), ictStaff[0])
        try await roster(vnpt, Array(vnptStaff.dropFirst()), vnptStaff[0])
        // Sở Y tế: tomorrow night's shift is missing and there is no leader the day after tomorrow.
        try await roster(health, Array(healthStaff.dropFirst()), healthStaff[0], skipShift: 8, skipLeaderDay: 3)

        try await inventory(ict: ict, health: health, on: db)
        try await incidents(ict: ict, health: health, now: now, timeZone: timeZone, publicURL: publicURL, on: db)
        try await Audit.record("demo.seed", entity: "province", id: province.id?.uuidString, unitID: nil, by: nil, on: db)
    }

    /// Three incidents: Sở Y tế's ransomware asking for emergency support (waiting for triage), a defacement of the
    /// public-service portal being handled by the response team, and an SSH brute-force closed with its final report.
    private static func incidents(ict: OrgUnit, health: OrgUnit, now: Date, timeZone: TimeZone, publicURL: String, on db: any Database) async throws {
        func principal(_ email: String) async throws -> Principal {
            let person = try await Person.query(on: db).filter(\.$email == email).first()
            guard let person, let loaded = try await Principal.load(personID: person.id!, tokenID: nil, on: db) else {
                throw Abort(.internalServerError, reason: "demo person \(email) missing")
            }
            return loaded
        }
        let hospitalAdmin = try await principal("quantri.syt@demo.truc.vn")
        let ictAdmin = try await principal("quantri.ttcntt@demo.truc.vn")
        let lead = try await principal("doitruong@demo.truc.vn")
        let systems = try await InformationSystem.query(on: db).all()
        func report(_ p: Principal, _ unit: OrgUnit, system: String, summary: String, detected: Date, status: IncidentCurrentStatus,
                    method: IncidentDetectionMethod, support: String? = nil) -> InitialIncidentReport {
            let s = systems.first { $0.name == system }
            return InitialIncidentReport(
                reporterOrganization: unit.name, reporterName: p.fullName, reporterPosition: nil, reporterPhone: "0912 000 030",
                reporterEmail: p.email, operatingUnit: unit.name, owningAgency: "UBND tỉnh (demo)", systemName: system,
                domains: s?.domains ?? [], ipAddresses: [], securityLevel: s?.securityLevel, purpose: s?.purpose,
                publicIPs: s?.publicIPs ?? [], summary: summary, detectedAt: detected, currentStatus: status, detectionMethod: method,
                notifiedParties: [.provincialCoordinator], supportRequested: support != nil, supportDetails: support,
                reportedAt: detected.addingTimeInterval(1800))
        }
        func create(_ p: Principal, _ unit: OrgUnit, title: String, tlp: TLP, _ r: InitialIncidentReport, at: Date) async throws -> Incident {
            let system = systems.first { $0.name == r.systemName && $0.$unit.id == unit.id }
            return try await IncidentService.create(unitID: unit.id!, input: IncidentInput(title: title, systemID: system?.id, tlp: tlp, namedPeople: nil, report: r),
                                                    by: p, on: db, zone: timeZone, publicURL: publicURL, now: at)
        }

        let ransomware = now.addingTimeInterval(-3 * 3600)
        _ = try await create(hospitalAdmin, health, title: "Mã độc mã hóa dữ liệu trên máy chủ HIS", tlp: .amber, report(
            hospitalAdmin, health, system: "Hệ thống quản lý bệnh viện",
            summary: "Nhiều tệp trên máy chủ HIS bị đổi đuôi .lockbit, có tệp đòi tiền chuộc. Máy chủ kết nối ra 198.51.100.77:443 "
                + "và tải về hxxp://update-his[.]example/patch.exe (SHA-256 0f343b0931126a20f133d67c2b018a3b5e4a4e2f5b2e3f9c4d1a6b7c8d9e0f12).",
            detected: ransomware, status: .ongoing, method: .monitoringSystem,
            support: "Đề nghị Đội ƯCSC hỗ trợ cô lập, phân tích mẫu mã độc và khôi phục dữ liệu."), at: ransomware.addingTimeInterval(1800))

        let defacement = now.addingTimeInterval(-26 * 3600)
        let portal = try await create(ictAdmin, ict, title: "Cổng dịch vụ công bị thay đổi giao diện", tlp: .green, report(
            ictAdmin, ict, system: "Cổng dịch vụ công tỉnh",
            summary: "Trang chủ dichvucong.demo.gov.vn hiển thị nội dung lạ. Nhật ký cho thấy khai thác CVE-2017-5638 (Apache Struts) từ 203.0.113.99.",
            detected: defacement, status: .contained, method: .userReport), at: defacement.addingTimeInterval(1800))
        try await IncidentService.triage(portal, IncidentTriageInput(severity: .high, category: .defacement), by: lead, on: db)
        try await IncidentService.assign(portal, to: lead.personID, by: lead, on: db)
        try await IncidentService.setStatus(portal, IncidentStatusInput(status: .inProgress, note: "Đội ƯCSC tiếp nhận"), by: lead, on: db)
        _ = try await IncidentService.addTask(portal, IncidentTaskInput(title: "Nâng cấp Apache Struts lên bản vá", note: nil,
                                                                        assigneeID: ictAdmin.personID, dueAt: now.addingTimeInterval(86_400)),
                                              by: lead, on: db, now: now)
        try await IncidentService.addUpdate(portal, IncidentUpdateInput(kind: "update", text: "Đã khôi phục trang chủ từ bản sao lưu, chặn 203.0.113.99 trên tường lửa."),
                                            by: ictAdmin, on: db)

        let bruteForce = now.addingTimeInterval(-9 * 86_400)
        let ssh = try await create(ictAdmin, ict, title: "Dò quét mật khẩu SSH vào máy chủ Trung tâm dữ liệu", tlp: .green, report(
            ictAdmin, ict, system: "Trung tâm dữ liệu tỉnh",
            summary: "Hơn 20.000 lần đăng nhập SSH thất bại từ 192.0.2.45 trong 2 giờ.", detected: bruteForce, status: .resolved,
            method: .logReview), at: bruteForce.addingTimeInterval(1800))
        try await IncidentService.triage(ssh, IncidentTriageInput(severity: .low, category: .scanning), by: lead, on: db)
        try await IncidentService.setStatus(ssh, IncidentStatusInput(status: .inProgress, note: nil), by: lead, on: db)
        try await IncidentService.writeFinalReport(ssh, FinalIncidentReport(
            whatHappened: "Dò quét mật khẩu SSH tự động từ 192.0.2.45, không đăng nhập thành công.", impact: "Không ảnh hưởng dịch vụ.",
            actionsTaken: "Chặn địa chỉ nguồn, bật fail2ban.", rootCause: "Cổng SSH mở ra Internet.",
            preventionMeasures: "Chỉ cho phép SSH qua VPN quản trị.", resolvedAt: bruteForce.addingTimeInterval(4 * 3600), recommendations: nil),
            by: ictAdmin, on: db, now: now)
        try await IncidentService.setStatus(ssh, IncidentStatusInput(status: .resolved, note: nil), by: lead, on: db)
        try await IncidentService.setStatus(ssh, IncidentStatusInput(status: .closed, note: "Đã gửi báo cáo kết thúc"), by: lead, on: db)
    }

    /// A small inventory shaped like a province's: after `truc import-nvd` on the shared feeds these assets get findings.
    private static func inventory(ict: OrgUnit, health: OrgUnit, on db: any Database) async throws {
        func system(_ unit: OrgUnit, _ name: String, _ level: Int, _ purpose: String, domains: [String] = [], ips: [String] = []) async throws -> InformationSystem {
            let s = InformationSystem(unitID: unit.id!, name: name, purpose: purpose, securityLevel: level, owner: unit.name, domains: domains, publicIPs: ips)
            try await s.create(on: db)
            return s
        }
        let datacenter = try await system(ict, "Trung tâm dữ liệu tỉnh", 4, "Hạ tầng dùng chung của tỉnh", ips: ["203.0.113.10"])
        let portal = try await system(ict, "Cổng dịch vụ công tỉnh", 3, "Dịch vụ công trực tuyến", domains: ["dichvucong.demo.gov.vn"], ips: ["203.0.113.20"])
        let hospital = try await system(health, "Hệ thống quản lý bệnh viện", 3, "Hồ sơ bệnh án điện tử", domains: ["his.syt.demo.gov.vn"])
        var assets: [Asset] = []
        func asset(_ unit: OrgUnit, _ system: InformationSystem?, _ kind: AssetKind, _ name: String, _ vendor: String, _ product: String,
                   _ version: String, ip: String? = nil, _ cpes: [String]) throws {
            let draft = AssetDraft(kind: kind, name: name, vendor: vendor, product: product, version: version, ipAddress: ip,
                                   cpes: try cpes.map { try CPEName(parsing: $0) })
            assets.append(Asset(id: UUID(), unitID: unit.id!, systemID: system?.id, draft: draft))
        }
        try asset(ict, datacenter, .router, "Router biên TTDL", "Cisco", "IOS", "15.2(4)E1", ip: "10.10.0.1",
                  ["cpe:2.3:o:cisco:ios:15.2\\(4\\)e1:*:*:*:*:*:*:*"])
        try asset(ict, datacenter, .switch, "Switch lõi TTDL", "Cisco", "IOS", "12.2(55)SE", ip: "10.10.0.2",
                  ["cpe:2.3:o:cisco:ios:12.2\\(55\\)se:*:*:*:*:*:*:*"])
        try asset(ict, datacenter, .firewall, "Tường lửa TTDL", "Fortinet", "FortiOS", "5.4.1", ip: "10.10.0.3",
                  ["cpe:2.3:o:fortinet:fortios:5.4.1:*:*:*:*:*:*:*"])
        try asset(ict, portal, .software, "Struts cổng DVC", "Apache", "Struts", "2.5.10", ["cpe:2.3:a:apache:struts:2.5.10:*:*:*:*:*:*:*"])
        try asset(ict, portal, .software, "Tomcat cổng DVC", "Apache", "Tomcat", "8.5.11", ["cpe:2.3:a:apache:tomcat:8.5.11:*:*:*:*:*:*:*"])
        try asset(health, hospital, .server, "Máy chủ HIS", "Microsoft", "Windows Server 2012 R2", "-",
                  ["cpe:2.3:o:microsoft:windows_server_2012:r2:*:*:*:*:*:*:*"])
        try asset(health, hospital, .software, "OpenSSL máy chủ HIS", "OpenSSL", "OpenSSL", "1.0.2j", ["cpe:2.3:a:openssl:openssl:1.0.2j:*:*:*:*:*:*:*"])
        try asset(health, nil, .router, "Router TP-Link phòng khám", "TP-Link", "TL-WR940N", "v4",
                  ["cpe:2.3:o:tp-link:wr940n_firmware:-:*:*:*:*:*:*:*", "cpe:2.3:h:tp-link:wr940n:4:*:*:*:*:*:*:*"])
        // Recent appliances with CVEs in the CISA KEV catalog (CVE-2024-21762, CVE-2023-4966): the demo knowledge base
        // (DemoKnowledge) gives them KEV findings with deadlines.
        try asset(health, hospital, .firewall, "Tường lửa VPN Sở Y tế", "Fortinet", "FortiOS", "7.0.12", ip: "10.20.0.1",
                  ["cpe:2.3:o:fortinet:fortios:7.0.12:*:*:*:*:*:*:*"])
        try asset(ict, portal, .server, "Cân bằng tải cổng DVC", "Citrix", "NetScaler ADC", "13.1-48.47", ip: "10.10.0.20",
                  ["cpe:2.3:a:citrix:netscaler_application_delivery_controller:13.1-48.47:*:*:*:-:*:*:*"])
        try await assets.create(on: db)
        try await InventoryService.replaceProducts(of: assets, on: db)
        try await monitors(ict: ict, health: health, portal: portal, hospital: hospital, on: db)
    }

    /// Demo monitors on loopback only: the app's own health check (up while `serve` runs on port 8080) and
    /// services that do not exist on a fresh machine (down), so the board, alerts and escalation have something
    /// to show. The TTCNTT status page is public.
    private static func monitors(ict: OrgUnit, health: OrgUnit, portal: InformationSystem, hospital: InformationSystem,
                                 on db: any Database) async throws {
        let now = Date()
        func monitor(_ unit: OrgUnit, _ system: InformationSystem?, _ name: String, _ kind: MonitorKind, _ target: String,
                     settings: MonitorSettings = MonitorSettings(), isPublic: Bool = false) async throws {
            let m = Monitor()
            m.id = UUID()
            m.$unit.id = unit.id!
            m.$system.id = system?.id
            m.name = name
            m.kind = kind
            m.target = target
            m.settings = settings
            m.intervalSeconds = 60
            m.timeoutMs = 5000
            m.retries = 1
            m.enabled = true
            m.isPublic = isPublic
            m.state = .pending
            m.tracker = MonitorStateTracker()
            m.nextDueAt = SchedulePlan.firstDue(id: m.id!, interval: 60, now: now)
            try await m.create(on: db)
        }
        try await monitor(ict, portal, "Cổng dịch vụ công (demo: chính Trực ATTT)", .http, "http://127.0.0.1:8080/healthz",
                          settings: MonitorSettings(keyword: "ok", maxLatencyMs: 2000), isPublic: true)
        try await monitor(ict, portal, "Kết nối Trung tâm tích hợp dữ liệu tỉnh (LGSP)", .tcp, "127.0.0.1:8080", isPublic: true)
        try await monitor(ict, nil, "Máy chủ thư nội bộ (SMTP)", .tcp, "127.0.0.1:2525")
        try await monitor(health, hospital, "Hệ thống quản lý bệnh viện (HTTPS)", .tls, "127.0.0.1:8443")
        try await monitor(health, hospital, "Tên miền his.syt.demo.gov.vn", .dns, "his.syt.demo.gov.vn",
                          settings: MonitorSettings(dnsRecordType: .a, dnsExpected: ["203.0.113.30"], dnsServer: "127.0.0.1:5353"))
        ict.statusPagePublic = true
        try await ict.save(on: db)
        // The demo's monitors (and its DNS stub on 127.0.0.1:5353) are on loopback, which the outbound policy refuses
        // unless the coordinator allows it: the demo allows 127.0.0.1 for the whole province.
        let loopback = OutboundAllowRecord()
        loopback.id = UUID()
        loopback.unitID = nil
        loopback.kind = "range"
        loopback.value = "127.0.0.1/32"
        loopback.note = "Demo: các giám sát mẫu chạy trên chính máy này / the demo monitors run on this machine"
        try await loopback.create(on: db)
    }

    private static func campaign(from template: CampaignTemplate, title: String, start: Date, end: Date, on db: any Database,
                                 dueAfterStartHours: Int = 0) async throws -> Campaign {
        let c = Campaign(title: title, startsAt: start, endsAt: end, timeZone: template.timeZone.identifier,
                         directive: template.directive, documents: template.documents, createdBy: nil)
        try await c.create(on: db)
        for (index, item) in template.items.enumerated() {
            try await ChecklistItem(campaignID: c.id!, position: index + 1, title: item.title, detail: item.detail, targetKinds: item.targetKinds,
                                    dueAt: start.addingTimeInterval(TimeInterval(item.dueOffsetHours + dueAfterStartHours) * 3600)).create(on: db)
        }
        return c
    }
}
