import Foundation
import TrucCore
import Vapor

/// What the incident pages share: the TLP badge, the people picker, the delivery states, and the report form's
/// fields as posted (read into an `IncidentInput`).
enum IncidentViews {
    /// "TLP:AMBER" in its colour.
    static func tlp(_ tlp: TLP) -> Badge {
        Badge(tlp.label, className: "tlp-" + tlp.rawValue.lowercased().replacingOccurrences(of: "+", with: "-"))
    }

    /// A multiple choice of people (for the people named on a TLP:RED incident).
    static func peoplePicker(_ ctx: PageContext, _ people: [IncidentPersonDTO], selected: Set<UUID>) -> HTML {
        """
        <label>\(ctx.t("Người được xem sự cố TLP:RED (ngoài người báo cáo và người được phân công)", "People who may see a TLP:RED incident (besides its reporter and assignee)"))
        <select name="namedPeople[]" multiple size="6">\(people.html { p in
            "<option value=\"\(p.id.uuidString)\"\(selected.contains(p.id) ? HTML(raw: " selected") : .empty)>\(p.fullName) &lt;\(p.email)&gt;</option>"
        })</select></label>
        """
    }

    /// People as options of a single choice, with an empty first option.
    static func personSelect(name: String, _ people: [IncidentPersonDTO], selected: UUID?) -> Select {
        Select(name: name, people, selected: people.first { $0.id == selected }, none: "—", value: \.id.uuidString, label: \.fullName)
    }

    static func deliveryStatus(_ ctx: PageContext, _ status: DeliveryStatus) -> String {
        switch status {
        case .pending: ctx.t("Chờ gửi", "Waiting")
        case .sending: ctx.t("Đang gửi", "Sending")
        case .sent: ctx.t("Đã gửi", "Sent")
        case .failed: ctx.t("Gửi không được", "Failed")
        }
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
}
