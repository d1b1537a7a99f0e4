import Foundation
import TrucCore

/// The backup page of the coordinator.
/// The coordinator's backup page (/settings/backups): the schedule and the newest scheduled backups.
enum BackupSettingsPage {}

extension BackupSettingsPage {
    struct Model {
        let policy: BackupPolicy
        /// The server's backup directory, when scheduled backups are on.
        let backupDirectory: String?
        let runs: [BackupRun]
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            Self.page(ctx, policy: model.policy, backupDirectory: model.backupDirectory, runs: model.runs)
        }

        static func page(_ ctx: PageContext, policy: BackupPolicy, backupDirectory: String?, runs: [BackupRun]) -> HTML {
            PageFrame.page(ctx, title: ctx.t(.backups), body: """
            <h1>\(ctx.t(.backups))</h1>
            \(backupDirectory == nil ? """
            <p class="gap">\(ctx.t("Máy chủ này không sao lưu tự động: biến môi trường TRUC_BACKUP_DIR chưa được đặt. Quản trị hệ thống có thể sao lưu bằng lệnh truc backup.",
                                   "This server makes no scheduled backups: TRUC_BACKUP_DIR is not set. The system administrator can back up with truc backup."))</p>
            """ as HTML : """
            <p>\(ctx.t("Máy chủ sao lưu tự động vào thư mục TRUC_BACKUP_DIR theo lịch dưới đây và chỉ giữ lại các bản mới nhất.",
                       "The server backs up into TRUC_BACKUP_DIR on the schedule below and keeps only the newest backups."))</p>
            """ as HTML)
            <form class="stack" method="post" action="\(BackupRoute.save)">
              \(ctx.csrfField)
              <label>\(ctx.t("Sao lưu mỗi (giờ)", "Back up every (hours)")) <input type="number" name="intervalHours" min="\(BackupPolicy.intervalRange.lowerBound)" max="\(BackupPolicy.intervalRange.upperBound)" value="\(policy.intervalHours)" required></label>
              <label>\(ctx.t("Số bản giữ lại", "Backups kept")) <input type="number" name="keep" min="\(BackupPolicy.keepRange.lowerBound)" max="\(BackupPolicy.keepRange.upperBound)" value="\(policy.keep)" required></label>
              <button type="submit">\(ctx.t(.save))</button>
            </form>
            <h2>\(ctx.t("Các lần sao lưu gần đây", "Recent backups"))</h2>
            \(runs.isEmpty ? "<p class=\"muted\">\(ctx.t("Chưa có lần sao lưu tự động nào.", "No scheduled backup yet."))</p>" as HTML : """
            <table><thead><tr><th>\(ctx.t(.file))</th><th>\(ctx.t("Thời gian", "Time"))</th><th>\(ctx.t("Dung lượng", "Size"))</th><th>\(ctx.t("Kết quả", "Outcome"))</th></tr></thead>
            <tbody>\(runs.html { run in """
              <tr><td>\(run.fileName)</td><td>\(ctx.date(run.startedAt))</td><td>\(run.bytes.map(size) ?? "")</td>
              <td>\(outcome(ctx, run))</td></tr>
              """ })</tbody></table>
            """ as HTML)
            <p class="muted">\(ctx.t("Khôi phục: dừng máy chủ, rồi chạy truc restore TỆP vào một cơ sở dữ liệu trống; tệp được kiểm tra trước và dữ liệu được đối chiếu với bản kê (manifest) sau khi khôi phục.",
                                     "Restoring: stop the server, then run truc restore FILE into an empty database; the file is checked first and the data compared with its manifest afterwards."))</p>
            """)
        }

        static func outcome(_ ctx: PageContext, _ run: BackupRun) -> HTML {
            if run.ok {
                let counts = "\(run.tables ?? 0) \(ctx.t("bảng", "tables")), \(run.rows ?? 0) \(ctx.t("dòng", "rows"))"
                return "<span class=\"ok\">\(ctx.t("Thành công", "OK"))</span> · \(counts)"
            }
            return "<span class=\"gap\">\(ctx.t("Thất bại", "Failed"))</span>: \(run.error)"
        }

        /// "12.3 MB".
        static func size(_ bytes: Int64) -> String {
            let units = ["B", "kB", "MB", "GB", "TB"]
            var value = Double(bytes)
            var unit = 0
            while value >= 1000, unit < units.count - 1 {
                value /= 1000
                unit += 1
            }
            return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
        }
    }
}
