import Foundation
import TrucCore

extension CampaignShow {
    struct View {
        let ctx: PageContext
        let model: Model

        private var campaign: Campaign { model.campaign }

        func document() -> HTML {
            PageFrame.page(ctx, title: campaign.title, body: """
            <h1>\(campaign.title)</h1>
            <p>\(ctx.t(.period)): <strong>\(CampaignFragments.period(campaign))</strong> (\(campaign.timeZone)) · \(CampaignFragments.stateLabel(ctx, campaign, now: model.now))</p>
            \(CampaignFragments.directiveBlock(ctx, campaign))
            <h2>\(ctx.t("Các mục kiểm tra", "Checklist"))</h2>
            \(checklist())
            \(model.mayEdit ? coordinatorForms() : .empty)
            \(ownUnits())
            \(model.showsBoard ? ComplianceBoardView(ctx: ctx, data: model.board, campaignID: model.campaignID).html : .empty)
            """)
        }

        func checklist() -> HTML {
            var headers = ["#", ctx.t("Mục kiểm tra", "Checklist item"), ctx.t("Áp dụng cho", "For"), ctx.t(.deadline)]
            if model.mayEdit { headers.append("") }
            return Table(headers: headers, model.items, empty: ctx.t("Chưa có mục kiểm tra.", "No checklist items yet.")) { item in
                let due = item.dueAt ?? campaign.endsAt
                var cells: [HTML] = [
                    "\(item.position)",
                    "<strong>\(item.title)</strong>\(item.detail.isEmpty ? .empty : "<br><span class=\"muted\">\(item.detail)</span>" as HTML)",
                    "\(item.targetKinds.map { ctx.kind($0) }.joined(separator: ", "))",
                    """
                    \(VNDateFormat.format(due, timeZone: campaign.zone))\(item.dueAt == nil ? " (\(ctx.t("cuối đợt", "end of campaign")))" : "")\
                    \(model.now > due ? " \(Badge(ctx.t("đã qua hạn", "past due"), className: "s-overdue"))" as HTML : .empty)
                    """,
                ]
                if model.mayEdit { cells.append(itemEditForms(item)) }
                return cells
            }.html
        }

        func coordinatorForms() -> HTML {
            let zone = campaign.zone
            return """
            <details class="noprint"><summary>\(ctx.t("Sửa thông tin đợt", "Edit the campaign"))</summary>
            <form class="stack" method="post" action="\(CampaignRoute.update(model.campaignID))">\(ctx.csrfField)
              \(CampaignFragments.campaignFields(ctx, title: campaign.title, start: VNDateFormat.datetimeLocal(campaign.startsAt, timeZone: zone),
                                                 end: VNDateFormat.datetimeLocal(campaign.endsAt, timeZone: zone), timeZone: campaign.timeZone,
                                                 directive: campaign.directive, documents: CampaignFragments.documentLines(campaign.documents)))
              <button type="submit">\(ctx.t(.save))</button>
            </form></details>
            <details class="noprint"><summary>\(ctx.t("Thêm mục kiểm tra", "Add a checklist item"))</summary>
            <form class="stack" method="post" action="\(CampaignRoute.addItem(model.campaignID))">\(ctx.csrfField)
              \(FormField.input(ctx.t(.title), name: "title", maxLength: 300, required: true))
              \(FormField.textarea(ctx.t(.detail), name: "detail"))
              \(CampaignFragments.kindBoxes(ctx, name: "kinds", checked: []))
              \(FormField.input(ctx.t(.itemDeadline), name: "dueAt", type: "datetime-local"))
              <label>\(ctx.t("Vị trí (để trống: cuối danh sách)", "Position (empty: last)")) <input type="number" name="position" min="1"></label>
              <button type="submit">\(ctx.t(.add))</button>
            </form></details>
            """
        }

        func itemEditForms(_ item: ChecklistItem) -> HTML {
            guard let itemID = item.id else { return .empty }
            return """
            <details class="noprint"><summary>\(ctx.t("Sửa / xoá", "Edit / delete"))</summary>
            <form class="stack" method="post" action="\(CampaignRoute.updateItem(model.campaignID, item: itemID))">\(ctx.csrfField)
              \(FormField.input(ctx.t(.title), name: "title", value: item.title, maxLength: 300, required: true))
              \(FormField.textarea(ctx.t(.detail), name: "detail", value: item.detail))
              \(CampaignFragments.kindBoxes(ctx, name: "kinds", checked: item.targetKinds))
              \(FormField.input(ctx.t(.itemDeadline), name: "dueAt", value: item.dueAt.map { VNDateFormat.datetimeLocal($0, timeZone: campaign.zone) }, type: "datetime-local"))
              <label>\(ctx.t("Vị trí", "Position")) <input type="number" name="position" min="1" value="\(item.position)"></label>
              <button type="submit">\(ctx.t(.save))</button>
            </form>
            <form method="post" action="\(CampaignRoute.deleteItem(model.campaignID, item: itemID))">\(ctx.csrfField)
              <label><input type="checkbox" name="force" value="true"> \(ctx.t("Xoá cả các báo cáo đã gửi", "Also delete the answers given"))</label>
              <button type="submit">\(ctx.t("Xoá mục", "Delete item"))</button>
            </form></details>
            """
        }

        func ownUnits() -> HTML {
            guard !model.ownUnits.isEmpty else { return .empty }
            let back = CampaignRoute.show(model.campaignID)
            let more: HTML = model.otherUnits.isEmpty ? .empty : """
                <p>\(ctx.t("Các đơn vị khác của bạn:", "Your other units:")) \(model.otherUnits.html { u in
                  "<a href=\"\(CampaignRoute.unit(model.campaignID, unit: u.id))\">\(u.name)</a> " })</p>
                """
            return """
            <h2>\(ctx.t("Báo cáo của đơn vị bạn", "Your units' answers"))</h2>\(model.ownUnits.html {
                CampaignUnitSection(ctx: ctx, campaign: campaign, view: $0, back: back).html })\(more)
            """
        }
    }
}
