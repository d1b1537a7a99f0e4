import Foundation
import TrucCore

/// One unit's acknowledgement and answers, with the forms when the person may report for it; shown on the
/// campaign page (for one's own units) and on the unit's answers page. `back` is where the forms return to.
struct CampaignUnitSection: HTMLComponent {
    let ctx: PageContext
    let campaign: Campaign
    let view: UnitCampaignDTO
    let back: any WebRoute

    private var campaignID: UUID { view.campaignID }
    private func d(_ date: Date?) -> String { date.map { VNDateFormat.format($0, timeZone: campaign.zone) } ?? "" }

    var html: HTML {
        """
        <section id="unit-\(view.unit.id)">
          <h3><a href="\(CampaignRoute.unit(campaignID, unit: view.unit.id))">\(view.unit.name)</a> <span class="muted">(\(ctx.kind(view.unit.kind)))</span></h3>
          \(acknowledgement)
          \(view.items.html(entry))
        </section>
        """
    }

    private var acknowledgement: HTML {
        if let a = view.acknowledgement {
            return "<p class=\"badge s-done\">\(ctx.t("Đã tiếp nhận lúc", "Acknowledged at")) \(d(a.at))\(a.personName.map { " — \($0)" } ?? "")</p>"
        } else if view.canReport {
            return """
            <form method="post" action="\(CampaignRoute.acknowledge(campaignID, unit: view.unit.id))">\(ctx.csrfField)
              <input type="hidden" name="next" value="\(back.path)">
              \(Badge(ctx.t(.notAcknowledged), className: "s-overdue"))
              <button type="submit">\(ctx.t("Xác nhận tiếp nhận", "Acknowledge"))</button>
            </form>
            """
        } else {
            return "<p class=\"badge s-overdue\">\(ctx.t(.notAcknowledged))</p>"
        }
    }

    private func entry(_ entry: UnitCampaignDTO.Entry) -> HTML {
        let item = entry.item
        let state = Badge(CampaignFragments.cellLabel(ctx, entry.state), className: "s-\(entry.state.rawValue)")
        let current: HTML = entry.report.map { r in """
            <p>\(ctx.t("Báo cáo hiện tại", "Current answer")): \(state)
            \(r.reporterName ?? "") · \(d(r.reportedAt))</p>
            \(r.note.isEmpty ? .empty : "<p>\(r.note)</p>" as HTML)
            \(r.evidence.map { e in "<p>\(ctx.t("Minh chứng", "Evidence")): <a href=\"\(CampaignRoute.evidence(e.id))\">\(e.filename)</a> (\(e.size) bytes, SHA-256 <code>\(e.sha256)</code>)</p>" as HTML } ?? .empty)
            """ } ?? "<p>\(state)</p>"
        return """
        <article class="card" id="item-\(item.id)">
          <h4>\(item.position). \(item.title)</h4>
          \(item.detail.isEmpty ? .empty : "<p class=\"muted\">\(item.detail)</p>" as HTML)
          <p>\(ctx.t(.deadline)): \(d(item.effectiveDueAt))\(entry.state == .overdue ? " \(Badge(ctx.t(.overdue), className: "s-overdue"))" as HTML : .empty)</p>
          \(current)
          \(view.canReport ? reportForm(entry) : .empty)
        </article>
        """
    }

    private func reportForm(_ entry: UnitCampaignDTO.Entry) -> HTML {
        let status = Select(name: "status", ItemStatus.allCases, selected: entry.report?.status,
                            value: \.rawValue, label: { ctx.t($0.vietnamese, $0.english) })
        return """
        <form class="stack" method="post" enctype="multipart/form-data" action="\(CampaignRoute.report(campaignID, item: entry.item.id, unit: view.unit.id))">\(ctx.csrfField)
          <input type="hidden" name="next" value="\(back.path)">
          \(FormField.select(ctx.t("Kết quả", "Status"), status))
          \(FormField.textarea(ctx.t("Ghi chú (bắt buộc khi có vướng mắc)", "Note (required for a problem)"), name: "note", value: entry.report?.note, maxLength: 4000))
          \(FormField.input(ctx.t("Tệp minh chứng (không bắt buộc)", "Evidence file (optional)"), name: "evidence", type: "file"))
          \(entry.report?.evidence != nil ? "<label><input type=\"checkbox\" name=\"removeEvidence\" value=\"true\"> \(ctx.t("Bỏ minh chứng cũ", "Remove the previous evidence"))</label>" as HTML : .empty)
          <button type="submit">\(ctx.t("Gửi báo cáo", "Submit"))</button>
        </form>
        """
    }
}
