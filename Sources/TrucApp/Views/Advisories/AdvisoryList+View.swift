import Fluent
import Foundation
import TrucCore

/// The advisories the person may read, and (for the coordinator) the form that drafts one.
enum AdvisoryList {}

extension AdvisoryList {
    struct Model {
        let advisories: [AdvisoryDTO]
        let metadata: PageMetadata
        let mayDraft: Bool
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t(.advisories), body: """
            <h1>\(ctx.t("Cảnh báo an toàn thông tin", "Security advisories"))</h1>
            <p><a href="\(AdvisoryRoute.feed)">\(ctx.t("Nguồn Atom các cảnh báo công khai", "Atom feed of public advisories"))</a></p>
            \(Table(headers: [ctx.t("Số", "Reference"), ctx.t(.title), "TLP", ctx.t("Ban hành", "Published"), ctx.t(.deadline),
                              ctx.t("Đơn vị liên quan / chưa xong", "Units concerned / open")], model.advisories) { a in
                ["<a href=\"\(AdvisoryRoute.show(a.id))\">\(a.reference)</a>", "\(a.title)", VulnViews.tlp(a.tlp),
                 "\(a.publishedAt.map { ctx.date($0) } ?? ctx.t("Bản nháp", "Draft"))", "\(ctx.day(a.deadline))",
                 "\(a.unitCount ?? 0) / \(a.openCount ?? 0)"]
            })
            \(Pagination(ctx, metadata: model.metadata))
            \(model.mayDraft ? draftForm() : .empty)
            """)
        }

        func draftForm() -> HTML {
            """
            <h2>\(ctx.t("Soạn cảnh báo", "Draft an advisory"))</h2>
            <form class="stack" method="post" action="\(AdvisoryRoute.create)">\(ctx.csrfField)
              \(FormField.input(ctx.t(.title), name: "title", maxLength: 300, required: true))
              \(FormField.textarea(ctx.t("Nội dung", "Body"), name: "body"))
              <label>\(ctx.t("CVE (mỗi dòng một mã)", "CVEs (one per line)")) <textarea name="cves" placeholder="CVE-2022-22965"></textarea></label>
              <label>\(ctx.t("Mẫu CPE bị ảnh hưởng (mỗi dòng một mẫu)", "Affected CPE patterns (one per line)")) <textarea name="cpePatterns" placeholder="cpe:2.3:a:vmware:spring_framework:*:*:*:*:*:*:*:*"></textarea></label>
              \(FormField.textarea(ctx.t("Yêu cầu thực hiện", "Required action"), name: "requiredAction", required: true))
              \(FormField.input(ctx.t("Hạn hoàn thành", "Deadline"), name: "deadline", type: "datetime-local"))
              \(FormField.select("TLP", Select(name: "tlp", TLP.allCases, selected: TLP.green, value: \.rawValue, label: { "\($0.label) — \(ctx.t($0.vietnamese, $0.english))" })))
              <label><input type="checkbox" name="publish" value="true"> \(ctx.t("Ban hành ngay (xác định đơn vị bị ảnh hưởng và thông báo)", "Publish now (find the units concerned and notify them)"))</label>
              <button type="submit">\(ctx.t(.save))</button>
            </form>
            """
        }
    }
}
