import Foundation

/// The subject and text of the e-mails sent about an incident:
///
/// - to the national coordinator (VNCERT/CC): the initial report (Mẫu 03), a situation update or the final report
///   (Mẫu 04), in Vietnamese as the national forms are, with a "[TBSC]" subject (`TBSCSubject`);
/// - to the provincial response team and the coordinator when a unit asks for emergency support, in Vietnamese
///   then English, with a link to the incident. For a TLP:RED incident that message carries only the reference,
///   the unit and the reporter's contact: the rest is for the people named on it.
public struct IncidentNotice: Sendable, Equatable {
    public var subject: String
    public var body: String

    public init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }

    /// The facts of an incident that the notices use.
    public struct Facts: Sendable {
        public var reference: String
        public var title: String
        public var unitName: String
        public var tlp: TLP
        public var detectedAt: Date
        public var report: InitialIncidentReport?
        public var finalReport: FinalIncidentReport?

        public init(reference: String, title: String, unitName: String, tlp: TLP, detectedAt: Date,
                    report: InitialIncidentReport?, finalReport: FinalIncidentReport?) {
            self.reference = reference
            self.title = title
            self.unitName = unitName
            self.tlp = tlp
            self.detectedAt = detectedAt
            self.report = report
            self.finalReport = finalReport
        }

        var organization: String {
            let name = report?.reporterOrganization.trimmingCharacters(in: .whitespaces) ?? ""
            return name.isEmpty ? unitName : name
        }
    }

    /// The e-mail to VNCERT/CC. `note` is the sender's text: required for an update, a covering line otherwise.
    /// Throws when the incident is TLP:RED (not for sharing outside the named people), when a final report is
    /// asked before it is written, or when an update has no text.
    public static func national(_ kind: NationalNoticeKind, _ facts: Facts, note: String?, sender: String,
                                timeZone: TimeZone) throws(FieldValidationError) -> IncidentNotice {
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var problems: [FieldValidationError.Problem] = []
        func problem(_ field: String, _ vietnamese: String, _ english: String) {
            problems.append(.init(field: field, vietnamese: vietnamese, english: english))
        }
        if facts.tlp == .red {
            problem("tlp", "Sự cố TLP:RED chỉ dành cho những người được nêu tên; hãy đổi mức TLP trước khi gửi ra ngoài.",
                    "A TLP:RED incident is for the named people only; change its TLP before sending it outside.")
        }
        if kind == .final && facts.finalReport == nil {
            problem("kind", "Chưa có báo cáo kết thúc ứng phó (Mẫu 04).", "The final report (form 04) is not written yet.")
        }
        if kind == .update && note.isEmpty {
            problem("note", "Nội dung cập nhật tình hình bắt buộc.", "note: the situation update is required.")
        }
        if note.count > 20_000 {
            problem("note", "Nội dung tối đa 20000 ký tự.", "note: at most 20000 characters.")
        }
        if !problems.isEmpty { throw FieldValidationError(problems: problems) }

        let subject: String
        var lines = ["Kính gửi: Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam (VNCERT/CC)", ""]
        switch kind {
        case .initial:
            subject = TBSCSubject.initialReport(reference: facts.reference, organization: facts.organization, summary: facts.title)
            lines.append("\(facts.organization) báo cáo ban đầu sự cố \(facts.reference) (Mẫu 03, Thông tư 20/2017/TT-BTTTT).")
        case .update:
            subject = TBSCSubject.update(reference: facts.reference, organization: facts.organization, summary: facts.title)
            lines.append("\(facts.organization) cập nhật tình hình sự cố \(facts.reference): \(facts.title).")
        case .final:
            subject = TBSCSubject.finalReport(reference: facts.reference, organization: facts.organization, summary: facts.title)
            lines.append("\(facts.organization) báo cáo kết thúc ứng phó sự cố \(facts.reference) (Mẫu 04, Thông tư 20/2017/TT-BTTTT).")
        }
        if !note.isEmpty { lines += ["", note] }
        switch kind {
        case .initial:
            if let report = facts.report { lines += ["", IncidentFormLine.text(report.formLines(timeZone: timeZone))] }
        case .update:
            break
        case .final:
            if let final = facts.finalReport {
                lines += ["", IncidentFormLine.text(final.formLines(reference: facts.reference, title: facts.title,
                                                                     systemName: facts.report?.systemName,
                                                                     detectedAt: facts.detectedAt, timeZone: timeZone))]
            }
        }
        lines += ["", "TLP:\(facts.tlp.rawValue)", "--", "Người gửi: \(IncidentFormValidator.singleLine(sender))", "Gửi từ Trực ATTT."]
        return IncidentNotice(subject: subject, body: lines.joined(separator: "\n"))
    }

    /// The e-mail to the response team and the coordinator when the unit asks for emergency support; with
    /// `waitingMinutes`, the reminder sent when nobody has triaged the incident after that long.
    public static func supportRequest(_ facts: Facts, link: String, timeZone: TimeZone, waitingMinutes: Int? = nil) -> IncidentNotice {
        let red = facts.tlp == .red
        let summary = red ? "" : facts.title
        let subject = waitingMinutes == nil
            ? TBSCSubject.supportRequest(reference: facts.reference, organization: facts.organization, summary: summary)
            : TBSCSubject.supportReminder(reference: facts.reference, organization: facts.organization, summary: summary)
        let report = facts.report
        let contact = [report?.reporterName, report?.reporterPhone, report?.reporterEmail].compactMap { $0 }
            .filter { !$0.isEmpty }.joined(separator: " · ")
        let detected = VNDateFormat.format(facts.detectedAt, timeZone: timeZone)
        var lines: [String] = []
        if let waitingMinutes {
            lines += ["NHẮC LẠI: chưa ai phân loại sự cố sau \(waitingMinutes) phút.",
                      "REMINDER: nobody has triaged the incident after \(waitingMinutes) minutes."]
        }
        lines += [
            "\(facts.unitName) đề nghị hỗ trợ ứng cứu khẩn cấp sự cố \(facts.reference).",
            "\(facts.unitName) requests emergency support for incident \(facts.reference).",
            "",
        ]
        if red {
            lines += ["Sự cố TLP:RED: nội dung chỉ dành cho những người được nêu tên; hãy liên hệ người báo cáo.",
                      "TLP:RED incident: its content is for the named people only; contact the reporter."]
        } else {
            lines += ["Sự cố / Incident: \(facts.title)",
                      "Phát hiện / Detected: \(detected)",
                      "Hệ thống / System: \(report?.systemName ?? "—")"]
            if let details = report?.supportDetails, !details.isEmpty { lines.append("Đề nghị / Request: \(details)") }
            if let summary = report?.summary, !summary.isEmpty { lines += ["", summary] }
        }
        lines += ["", "Người báo cáo / Reporter: \(contact.isEmpty ? "—" : contact)",
                  "Xem sự cố / Open the incident: \(link)", "", "TLP:\(facts.tlp.rawValue)"]
        return IncidentNotice(subject: subject, body: lines.joined(separator: "\n"))
    }
}
