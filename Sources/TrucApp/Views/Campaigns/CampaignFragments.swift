import Foundation
import TrucCore

/// Pieces several campaign pages show: the period, the state badge, the directive and its documents, and the
/// fields of the campaign and item forms.
enum CampaignFragments {
    static func period(_ c: Campaign) -> String {
        VNDateFormat.format(c.startsAt, timeZone: c.zone) + " – " + VNDateFormat.format(c.endsAt, timeZone: c.zone)
    }

    static func stateLabel(_ ctx: PageContext, _ c: Campaign, now: Date) -> HTML {
        if now < c.startsAt { return Badge(ctx.t("Sắp diễn ra", "Upcoming")).html }
        if now < c.endsAt { return Badge(ctx.t("Đang diễn ra", "Active"), className: "s-done").html }
        return Badge(ctx.t("Đã kết thúc", "Ended"), className: "s-not_applicable").html
    }

    static func directiveBlock(_ ctx: PageContext, _ c: Campaign) -> HTML {
        let paragraphs = c.directive.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        return """
        \(paragraphs.isEmpty ? .empty : "<h2>\(ctx.t("Nội dung chỉ đạo", "Directive"))</h2>\(paragraphs.html { "<p>\($0)</p>" })" as HTML)
        \(documentsTable(ctx, c.documents))
        """
    }

    static func documentsTable(_ ctx: PageContext, _ documents: [ReferencedDocument]) -> HTML {
        guard !documents.isEmpty else { return .empty }
        return """
        <h2>\(ctx.t("Văn bản dẫn chiếu", "Referenced documents"))</h2>
        \(Table(headers: [ctx.t("Số hiệu", "Number"), ctx.t("Ngày", "Date"), ctx.t("Cơ quan ban hành", "Issuer"), ctx.t("Trích yếu", "Title")],
                documents) { d in
            ["\(d.number)", "\(LocalDay(iso: d.date).map { VNDateFormat.formatDay($0) } ?? d.date)", "\(d.issuer)", "\(d.title ?? "")"]
        })
        """
    }

    /// The checkboxes of the unit kinds an item is for (`name[]`).
    static func kindBoxes(_ ctx: PageContext, name: String, checked: [UnitKind]) -> HTML {
        """
        <fieldset><legend>\(ctx.t("Áp dụng cho loại đơn vị", "For units of kind"))</legend>\(UnitKind.allCases.html { k in
          "<label><input type=\"checkbox\" name=\"\(name)[]\" value=\"\(k.rawValue)\"\(checked.contains(k) ? HTML(raw: " checked") : .empty)> \(ctx.kind(k))</label>" })</fieldset>
        """
    }

    /// The fields of the new-campaign and edit-campaign forms.
    static func campaignFields(_ ctx: PageContext, title: String, start: String, end: String, timeZone: String,
                               directive: String, documents: String) -> HTML {
        """
        \(FormField.input(ctx.t(.title), name: "title", value: title, maxLength: 300, required: true))
        \(FormField.input(ctx.t("Bắt đầu", "Starts"), name: "startsAt", value: start, type: "datetime-local", required: true))
        \(FormField.input(ctx.t("Kết thúc", "Ends"), name: "endsAt", value: end, type: "datetime-local", required: true))
        \(FormField.input(ctx.t("Múi giờ (IANA)", "Time zone (IANA)"), name: "timeZone", value: timeZone))
        \(FormField.textarea(ctx.t("Nội dung chỉ đạo", "Directive"), name: "directive", value: directive))
        <label>\(ctx.t("Văn bản dẫn chiếu: mỗi dòng “số hiệu | ngày (dd/MM/yyyy) | cơ quan ban hành | trích yếu”",
                       "Referenced documents: one per line “number | date (dd/MM/yyyy) | issuer | title”"))
          <textarea name="documents" placeholder="1520/BTTTT-CATTT | 26/04/2023 | Bộ Thông tin và Truyền thông | …">\(documents)</textarea></label>
        """
    }

    /// The documents as the form's text: one "number | dd/MM/yyyy | issuer | title" a line.
    static func documentLines(_ documents: [ReferencedDocument]) -> String {
        documents.map { d in
            [d.number, LocalDay(iso: d.date).map { VNDateFormat.formatDay($0) } ?? d.date, d.issuer, d.title ?? ""]
                .joined(separator: " | ")
        }.joined(separator: "\n")
    }

    static func cellLabel(_ ctx: PageContext, _ cell: ComplianceBoard.Cell) -> String {
        CampaignService.cellLabel(cell, ctx.lang)
    }
}
