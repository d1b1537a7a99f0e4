import Foundation
import TrucCore

extension FeedSourceList {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t("Đồng bộ nguồn dữ liệu", "Feed sync"), body: """
            <h1>\(ctx.t("Đồng bộ nguồn dữ liệu tự động", "Scheduled feed sync"))</h1>
            <p><a href="\(VulnerabilityRoute.feeds)">\(ctx.t("← Nguồn dữ liệu lỗ hổng", "← Vulnerability data sources"))</a></p>
            \(model.scheduleOn ? .empty : FeedSourceViews.scheduleOff(ctx))
            <p class="muted">\(ctx.t("NVD đọc theo trang khi tải lần đầu, sau đó chỉ đọc thay đổi; KEV và EPSS tải lại khi tệp thay đổi; nhà cung cấp CSAF đọc theo provider-metadata.json. Từ dòng lệnh: truc sync [nvd|kev|epss|csaf].",
                                     "NVD is read page by page on the first load, then only changes; KEV and EPSS are fetched again when the file changed; CSAF providers are read from their provider-metadata.json. From the command line: truc sync [nvd|kev|epss|csaf]."))</p>
            \(Table(headers: [ctx.t(.name), ctx.t("Loại", "Kind"), ctx.t("Chu kỳ", "Interval"), ctx.t("Trạng thái", "Status"),
                              ctx.t("Tiến độ", "Progress"), ctx.t("Lần chạy cuối", "Last run"), ctx.t("Lần chạy tới", "Next run")],
                    model.sources, empty: ctx.t("Chưa có nguồn nào.", "No source yet.")) { source in
                ["<a href=\"\(FeedSourceRoute.show(source.id ?? .routeKey))\">\(source.name)</a>", "\(FeedSourceViews.kind(ctx, source.kind))",
                 "\(FeedSourceViews.interval(ctx, source.intervalMinutes))", FeedSourceViews.status(ctx, source),
                 "\(source.stateSummary)", "\(ctx.date(source.lastRunAt))", "\(source.enabled ? ctx.date(source.nextRunAt) : "—")"]
            })
            \(Pagination(ctx, metadata: model.metadata))
            <h2>\(ctx.t("Thêm nhà cung cấp CSAF 2.0", "Add a CSAF 2.0 provider"))</h2>
            <form class="stack" method="post" action="\(FeedSourceRoute.create)">\(ctx.csrfField)
              \(FormField.input(ctx.t("Địa chỉ provider-metadata.json", "provider-metadata.json address"), name: "url", type: "url",
                                maxLength: FeedSourceSettings.maxURLLength, required: true,
                                placeholder: "https://example.com/.well-known/csaf/provider-metadata.json"))
              \(FormField.input(ctx.t(.name), name: "name", maxLength: FeedSourceSettings.maxNameLength))
              <label>\(ctx.t("Chu kỳ (phút)", "Interval (minutes)")) <input type="number" name="intervalMinutes" min="\(FeedSourceSettings.intervalRange.lowerBound)" max="\(FeedSourceSettings.intervalRange.upperBound)" value="\(FeedSourceKind.csaf.defaultIntervalMinutes)"></label>
              <input type="hidden" name="enabled" value="true">
              <button type="submit">\(ctx.t("Thêm", "Add"))</button>
            </form>
            """)
        }
    }
}
