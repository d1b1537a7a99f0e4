import Fluent
import Foundation
import TrucCore

extension FeedList {
    /// The scheduled sources on /feeds: each with its last run and its next one (the coordinator manages them on
    /// /feeds/sources).
    struct Sync {
        var sources: [FeedSource] = []
        var total = 0
        var lastRuns: [UUID: FeedRun] = [:]
        var scheduleOn = true
        var mayManage = false

        static let shown = 20

        static func query(principal: Principal, scheduleOn: Bool, on db: any Database) async throws -> Sync {
            let sources = try await FeedSource.query(on: db).sort(\.$kind, .descending).sort(\.$name).limit(shown).all()
            var lastRuns: [UUID: FeedRun] = [:]
            for source in sources {
                guard let id = source.id else { continue }
                lastRuns[id] = try await FeedRun.query(on: db).filter(\.$source.$id == id).sort(\.$startedAt, .descending).first()
            }
            return Sync(sources: sources, total: try await FeedSource.query(on: db).count(), lastRuns: lastRuns,
                        scheduleOn: scheduleOn, mayManage: principal.isCoordinator)
        }
    }

    struct SyncView {
        let ctx: PageContext
        let model: Sync

        func html() -> HTML {
            """
            <h2 id="sync">\(ctx.t("Đồng bộ tự động", "Scheduled sync"))</h2>
            \(model.scheduleOn ? .empty : FeedSourceViews.scheduleOff(ctx))
            \(Table(headers: [ctx.t("Nguồn", "Source"), ctx.t("Trạng thái", "Status"), ctx.t("Lần chạy cuối", "Last run"),
                              ctx.t("Kết quả", "Outcome"), ctx.t("Lần chạy tới", "Next run")],
                    model.sources, empty: ctx.t("Chưa có nguồn nào.", "No source yet.")) { source in
                let run = source.id.flatMap { model.lastRuns[$0] }
                return [model.mayManage ? "<a href=\"\(FeedSourceRoute.show(source.id ?? .routeKey))\">\(source.name)</a>" : "\(source.name)",
                        FeedSourceViews.status(ctx, source),
                        "\(ctx.date(run?.startedAt))",
                        run.map { "\(FeedSourceViews.outcome(ctx, $0)) · \(FeedSourceViews.counts(ctx, $0))" as HTML } ?? .empty,
                        "\(source.enabled ? ctx.date(source.nextRunAt) : "—")"]
            })
            \(model.mayManage ? "<p><a href=\"\(FeedSourceRoute.list)\">\(ctx.t("Quản lý nguồn, khóa API và lịch sử chạy", "Manage sources, API keys and run history"))</a> (\(model.total))</p>" as HTML : .empty)
            """
        }
    }
}
