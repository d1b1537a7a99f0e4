import Foundation
import TrucCore

extension IncidentNew {
    struct View {
        let ctx: PageContext
        let model: Model

        static let detectionKinds = ["monitoring_system", "log_review", "user_report", "external_notification", "audit", "other"]
        static let notifiedKinds = ["vncert", "ncsc", "authority_of_information_security", "police", "owning_agency", "isp", "provincial_coordinator"]

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t("Báo cáo ban đầu sự cố", "Initial incident report"), body: """
            <h1>\(ctx.t("Báo cáo ban đầu sự cố (Mẫu 03, Thông tư 20/2017/TT-BTTTT)", "Initial incident report (form 03, Circular 20/2017)")) – \(model.unitName)</h1>
            \(prefill())
            \(reportForm())
            """)
        }

        /// Choosing a system reloads the form with its details.
        func prefill() -> HTML {
            """
            <form class="filters" method="get" action="\(IncidentRoute.new(unit: model.unitID))"><label>\(ctx.t("Điền sẵn từ hệ thống", "Prefill from system"))
            \(Select(name: "systemID", model.systems, selected: model.systems.first { $0.id == model.systemID }, none: "—", value: \.id.uuidString, label: \.name))</label>
            <button>\(ctx.t("Điền sẵn", "Prefill"))</button></form>
            """
        }

        private func field(_ label: String, _ name: String, _ value: String?, required: Bool = false, type: String = "text") -> FormField {
            .input(required ? label + " *" : label, name: name, value: value, type: type, required: required)
        }

        private func area(_ label: String, _ name: String, required: Bool = false) -> FormField {
            .textarea(required ? label + " *" : label, name: name, value: nil, required: required)
        }

        /// The Mẫu 03 form, grouped as the paper form.
        func reportForm() -> HTML {
            """
            <form class="stack" method="post" action="\(IncidentRoute.create(unit: model.unitID))">\(ctx.csrfField)
            \(model.systemID.map { "<input type=\"hidden\" name=\"systemID\" value=\"\($0.uuidString)\">" as HTML } ?? .empty)
            \(field(ctx.t("Tiêu đề sự cố", "Incident title"), "title", nil, required: true))
            \(reporterSection())
            \(systemSection())
            \(incidentSection())
            <button type="submit">\(ctx.t("Gửi báo cáo ban đầu", "Send the initial report"))</button>
            </form>
            """
        }

        func reporterSection() -> HTML {
            let r = model.report
            return """
            <fieldset><legend>\(ctx.t("1. Tổ chức, cá nhân báo cáo", "1. Reporting organisation"))</legend>
            \(field(ctx.t("Tên tổ chức", "Organisation"), "reporterOrganization", r.reporterOrganization, required: true))
            \(field(ctx.t("Địa chỉ", "Address"), "reporterAddress", r.reporterAddress))
            \(field(ctx.t("Họ và tên", "Name"), "reporterName", r.reporterName, required: true))
            \(field(ctx.t("Chức vụ", "Position"), "reporterPosition", r.reporterPosition))
            \(field(ctx.t(.phone), "reporterPhone", r.reporterPhone, required: true))
            \(field("E-mail", "reporterEmail", r.reporterEmail, required: true, type: "email"))
            </fieldset>
            """
        }

        func systemSection() -> HTML {
            let r = model.report
            return """
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
            \(FormField.textarea(ctx.t("Biện pháp an toàn đã triển khai", "Security measures in place"), name: "securityMeasures", value: r.securityMeasures))
            </fieldset>
            """
        }

        func incidentSection() -> HTML {
            let r = model.report
            let detection = Self.detectionKinds.compactMap { kind in
                IncidentDetectionMethod(kind: kind, details: nil).map { Select.Option(kind, ctx.t($0.vietnamese, $0.english)) }
            }
            let notified = Self.notifiedKinds.compactMap { kind in NotifiedParty(kind: kind).map { (kind, ctx.t($0.vietnamese, $0.english)) } }
            return """
            <fieldset><legend>\(ctx.t("3. Thông tin sự cố", "3. The incident"))</legend>
            \(area(ctx.t("Mô tả sơ bộ (IP, tên miền, mã băm… được nhận diện tự động)", "Short description (IPs, domains, hashes… are picked out)"), "summary", required: true))
            \(field(ctx.t("Thời điểm phát hiện", "Detected at"), "detectedAt", ctx.inputDate(r.detectedAt), required: true, type: "datetime-local"))
            \(FormField.select(ctx.t("Tình trạng hiện tại", "Current status"),
                               Select(name: "currentStatus", IncidentCurrentStatus.allCases, selected: r.currentStatus, value: \.rawValue, label: { ctx.t($0.vietnamese, $0.english) })))
            \(FormField.select(ctx.t("Cách thức phát hiện", "How it was detected"), Select(name: "detectionMethod", options: detection, selected: r.detectionMethod.kind)))
            \(field(ctx.t("Chi tiết (ai thông báo, cách khác)", "Details (who notified, other way)"), "detectionDetails", r.detectionMethod.details))
            <p>\(ctx.t("Đã thông báo cho", "Already notified")): \(notified.html { "<label><input type=\"checkbox\" name=\"notified[]\" value=\"\($0.0)\"> \($0.1)</label> " })</p>
            <label><input type="checkbox" name="keepConfidential" value="true"> \(ctx.t("Đề nghị giữ bí mật thông tin sự cố", "Keep the incident confidential"))</label>
            <label><input type="checkbox" name="supportRequested" value="true"> \(ctx.t("Đề nghị hỗ trợ ứng cứu khẩn cấp", "Request emergency support"))</label>
            \(area(ctx.t("Nội dung đề nghị hỗ trợ", "Support needed"), "supportDetails"))
            \(FormField.select("TLP", Select(name: "tlp", TLP.allCases, selected: TLP.amber, value: \.rawValue, label: { "\($0.label) — \(ctx.t($0.vietnamese, $0.english))" })))
            \(IncidentViews.peoplePicker(ctx, model.people, selected: []))
            </fieldset>
            """
        }
    }
}
