import Foundation

extension CampaignList {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t(.campaigns), body: body())
        }

        func body() -> HTML {
            """
            <h1>\(ctx.t("Đợt cao điểm bảo đảm ATTT", "Security readiness campaigns"))</h1>
            \(model.mayCreate ? "<p><a href=\"\(CampaignRoute.new)\">\(ctx.t("Tạo đợt cao điểm mới", "New campaign"))</a></p>" as HTML : .empty)
            \(searchForm())
            \(Table(headers: [ctx.t(.title), ctx.t(.period), ctx.t(.state)], model.campaigns,
                    empty: ctx.t("Chưa có đợt cao điểm nào.", "No campaigns yet.")) { c in
                ["<a href=\"\(c.id.map { CampaignRoute.show($0).path })\">\(c.title)</a>", "\(CampaignFragments.period(c))",
                 CampaignFragments.stateLabel(ctx, c, now: model.now)]
            })
            \(Pagination(ctx, metadata: model.metadata))
            """
        }

        func searchForm() -> HTML {
            let states = [Select.Option("", ctx.t(.all)), Select.Option("active", ctx.t("Đang diễn ra", "Active")),
                          Select.Option("upcoming", ctx.t("Sắp diễn ra", "Upcoming")), Select.Option("ended", ctx.t("Đã kết thúc", "Ended"))]
            return """
            <form method="get" action="\(CampaignRoute.list)">
              <input name="q" value="\(model.q ?? "")" placeholder="\(ctx.t("Tìm theo tiêu đề", "Search the title"))">
              \(Select(name: "state", options: states, selected: model.state ?? ""))
              <button>\(ctx.t(.search))</button>
            </form>
            """
        }
    }
}
