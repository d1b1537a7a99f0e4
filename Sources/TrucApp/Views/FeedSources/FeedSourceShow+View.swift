import Foundation
import TrucCore

extension FeedSourceShow {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            let source = model.source
            let id = source.id ?? .routeKey
            return PageFrame.page(ctx, title: source.name, body: """
            <h1>\(source.name)</h1>
            <p><a href="\(FeedSourceRoute.list)">\(ctx.t("← Đồng bộ nguồn dữ liệu", "← Feed sync"))</a></p>
            \(model.scheduleOn ? .empty : FeedSourceViews.scheduleOff(ctx))
            \(model.newKey.map { key in """
            <div class="flash" role="status"><p>\(ctx.t("Đã lưu khóa API (chỉ hiển thị một lần):", "API key saved (shown only once):")) <code>\(key)</code></p></div>
            """ as HTML } ?? .empty)
            \(ErrorMessage(text: model.error))
            <p>\(FeedSourceViews.kind(ctx, source.kind)) · \(FeedSourceViews.status(ctx, source)) · \(source.stateSummary)</p>
            <p>\(ctx.t("Lần chạy cuối", "Last run")): \(ctx.date(source.lastRunAt)) · \(ctx.t("thành công lần cuối", "last success")): \(ctx.date(source.lastSuccessAt)) · \(ctx.t("lần chạy tới", "next run")): \(source.enabled ? ctx.date(source.nextRunAt) : ctx.t("không (đang tắt)", "none (off)"))</p>
            \(PostButton(FeedSourceRoute.run(id), label: ctx.t("Chạy ngay", "Run now"), ctx: ctx))
            \(form(source, id: id))
            <h2>\(ctx.t("Các lần chạy", "Runs"))</h2>
            \(Table(headers: [ctx.t("Bắt đầu", "Started"), ctx.t("Kết thúc", "Finished"), ctx.t("Khởi chạy bởi", "Started by"), ctx.t("Gọi HTTP", "HTTP calls"),
                              ctx.t("Dữ liệu", "Bytes"), ctx.t("Bản ghi", "Records"), ctx.t("Kết quả", "Outcome"), ctx.t("Ghi chú", "Notes")],
                    model.runs, empty: ctx.t("Chưa chạy lần nào.", "No run yet.")) { run in
                ["\(ctx.date(run.startedAt))", "\(ctx.date(run.finishedAt))", "\(FeedSourceViews.trigger(ctx, run.trigger))", "\(run.httpCalls)",
                 "\(FeedSourceViews.bytes(run.bytes))", "\(FeedSourceViews.counts(ctx, run))", FeedSourceViews.outcome(ctx, run),
                 run.notes.split(separator: "\n").prefix(5).html { "\(String($0))<br>" }]
            })
            \(Pagination(ctx, metadata: model.metadata))
            \(source.kind.allowsMany ? """
            <h2>\(ctx.t("Xoá nhà cung cấp", "Delete the provider"))</h2>
            <p class="muted">\(ctx.t("Các tài liệu đã nhập vẫn được giữ; chỉ cấu hình và lịch sử chạy bị xoá.", "Documents already imported stay; only the settings and the runs are deleted."))</p>
            \(PostButton(FeedSourceRoute.delete(id), label: ctx.t("Xoá", "Delete"), ctx: ctx, className: "danger"))
            """ as HTML : .empty)
            """)
        }

        func form(_ source: FeedSource, id: UUID) -> HTML {
            """
            <h2>\(ctx.t("Cấu hình", "Settings"))</h2>
            <form class="stack" method="post" action="\(FeedSourceRoute.update(id))">\(ctx.csrfField)
              \(FormField.input(ctx.t(.name), name: "name", value: source.name, maxLength: FeedSourceSettings.maxNameLength, required: true))
              \(FormField.input(ctx.t("Địa chỉ", "Address"), name: "url", value: source.url, type: "url", maxLength: FeedSourceSettings.maxURLLength, required: true))
              <label>\(ctx.t("Chu kỳ (phút, 15 phút đến 30 ngày)", "Interval (minutes, 15 minutes to 30 days)")) <input type="number" name="intervalMinutes" min="\(FeedSourceSettings.intervalRange.lowerBound)" max="\(FeedSourceSettings.intervalRange.upperBound)" value="\(source.intervalMinutes)" required></label>
              <label><input type="checkbox" name="enabled" value="true"\(source.enabled ? HTML(raw: " checked") : .empty)> \(ctx.t("Bật đồng bộ theo lịch", "Sync on the schedule"))</label>
              \(source.kind.takesAPIKey ? """
              \(FormField.input(ctx.t("Khóa API NVD", "NVD API key"), name: "apiKey", type: "password", maxLength: FeedSourceSettings.maxAPIKeyLength,
                                hint: source.apiKey == nil ? ctx.t("Chưa đặt: tối đa 5 yêu cầu mỗi 30 giây; có khóa: 50.", "Not set: at most 5 requests per 30 s; with a key: 50.")
                                                           : ctx.t("Đã đặt (không hiển thị). Để trống để giữ nguyên.", "Set (not shown). Leave empty to keep it.")))
              \(source.apiKey == nil ? .empty : "<label><input type=\"checkbox\" name=\"clearAPIKey\" value=\"true\"> \(ctx.t("Xoá khóa API", "Remove the API key"))</label>" as HTML)
              """ as HTML : .empty)
              <button type="submit">\(ctx.t(.save))</button>
            </form>
            """
        }
    }
}
