import Foundation
import TrucCore

/// Pieces shared by the feed source pages (and the /feeds summary): a source's status and a run's outcome.
enum FeedSourceViews {
    static func kind(_ ctx: PageContext, _ kind: FeedSourceKind) -> String { ctx.t(kind.vietnamese, kind.english) }

    /// "Đang bật" / "Tắt", and the last error when the source is failing.
    static func status(_ ctx: PageContext, _ source: FeedSource) -> HTML {
        var parts: [HTML] = [source.enabled ? Badge(ctx.t("Đang bật", "On"), className: "s-done").html
                                            : Badge(ctx.t("Tắt", "Off")).html]
        if source.failures > 0, let error = source.lastError {
            parts.append("<span class=\"gap\">\(ctx.t("Lỗi", "Failed")) ×\(source.failures): \(String(error.prefix(200)))</span>")
        }
        if source.runRequestedAt != nil { parts.append(Badge(ctx.t("Chờ chạy", "Run requested")).html) }
        return parts.html { $0 }
    }

    static func interval(_ ctx: PageContext, _ minutes: Int) -> String {
        if minutes % 1440 == 0 { return "\(minutes / 1440) \(ctx.t("ngày", "day(s)"))" }
        if minutes % 60 == 0 { return "\(minutes / 60) \(ctx.t("giờ", "h"))" }
        return "\(minutes) \(ctx.t("phút", "min"))"
    }

    static func counts(_ ctx: PageContext, _ run: FeedRun) -> String {
        "\(run.created) \(ctx.t("mới", "new")), \(run.updated) \(ctx.t("cập nhật", "updated")), \(run.unchanged) \(ctx.t("không đổi", "unchanged")), \(run.skipped) \(ctx.t("bỏ qua", "skipped"))"
    }

    static func outcome(_ ctx: PageContext, _ run: FeedRun) -> HTML {
        if run.finishedAt == nil { return Badge(ctx.t("Đang chạy", "Running")).html }
        if let error = run.error { return "<span class=\"gap\">\(String(error.prefix(300)))</span>" }
        return "<span class=\"ok\">\(ctx.t("Thành công", "OK"))</span>"
    }

    static func trigger(_ ctx: PageContext, _ trigger: FeedRun.Trigger) -> String {
        switch trigger {
        case .schedule: ctx.t("theo lịch", "schedule")
        case .cli: ctx.t("dòng lệnh", "command line")
        case .web: ctx.t("yêu cầu trên web", "asked on the web")
        }
    }

    static func bytes(_ count: Int) -> String {
        count >= 1 << 20 ? String(format: "%.1f MB", Double(count) / 1_048_576) : count >= 1024 ? "\(count / 1024) KB" : "\(count) B"
    }

    /// The note shown when this instance does not run the schedule.
    static func scheduleOff(_ ctx: PageContext) -> HTML {
        """
        <p class="gap">\(ctx.t("Máy chủ này không tự đồng bộ (TRUC_FEED_SYNC=off): các lần chạy theo lịch và yêu cầu \"chạy ngay\" chỉ được thực hiện bởi máy chủ khác, hoặc bằng lệnh truc sync.",
                               "This server does not sync (TRUC_FEED_SYNC=off): scheduled runs and \"run now\" requests are done only by another instance, or with truc sync."))</p>
        """
    }
}
