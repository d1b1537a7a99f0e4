import Foundation

/// The creation form: from the 2023 directive template, or written by hand with up to five items.
enum CampaignNew {}

extension CampaignNew {
    struct Model {
        /// The year the template form proposes (this year in the campaigns' default time zone).
        var year: Int
        var defaultTimeZone: String
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t("Tạo đợt cao điểm", "New campaign"), body: """
            <h1>\(ctx.t("Tạo đợt cao điểm", "New campaign"))</h1>
            \(templateForm())
            \(ownForm())
            """)
        }

        func templateForm() -> HTML {
            """
            <h2>\(ctx.t("Từ mẫu chỉ đạo năm 2023 (Lễ 30/4 – 01/5)", "From the 2023 directive template (30/4 – 01/5 holidays)"))</h2>
            <form class="stack" method="post" action="\(CampaignRoute.createFromTemplate)">\(ctx.csrfField)
              <input type="hidden" name="template" value="le-30-4">
              <label>\(ctx.t("Năm", "Year")) <input type="number" name="year" min="2000" max="2100" value="\(model.year)" required></label>
              <p class="muted">\(ctx.t("Tạo 5 mục kiểm tra theo văn bản chỉ đạo, kèm các văn bản dẫn chiếu; thời gian 29/4 – 04/5 giờ địa phương.",
                                       "Creates the directive's 5 checklist items with its referenced documents; period 29/4 – 04/5 local time."))</p>
              <button type="submit">\(ctx.t("Tạo từ mẫu chỉ đạo 2023", "Create from the 2023 directive template"))</button>
            </form>
            """
        }

        func ownForm() -> HTML {
            """
            <h2>\(ctx.t("Tự soạn", "Write your own"))</h2>
            <form class="stack" method="post" action="\(CampaignRoute.create)">\(ctx.csrfField)
              \(CampaignFragments.campaignFields(ctx, title: "", start: "", end: "", timeZone: model.defaultTimeZone, directive: "", documents: ""))
              \((1...5).html(itemFields))
              <p class="muted">\(ctx.t("Có thể thêm mục kiểm tra sau khi tạo.", "More items can be added after creating the campaign."))</p>
              <button type="submit">\(ctx.t("Tạo", "Create"))</button>
            </form>
            """
        }

        func itemFields(_ i: Int) -> HTML {
            """
            <fieldset><legend>\(ctx.t("Mục kiểm tra", "Checklist item")) \(i)</legend>
              \(FormField.input(ctx.t(.title), name: "item\(i)_title", maxLength: 300))
              \(FormField.textarea(ctx.t(.detail), name: "item\(i)_detail"))
              \(CampaignFragments.kindBoxes(ctx, name: "item\(i)_kinds", checked: []))
              \(FormField.input(ctx.t(.itemDeadline), name: "item\(i)_due", type: "datetime-local"))
            </fieldset>
            """
        }
    }
}
