import Foundation
import TrucCore
import Vapor

/// Pieces of the incident pages and the print-ready national forms.
enum IncidentViews {
    static func field(_ label: String, _ name: String, _ value: String?, required: Bool = false, type: String = "text") -> HTML {
        "<label>\(label)\(required ? " *" : "") <input type=\"\(type)\" name=\"\(name)\" value=\"\(value)\"\(required ? HTML(raw: " required") : .empty)></label>"
    }

    static func area(_ label: String, _ name: String, _ value: String?, required: Bool = false) -> HTML {
        "<label>\(label)\(required ? " *" : "") <textarea name=\"\(name)\"\(required ? HTML(raw: " required") : .empty)>\(value)</textarea></label>"
    }

    /// The Mẫu 03 form, grouped as the paper form.
    /// A multiple choice of people (for the people named on a TLP:RED incident).
    static func peoplePicker(_ ctx: PageContext, _ people: [Person], selected: Set<UUID>) -> HTML {
        """
        <label>\(ctx.t("Người được xem sự cố TLP:RED (ngoài người báo cáo và người được phân công)", "People who may see a TLP:RED incident (besides its reporter and assignee)"))
        <select name="namedPeople[]" multiple size="6">\(people.html { p in
            "<option value=\"\(p.id!.uuidString)\"\(selected.contains(p.id!) ? HTML(raw: " selected") : .empty)>\(p.fullName) &lt;\(p.email)&gt;</option>"
        })</select></label>
        """
    }

    static let detectionKinds = ["monitoring_system", "log_review", "user_report", "external_notification", "audit", "other"]
    static let notifiedKinds = ["vncert", "ncsc", "authority_of_information_security", "police", "owning_agency", "isp", "provincial_coordinator"]

    static func reportForm(_ ctx: PageContext, action: String, report r: InitialIncidentReport, systemID: UUID?, people: [Person]) -> HTML {
        """
        <form class="stack" method="post" action="\(action)">\(ctx.csrfField)
        \(systemID.map { "<input type=\"hidden\" name=\"systemID\" value=\"\($0.uuidString)\">" as HTML } ?? .empty)
        \(field(ctx.t("Tiêu đề sự cố", "Incident title"), "title", nil, required: true))
        <fieldset><legend>\(ctx.t("1. Tổ chức, cá nhân báo cáo", "1. Reporting organisation"))</legend>
        \(field(ctx.t("Tên tổ chức", "Organisation"), "reporterOrganization", r.reporterOrganization, required: true))
        \(field(ctx.t("Địa chỉ", "Address"), "reporterAddress", r.reporterAddress))
        \(field(ctx.t("Họ và tên", "Name"), "reporterName", r.reporterName, required: true))
        \(field(ctx.t("Chức vụ", "Position"), "reporterPosition", r.reporterPosition))
        \(field(ctx.t(.phone), "reporterPhone", r.reporterPhone, required: true))
        \(field("E-mail", "reporterEmail", r.reporterEmail, required: true, type: "email"))
        </fieldset>
        <fieldset><legend>\(ctx.t("2. Hệ thống bị sự cố", "2. Affected system"))</legend>
        \(field(ctx.t("Đơn vị vận hành", "Operating unit"), "operatingUnit", r.operatingUnit, required: true))
        \(field(ctx.t("Cơ quan chủ quản", "Owning agency"), "owningAgency", r.owningAgency, required: true))
        \(field(ctx.t("Tên hệ thống", "System name"), "systemName", r.systemName, required: true))
        \(field(ctx.t("Tên miền (cách nhau bởi dấu phẩy)", "Domains (comma-separated)"), "domains", r.domains.joined(separator: ", ")))
        \(field(ctx.t("Địa chỉ IP (cách nhau bởi dấu phẩy)", "IP addresses"), "ipAddresses", r.ipAddresses.joined(separator: ", ")))
        \(field(ctx.t("Địa chỉ IP công cộng", "Public IP addresses"), "publicIPs", r.publicIPs.joined(separator: ", ")))
        \(field(ctx.t("Cấp độ an toàn (1–5)", "Security level (1–5)"), "securityLevel", r.securityLevel.map(String.init), type: "number"))
        \(field(ctx.t("Đơn vị cung cấp dịch vụ an toàn", "Security provider"), "securityProvider", r.securityProvider))
        \(field(ctx.t("Đơn vị cung cấp kết nối", "Connectivity provider"), "connectivityProvider", r.connectivityProvider))
        \(field(ctx.t("Mục đích sử dụng", "Purpose"), "purpose", r.purpose))
        \(field(ctx.t("Hệ điều hành", "Operating systems"), "operatingSystems", r.operatingSystems))
        \(field(ctx.t("Các dịch vụ", "Services"), "services", r.services))
        \(area(ctx.t("Biện pháp an toàn đã triển khai", "Security measures in place"), "securityMeasures", r.securityMeasures))
        </fieldset>
        <fieldset><legend>\(ctx.t("3. Thông tin sự cố", "3. The incident"))</legend>
        \(area(ctx.t("Mô tả sơ bộ (IP, tên miền, mã băm… được nhận diện tự động)", "Short description (IPs, domains, hashes… are picked out)"), "summary", nil, required: true))
        \(field(ctx.t("Thời điểm phát hiện", "Detected at"), "detectedAt", ctx.inputDate(r.detectedAt), required: true, type: "datetime-local"))
        <label>\(ctx.t("Tình trạng hiện tại", "Current status")) <select name="currentStatus">\(VulnViews.options(IncidentCurrentStatus.allCases.map { ($0.rawValue, ctx.t($0.vietnamese, $0.english)) }, selected: r.currentStatus.rawValue))</select></label>
        <label>\(ctx.t("Cách thức phát hiện", "How it was detected")) <select name="detectionMethod">\(VulnViews.options(detectionKinds.compactMap { kind in IncidentDetectionMethod(kind: kind, details: nil).map { (kind, ctx.t($0.vietnamese, $0.english)) } }, selected: r.detectionMethod.kind))</select></label>
        \(field(ctx.t("Chi tiết (ai thông báo, cách khác)", "Details (who notified, other way)"), "detectionDetails", r.detectionMethod.details))
        <p>\(ctx.t("Đã thông báo cho", "Already notified")): \(notifiedKinds.compactMap { kind in NotifiedParty(kind: kind).map { (kind, ctx.t($0.vietnamese, $0.english)) } }.html { "<label><input type=\"checkbox\" name=\"notified[]\" value=\"\($0.0)\"> \($0.1)</label> " })</p>
        <label><input type="checkbox" name="keepConfidential" value="true"> \(ctx.t("Đề nghị giữ bí mật thông tin sự cố", "Keep the incident confidential"))</label>
        <label><input type="checkbox" name="supportRequested" value="true"> \(ctx.t("Đề nghị hỗ trợ ứng cứu khẩn cấp", "Request emergency support"))</label>
        \(area(ctx.t("Nội dung đề nghị hỗ trợ", "Support needed"), "supportDetails", nil))
        <label>TLP <select name="tlp">\(VulnViews.options(TLP.allCases.map { ($0.rawValue, "\($0.label) — \(ctx.t($0.vietnamese, $0.english))") }, selected: TLP.amber.rawValue))</select></label>
        \(peoplePicker(ctx, people, selected: []))
        </fieldset>
        <button type="submit">\(ctx.t("Gửi báo cáo ban đầu", "Send the initial report"))</button>
        </form>
        """
    }

    struct ReportForm: Content, LimitedInput {
        var title: String
        var systemID: String?
        var reporterOrganization: String
        var reporterAddress: String?
        var reporterName: String
        var reporterPosition: String?
        var reporterPhone: String
        var reporterEmail: String
        var operatingUnit: String
        var owningAgency: String
        var systemName: String
        var domains: String?
        var ipAddresses: String?
        var publicIPs: String?
        var securityLevel: String?
        var securityProvider: String?
        var connectivityProvider: String?
        var purpose: String?
        var operatingSystems: String?
        var services: String?
        var securityMeasures: String?
        var summary: String
        var detectedAt: String
        var currentStatus: String?
        var detectionMethod: String?
        var detectionDetails: String?
        var notified: [String]?
        var keepConfidential: String?
        var supportRequested: String?
        var supportDetails: String?
        var tlp: String?
        var namedPeople: [String]?

        /// The report's own texts are checked by `InitialIncidentReport.validated(now:)` once the form is read;
        /// these are the fields read before that.
        func checkLimits(_ check: inout TextLimitCheck) {
            check.text("title", title, TextLimit.title)
            for (field, value) in [("systemID", systemID), ("securityLevel", securityLevel), ("detectedAt", detectedAt),
                                   ("currentStatus", currentStatus), ("detectionMethod", detectionMethod),
                                   ("keepConfidential", keepConfidential), ("supportRequested", supportRequested), ("tlp", tlp)] {
                check.text(field, value, TextLimit.code)
            }
            for (field, value) in [("domains", domains), ("ipAddresses", ipAddresses), ("publicIPs", publicIPs)] {
                check.text(field, value, InitialIncidentReport.maxListEntries * (TextLimit.host + 2))
            }
            check.texts("notified", notified, InitialIncidentReport.shortTextLimit, maxEntries: InitialIncidentReport.maxListEntries)
            check.texts("namedPeople", namedPeople, TextLimit.code, maxEntries: IncidentService.maxNamedPeople)
        }
    }

    static func input(from f: ReportForm, zone: TimeZone, now: Date = Date()) throws -> IncidentInput {
        func list(_ text: String?) -> [String] {
            (text ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init).filter { !$0.isEmpty }
        }
        guard let detectedAt = VNDateFormat.parse(f.detectedAt, timeZone: zone) else {
            throw BilingualError.invalid("Thời điểm phát hiện không hợp lệ.", "detectedAt is not a date and time.")
        }
        var level: Int?
        if let text = f.securityLevel.nonEmpty {
            guard let value = Int(text) else { throw BilingualError.invalid("Cấp độ phải là số 1–5.", "securityLevel must be 1-5.") }
            level = value
        }
        let method = IncidentDetectionMethod(kind: f.detectionMethod ?? "other", details: f.detectionDetails.nonEmpty) ?? .other(f.detectionDetails ?? "")
        let report = InitialIncidentReport(
            reporterOrganization: f.reporterOrganization, reporterAddress: f.reporterAddress.nonEmpty, reporterName: f.reporterName,
            reporterPosition: f.reporterPosition.nonEmpty, reporterPhone: f.reporterPhone, reporterEmail: f.reporterEmail,
            operatingUnit: f.operatingUnit, owningAgency: f.owningAgency, systemName: f.systemName, domains: list(f.domains),
            ipAddresses: list(f.ipAddresses), securityLevel: level, securityProvider: f.securityProvider.nonEmpty,
            connectivityProvider: f.connectivityProvider.nonEmpty, purpose: f.purpose.nonEmpty, operatingSystems: f.operatingSystems.nonEmpty,
            services: f.services.nonEmpty, securityMeasures: f.securityMeasures.nonEmpty, publicIPs: list(f.publicIPs), summary: f.summary,
            detectedAt: detectedAt, currentStatus: f.currentStatus.flatMap(IncidentCurrentStatus.init(rawValue:)) ?? .unknown,
            detectionMethod: method, notifiedParties: (f.notified ?? []).compactMap { NotifiedParty(kind: $0, details: nil) },
            keepConfidential: f.keepConfidential == "true", supportRequested: f.supportRequested == "true",
            supportDetails: f.supportDetails.nonEmpty, reportedAt: now)
        return IncidentInput(title: f.title, systemID: f.systemID.nonEmpty.flatMap(UUID.init(uuidString:)),
                             tlp: f.tlp.flatMap(TLP.init(label:)), namedPeople: f.namedPeople?.compactMap(UUID.init(uuidString:)), report: report)
    }

    static func detail(_ ctx: PageContext, incident: Incident, dto: IncidentDTO, principal: Principal, people: [Person], nationalEmail: String?) -> HTML {
        let i = dto.incident
        let id = incident.id!
        let team = IncidentAccess.isResponseTeam(principal)
        let actor = IncidentAccess.actor(incident, principal)
        func may(_ action: IncidentAction) -> Bool { (try? IncidentTransition.check(action, status: incident.status, actor: actor)) != nil }
        return """
        <h1>\(i.reference): \(i.title) \(VulnViews.tlp(i.tlp))</h1>
        <p>\(incident.$unit.value?.name ?? "") · <strong>\(ctx.t(i.status.vietnamese, i.status.english))</strong>
        · \(ctx.t(.severity)): \(i.severity.map { ctx.t($0.vietnamese, $0.english) } ?? "—") · \(ctx.t("Loại", "Category")): \(i.category.map { ctx.t($0.vietnamese, $0.english) } ?? "—")</p>
        <p class="\(i.reportedLate ? "gap" : "muted")">\(ctx.t("Phát hiện", "Detected")) \(ctx.date(i.detectedAt)) · \(ctx.t("Báo cáo", "Reported")) \(ctx.date(i.reportedAt)) · \(ctx.t("Hạn báo cáo ban đầu (5 ngày)", "Initial report due (5 days)")) \(ctx.date(i.reportDeadline)) · \(dto.clock)</p>
        \(i.supportRequested ? "<p class=\"gap\">\(ctx.t("Đơn vị đề nghị hỗ trợ ứng cứu khẩn cấp", "The unit requests emergency support")): \(dto.report?.supportDetails ?? "")</p>" as HTML : .empty)
        <p><a href="/incidents/\(id)/print/initial">\(ctx.t("In Mẫu 03", "Print form 03"))</a> · \(dto.finalReport != nil ? "<a href=\"/incidents/\(id)/print/final\">\(ctx.t("In Mẫu 04", "Print form 04"))</a> · " as HTML : .empty)
        <a href="/incidents/\(id)/stix">STIX 2.1</a> · <a href="/incidents/\(id)/misp">MISP</a></p>
        <div class="card"><p style="white-space: pre-wrap">\(dto.report?.summary ?? "")</p></div>
        \(sharing(ctx, incident: incident, dto: dto, people: people, editable: may(.manageSharing)))
        \(national(ctx, incident: incident, dto: dto, nationalEmail: nationalEmail, allowed: may(.notifyNational)))
        <h2>\(ctx.t("Xử lý", "Response"))</h2>
        <div class="filters">
        \(team ? """
        <form method="post" action="/incidents/\(id)/triage">\(ctx.csrfField)
        <select name="severity">\(VulnViews.options(IncidentSeverity.allCases.map { ($0.rawValue, ctx.t($0.vietnamese, $0.english)) }, selected: i.severity?.rawValue))</select>
        <select name="category">\(VulnViews.options(IncidentCategory.allCases.map { ($0.rawValue, ctx.t($0.vietnamese, $0.english)) }, selected: i.category?.rawValue))</select>
        <button>\(ctx.t("Phân loại", "Triage"))</button></form>
        <form method="post" action="/incidents/\(id)/assign">\(ctx.csrfField)
        <select name="personID"><option value="">—</option>\(VulnViews.options(people.map { ($0.id!.uuidString, $0.fullName) }, selected: i.assigneeID?.uuidString))</select>
        <button>\(ctx.t("Phân công", "Assign"))</button></form>
        """ as HTML : .empty)
        \(dto.allowedStatuses.isEmpty ? .empty : """
        <form method="post" action="/incidents/\(id)/status">\(ctx.csrfField)
        <select name="status">\(VulnViews.options(dto.allowedStatuses.map { ($0.rawValue, ctx.t($0.vietnamese, $0.english)) }, selected: nil as String?))</select>
        <input name="note" placeholder="\(ctx.t(.note))"> <button>\(ctx.t("Chuyển trạng thái", "Change status"))</button></form>
        """ as HTML)
        </div>
        <form class="stack" method="post" action="/incidents/\(id)/updates">\(ctx.csrfField)
        <label>\(ctx.t("Cập nhật tình hình", "Situation update")) <textarea name="text" required></textarea></label>
        <select name="kind"><option value="update">\(ctx.t("Cập nhật tình hình", "Situation update"))</option><option value="comment">\(ctx.t("Bình luận", "Comment"))</option></select>
        <button>\(ctx.t("Thêm vào diễn biến", "Add to the timeline"))</button></form>
        <h2>\(ctx.t("Diễn biến", "Timeline"))</h2>
        <ol class="timeline">\(dto.timeline.html { "<li><span class=\"muted\">\(ctx.date($0.at)) · \($0.actorName) · \($0.kind)</span><br><span style=\"white-space: pre-wrap\">\($0.text)</span></li>" })</ol>
        <h2>\(ctx.t("Công việc", "Tasks"))</h2>
        <table><tbody>\(dto.tasks.html { t in """
            <tr><td>\(t.title)</td><td>\(t.dueAt.map { ctx.date($0) } ?? "")</td><td>\(t.status.rawValue)</td>
            <td>\(team && t.status == .open ? "<form method=\"post\" action=\"/incident-tasks/\(t.id)/status\">\(ctx.csrfField)<input type=\"hidden\" name=\"status\" value=\"done\"><button>\(ctx.t("Xong", "Done"))</button></form>" as HTML : .empty)</td></tr>
            """ })</tbody></table>
        \(team ? """
        <form class="filters" method="post" action="/incidents/\(id)/tasks">\(ctx.csrfField)
        <input name="title" required placeholder="\(ctx.t("Công việc", "Task"))">
        <select name="assigneeID"><option value="">—</option>\(VulnViews.options(people.map { ($0.id!.uuidString, $0.fullName) }, selected: nil as String?))</select>
        <input type="datetime-local" name="dueAt"> <button>\(ctx.t("Thêm công việc", "Add task"))</button></form>
        """ as HTML : .empty)
        <h2>\(ctx.t("Dấu hiệu (IOC)", "Observables"))</h2>
        <table><tbody>\(dto.observables.html { o in """
            <tr><td>\(o.kind.rawValue)</td><td><a href="/observables?kind=\(o.kind.rawValue)&amp;value=\(o.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"><code>\(o.defanged)</code></a></td>
            <td>\(may(.manageSharing) ? """
            <form class="inline" method="post" action="/incidents/\(id)/observables/\(o.id)/tlp">\(ctx.csrfField)<select name="tlp" aria-label="TLP">\(VulnViews.options(TLP.allCases.map { ($0.rawValue, $0.label) }, selected: o.tlp.rawValue))</select> <button>\(ctx.t("Đổi", "Set"))</button></form>
            """ as HTML : VulnViews.tlp(o.tlp))\(o.tlp > incident.tlp ? " <span class=\"muted\">\(ctx.t("không chia sẻ cùng sự cố", "not shared with the incident"))</span>" as HTML : .empty)</td><td>\((o.otherIncidents ?? []).isEmpty ? "" : ctx.t("Cũng có trong", "Also in") + " " + (o.otherIncidents ?? []).joined(separator: ", "))</td></tr>
            """ })</tbody></table>
        <form class="filters" method="post" action="/incidents/\(id)/observables">\(ctx.csrfField)
        <textarea name="text" placeholder="203.0.113[.]7, hxxp://…, CVE-…"></textarea> <button>\(ctx.t("Thêm dấu hiệu", "Add observables"))</button></form>
        <h2>\(ctx.t("Tệp minh chứng", "Evidence"))</h2>
        <ul>\(dto.evidence.html { "<li><a href=\"/incidents/\(id)/evidence/\($0.id)\">\($0.filename)</a> (\($0.size) B, SHA-256 <code>\($0.sha256)</code>)</li>" })</ul>
        <form method="post" action="/incidents/\(id)/evidence" enctype="multipart/form-data">\(ctx.csrfField)
        <input type="file" name="file" required> <input name="note" placeholder="\(ctx.t(.note))"> <button>\(ctx.t("Tải lên", "Upload"))</button></form>
        <h2>\(ctx.t("Báo cáo kết thúc ứng phó (Mẫu 04)", "Final report (form 04)"))</h2>
        <form class="stack" method="post" action="/incidents/\(id)/final-report">\(ctx.csrfField)
        \(area(ctx.t("Diễn biến, nguyên nhân", "What happened"), "whatHappened", dto.finalReport?.whatHappened, required: true))
        \(area(ctx.t("Thiệt hại, ảnh hưởng", "Impact"), "impact", dto.finalReport?.impact, required: true))
        \(area(ctx.t("Biện pháp đã xử lý", "Actions taken"), "actionsTaken", dto.finalReport?.actionsTaken, required: true))
        \(area(ctx.t("Nguyên nhân gốc", "Root cause"), "rootCause", dto.finalReport?.rootCause, required: true))
        \(area(ctx.t("Biện pháp phòng ngừa tái diễn", "Prevention"), "preventionMeasures", dto.finalReport?.preventionMeasures, required: true))
        \(field(ctx.t("Thời điểm khắc phục", "Resolved at"), "resolvedAt", dto.finalReport.map { ctx.inputDate($0.resolvedAt) }, required: true, type: "datetime-local"))
        \(area(ctx.t("Kiến nghị", "Recommendations"), "recommendations", dto.finalReport?.recommendations))
        <button>\(ctx.t("Lưu báo cáo kết thúc", "Save the final report"))</button></form>
        """
    }

    /// The TLP, the people named on the incident and, for those who may, the form to change them.
    static func sharing(_ ctx: PageContext, incident: Incident, dto: IncidentDTO, people: [Person], editable: Bool) -> HTML {
        let named = dto.namedPeople.map { "\($0.fullName) <\($0.email)>" }.joined(separator: ", ")
        return """
        <h2>\(ctx.t("Chia sẻ", "Sharing"))</h2>
        <p>\(VulnViews.tlp(incident.tlp)) \(ctx.t(incident.tlp.vietnamese, incident.tlp.english))\(named.isEmpty ? "" : " · \(ctx.t("Người được nêu tên", "Named people")): \(named)")</p>
        \(editable ? """
        <details><summary>\(ctx.t("Đổi mức chia sẻ, người được xem", "Change the sharing and who may see it"))</summary>
        <form class="stack" method="post" action="/incidents/\(incident.id!)/sharing">\(ctx.csrfField)
        <label>TLP <select name="tlp">\(VulnViews.options(TLP.allCases.map { ($0.rawValue, "\($0.label) — \(ctx.t($0.vietnamese, $0.english))") }, selected: incident.tlp.rawValue))</select></label>
        \(peoplePicker(ctx, people, selected: Set(dto.namedPeople.map(\.id))))
        <button>\(ctx.t(.save))</button></form></details>
        """ as HTML : .empty)
        """
    }

    /// Sending the "[TBSC]" reports to VNCERT/CC from the server, and the e-mails already queued about the incident.
    static func national(_ ctx: PageContext, incident: Incident, dto: IncidentDTO, nationalEmail: String?, allowed: Bool) -> HTML {
        let kinds = NationalNoticeKind.allCases.filter { $0 != .final || dto.finalReport != nil }
        let form: HTML
        if !allowed {
            form = .empty
        } else if incident.tlp == .red {
            form = "<p class=\"muted\">\(ctx.t("Sự cố TLP:RED không gửi ra ngoài; đổi mức TLP để gửi VNCERT/CC.", "A TLP:RED incident is not sent outside; change its TLP to send it to VNCERT/CC."))</p>"
        } else if let nationalEmail {
            form = """
            <form class="stack" method="post" action="/incidents/\(incident.id!)/notify-national">\(ctx.csrfField)
            <label>\(ctx.t("Nội dung gửi", "What to send")) <select name="kind">\(VulnViews.options(kinds.map { ($0.rawValue, ctx.t($0.vietnamese, $0.english)) }, selected: dto.finalReport != nil ? NationalNoticeKind.final.rawValue : nil))</select></label>
            <label>\(ctx.t("Nội dung cập nhật / lời nhắn", "Update text / covering note")) <textarea name="note"></textarea></label>
            <button>\(ctx.t("Gửi tới", "Send to")) \(nationalEmail)</button></form>
            """
        } else {
            form = "<p class=\"gap\">\(ctx.t("Danh bạ chưa có e-mail của VNCERT/CC.", "The contact directory has no e-mail for VNCERT/CC.")) <a href=\"/contacts\">\(ctx.t(.contacts))</a></p>"
        }
        return """
        <h2>\(ctx.t("Thông báo VNCERT/CC", "Notify VNCERT/CC"))</h2>
        <p class="muted">\(ctx.t("Tiêu đề", "Subject")): <code>\(dto.nationalSubject)</code></p>
        \(form)
        \(dto.mails.isEmpty ? .empty : """
        <table><thead><tr><th>\(ctx.t("Thư", "E-mail"))</th><th>\(ctx.t("Người nhận", "To"))</th><th>\(ctx.t(.status))</th><th>\(ctx.t("Gửi lúc", "Sent"))</th></tr></thead>
        <tbody>\(dto.mails.html { m in """
            <tr><td>\(m.subject)</td><td>\(m.recipient)</td><td>\(deliveryStatus(ctx, m.status))\(m.lastError.map { " <span class=\"muted\">(\($0))</span>" as HTML } ?? .empty)</td>
            <td>\(m.sentAt.map { ctx.date($0) } ?? "")</td></tr>
            """ })</tbody></table>
        """ as HTML)
        """
    }

    static func deliveryStatus(_ ctx: PageContext, _ status: DeliveryStatus) -> String {
        switch status {
        case .pending: ctx.t("Chờ gửi", "Waiting")
        case .sending: ctx.t("Đang gửi", "Sending")
        case .sent: ctx.t("Đã gửi", "Sent")
        case .failed: ctx.t("Gửi không được", "Failed")
        }
    }

    /// A bare printable page (no navigation), A4, Vietnamese as the national forms are.
    static func printPage(title: String, body: HTML) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="vi"><head><meta charset="utf-8"><title>\(title)</title>
        <style>body { font: 13pt "Times New Roman", serif; max-width: 19cm; margin: 1.5cm auto; } h1 { font-size: 15pt; text-align: center; }
        .head { display: flex; justify-content: space-between; text-align: center; } table { width: 100%; border-collapse: collapse; }
        td, th { border: 1px solid #000; padding: 4px 6px; vertical-align: top; } th { width: 38%; text-align: left; font-weight: normal; }
        @media print { a { display: none; } @page { size: A4; margin: 1.5cm; } }</style></head>
        <body>\(body)</body></html>
        """
    }

    static func row(_ label: String, _ value: String?) -> HTML { "<tr><th>\(label)</th><td style=\"white-space: pre-wrap\">\(value ?? "")</td></tr>" }

    static func printInitial(_ ctx: PageContext, incident: Incident, unit: OrgUnit) -> HTML {
        let r = incident.report
        return printPage(title: "Mẫu 03 – \(incident.reference)", body: """
        <div class="head"><div><strong>\(r?.reporterOrganization ?? unit.name)</strong><br>Số: \(incident.reference)</div>
        <div><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br>Độc lập – Tự do – Hạnh phúc</div></div>
        <p style="text-align:right"><em>Mẫu số 03 – Ban hành kèm theo Thông tư số 20/2017/TT-BTTTT</em></p>
        <h1>BÁO CÁO BAN ĐẦU SỰ CỐ MẠNG</h1>
        <p>Kính gửi: Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam (VNCERT/CC)</p>
        <table>
        \((r?.formLines(timeZone: ctx.timeZone) ?? []).html { row($0.label, $0.value) })
        </table>
        <p><em>Gửi qua thư điện tử với tiêu đề bắt đầu bằng "[TBSC]".</em></p>
        <p style="text-align:right"><strong>NGƯỜI BÁO CÁO</strong><br><br><br>\(r?.reporterName ?? "")</p>
        """)
    }

    static func printFinal(_ ctx: PageContext, incident: Incident, unit: OrgUnit) -> HTML {
        let f = incident.finalReport
        return printPage(title: "Mẫu 04 – \(incident.reference)", body: """
        <div class="head"><div><strong>\(incident.report?.reporterOrganization ?? unit.name)</strong><br>Số: \(incident.reference)</div>
        <div><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br>Độc lập – Tự do – Hạnh phúc</div></div>
        <p style="text-align:right"><em>Mẫu số 04 – Ban hành kèm theo Thông tư số 20/2017/TT-BTTTT</em></p>
        <h1>BÁO CÁO KẾT THÚC ỨNG PHÓ SỰ CỐ</h1>
        <table>
        \((f?.formLines(reference: incident.reference, title: incident.title, systemName: incident.report?.systemName,
                        detectedAt: incident.detectedAt, timeZone: ctx.timeZone) ?? []).html { row($0.label, $0.value) })
        </table>
        <p style="text-align:right"><strong>THỦ TRƯỞNG ĐƠN VỊ</strong></p>
        """)
    }
}
