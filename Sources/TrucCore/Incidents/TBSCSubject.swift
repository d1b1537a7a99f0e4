import Foundation

/// E-mail subjects for messages about an incident to the national coordinator. The national forms' note: "Sử dụng
/// tiêu đề (subject) bắt đầu bằng "[TBSC]" khi gửi thông báo qua email" — TBSC for "thông báo sự cố".
///
/// A subject reads "[TBSC] <kind> <reference> – <organisation> – <summary>", e.g. "[TBSC] Báo cáo ban đầu sự cố
/// SC-2026-0007 – Sở Y tế – Tấn công thay đổi giao diện cổng thông tin". Every part is made one line (line breaks,
/// tabs and other control or invisible characters become spaces, runs of spaces one) so the result never contains
/// CR or LF; it is at most `maxLength` characters: the summary is shortened first (ending with "…") and dropped
/// if nothing of it fits, then the organisation; the reference is cut at 40 characters. An empty organisation
/// or summary is left out with its dash.
public enum TBSCSubject {
    /// "[TBSC]".
    public static let prefix = "[TBSC]"
    /// 200 characters.
    public static let maxLength = 200
    /// The separator between the parts: " – " (an en dash between spaces).
    public static let separator = " – "

    /// "[TBSC] Báo cáo ban đầu sự cố SC-2026-0007 – Sở Y tế – …" (Mẫu 03).
    public static func initialReport(reference: String, organization: String, summary: String) -> String {
        subject("Báo cáo ban đầu sự cố", reference, organization, summary)
    }

    /// "[TBSC] Cập nhật tình hình sự cố SC-2026-0007 – Sở Y tế – …": a situation update.
    public static func update(reference: String, organization: String, summary: String) -> String {
        subject("Cập nhật tình hình sự cố", reference, organization, summary)
    }

    /// "[TBSC] Báo cáo kết thúc ứng phó sự cố SC-2026-0007 – Sở Y tế – …" (Mẫu 04).
    public static func finalReport(reference: String, organization: String, summary: String) -> String {
        subject("Báo cáo kết thúc ứng phó sự cố", reference, organization, summary)
    }

    /// "[TBSC] Đề nghị hỗ trợ ứng cứu sự cố SC-2026-0007 – Sở Y tế – …": a request for help.
    public static func supportRequest(reference: String, organization: String, summary: String) -> String {
        subject("Đề nghị hỗ trợ ứng cứu sự cố", reference, organization, summary)
    }

    /// "[TBSC] Nhắc lại đề nghị hỗ trợ ứng cứu sự cố SC-2026-0007 – Sở Y tế – …": the request is still waiting.
    public static func supportReminder(reference: String, organization: String, summary: String) -> String {
        subject("Nhắc lại đề nghị hỗ trợ ứng cứu sự cố", reference, organization, summary)
    }

    private static func subject(_ kind: String, _ reference: String, _ organization: String,
                                _ summary: String) -> String {
        let reference = String(IncidentFormValidator.singleLine(reference).prefix(40))
        let head = [prefix, kind, reference].filter { !$0.isEmpty }.joined(separator: " ")
        var organization = IncidentFormValidator.singleLine(organization)
        let summary = IncidentFormValidator.singleLine(summary)

        func join(_ parts: [String]) -> String {
            ([head] + parts.filter { !$0.isEmpty }).joined(separator: separator)
        }
        let full = join([organization, summary])
        if full.count <= maxLength { return full }
        // Room left for the summary once head and organisation are in, with its separator and the ellipsis.
        let withoutSummary = join([organization])
        let room = maxLength - withoutSummary.count - separator.count - 1
        if room >= 1 {
            return join([organization, shortened(summary, to: room) + "…"])
        }
        if withoutSummary.count <= maxLength { return withoutSummary }
        let organizationRoom = maxLength - head.count - separator.count - 1
        guard organizationRoom >= 1 else { return String(head.prefix(maxLength)) }
        organization = shortened(organization, to: organizationRoom) + "…"
        return join([organization])
    }

    /// The first `count` characters, without a trailing space.
    private static func shortened(_ text: String, to count: Int) -> String {
        var result = String(text.prefix(count))
        while result.last == " " { result.removeLast() }
        return result
    }
}
