import Foundation
import TrucCore
import Vapor

/// The message shown once after a form is saved, carried by `?msg=` in the redirect. Only these known keys are
/// shown (with optional counts, e.g. `msg=shifts-generated.12`), each with its own Vietnamese and English text,
/// so that a link can never put text of its own in the trusted message box. Anything else shows nothing.
struct Flash: Equatable, Sendable {
    enum Key: String, CaseIterable, Sendable {
        case saved, updated
        case sessionExpired = "session-expired"
        case personAdded = "person-added", passwordReset = "password-reset"
        case campaignCreated = "campaign-created", campaignCreatedFromTemplate = "campaign-created-from-template"
        case itemAdded = "item-added", itemSaved = "item-saved", itemDeleted = "item-deleted"
        case campaignAcknowledged = "campaign-acknowledged", campaignAlreadyAcknowledged = "campaign-already-acknowledged"
        case answerSaved = "answer-saved"
        case incidentReported = "incident-reported", sharingSaved = "sharing-saved", mailQueued = "mail-queued"
        case observableTLPChanged = "observable-tlp-changed", triaged, assigned, statusChanged = "status-changed"
        case timelineAdded = "timeline-added", taskAdded = "task-added", taskUpdated = "task-updated"
        case observablesAdded = "observables-added", finalReportSaved = "final-report-saved", evidenceUploaded = "evidence-uploaded"
        case alertAcknowledged = "alert-acknowledged", alertAlreadyAcknowledged = "alert-already-acknowledged"
        case slaSaved = "sla-saved"
        case systemAdded = "system-added", systemDeleted = "system-deleted", assetAdded = "asset-added"
        case assetsImported = "assets-imported", assetRematched = "asset-rematched", assetDeleted = "asset-deleted"
        case monitorAdded = "monitor-added", monitorDeleted = "monitor-deleted"
        case maintenanceAdded = "maintenance-added", maintenanceCancelled = "maintenance-cancelled", webhookDeleted = "webhook-deleted"
        case statusPagePublished = "status-page-published", statusPageWithdrawn = "status-page-withdrawn"
        case advisorySaved = "advisory-saved", advisoryPublished = "advisory-published"
        case shiftAdded = "shift-added", shiftsGenerated = "shifts-generated", shiftsImported = "shifts-imported"
        case shiftSaved = "shift-saved", shiftDeleted = "shift-deleted"
        case allowListAdded = "allow-list-added", allowListRemoved = "allow-list-removed"
        case feedSourceAdded = "feed-source-added", feedSourceDeleted = "feed-source-deleted", feedRunRequested = "feed-run-requested"
        case bundleImported = "bundle-imported"
        case scanImported = "scan-imported"

        /// How many counts the text takes.
        var arity: Int {
            switch self {
            case .observablesAdded, .slaSaved, .shiftsGenerated, .shiftsImported: 1
            case .assetsImported, .bundleImported: 3
            case .scanImported: 4
            default: 0
            }
        }
    }

    let key: Key
    let counts: [Int]

    init(_ key: Key, _ counts: Int...) {
        precondition(counts.count == key.arity, "flash \(key) takes \(key.arity) count(s)")
        self.key = key
        self.counts = counts
    }

    /// The flash named by a `msg` value, or nil for anything unknown or malformed.
    init?(query: String) {
        let parts = query.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = parts.first, let key = Key(rawValue: String(first)), parts.count - 1 == key.arity else { return nil }
        var counts: [Int] = []
        for part in parts.dropFirst() {
            guard (1...9).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(part) else { return nil }
            counts.append(n)
        }
        self.key = key
        self.counts = counts
    }

    /// The `msg` value: the key, then the counts separated by dots (all URL-safe).
    var query: String { ([key.rawValue] + counts.map(String.init)).joined(separator: ".") }

    func text(_ lang: Lang) -> String {
        let (vi, en) = texts
        return lang == .vi ? vi : en
    }

    private var texts: (String, String) {
        let n = counts.first ?? 0
        switch key {
        case .saved: return ("Đã lưu", "Saved")
        case .updated: return ("Đã cập nhật", "Updated")
        case .sessionExpired: return ("Phiên làm việc đã hết hạn; hãy đăng nhập lại.", "Your session has expired; please sign in again.")
        case .personAdded: return ("Đã thêm cán bộ", "Person added")
        case .passwordReset: return ("Đã đặt lại mật khẩu", "Password reset")
        case .campaignCreated: return ("Đã tạo đợt cao điểm", "Campaign created")
        case .campaignCreatedFromTemplate: return ("Đã tạo đợt cao điểm từ mẫu", "Campaign created from the template")
        case .itemAdded: return ("Đã thêm mục kiểm tra", "Item added")
        case .itemSaved: return ("Đã lưu mục kiểm tra", "Item saved")
        case .itemDeleted: return ("Đã xoá mục kiểm tra", "Item deleted")
        case .campaignAcknowledged: return ("Đã xác nhận tiếp nhận", "Acknowledged")
        case .campaignAlreadyAcknowledged: return ("Đơn vị đã tiếp nhận trước đó", "Already acknowledged")
        case .answerSaved: return ("Đã lưu báo cáo", "Answer saved")
        case .incidentReported: return ("Đã gửi báo cáo sự cố", "Incident report sent")
        case .sharingSaved: return ("Đã lưu mức chia sẻ", "Sharing saved")
        case .mailQueued: return ("Đã đưa thư vào hàng gửi", "The e-mail is queued")
        case .observableTLPChanged: return ("Đã đổi TLP của dấu hiệu", "Observable TLP changed")
        case .triaged: return ("Đã phân loại", "Triaged")
        case .assigned: return ("Đã phân công", "Assigned")
        case .statusChanged: return ("Đã cập nhật trạng thái", "Status changed")
        case .timelineAdded: return ("Đã thêm vào diễn biến", "Added to the timeline")
        case .taskAdded: return ("Đã thêm công việc", "Task added")
        case .taskUpdated: return ("Đã cập nhật công việc", "Task updated")
        case .observablesAdded: return ("Đã thêm \(n) dấu hiệu", "\(n) observable(s) added")
        case .finalReportSaved: return ("Đã lưu báo cáo kết thúc", "Final report saved")
        case .evidenceUploaded: return ("Đã tải lên tệp minh chứng", "Evidence uploaded")
        case .alertAcknowledged: return ("Đã xác nhận cảnh báo. Cảnh báo sẽ không chuyển cấp nữa.", "Alert acknowledged. It will not escalate.")
        case .alertAlreadyAcknowledged: return ("Cảnh báo đã được xác nhận hoặc đã kết thúc.", "The alert was already acknowledged or is over.")
        case .scanImported:
            return ("Đã nhập báo cáo quét: \(counts[0]) lỗ hổng mới, \(counts[1]) không đổi, \(counts[2]) đã đóng, \(counts[3]) mở lại",
                    "Scan imported: \(counts[0]) new finding(s), \(counts[1]) unchanged, \(counts[2]) closed, \(counts[3]) reopened")
        case .bundleImported:
            return ("Đã nhập gói dữ liệu: \(counts[0]) mới, \(counts[1]) cập nhật, \(counts[2]) không đổi",
                    "Bundle imported: \(counts[0]) new, \(counts[1]) updated, \(counts[2]) unchanged")
        case .slaSaved: return ("Đã lưu; \(n) lỗ hổng có hạn mới", "Saved; \(n) finding(s) got a new deadline")
        case .systemAdded: return ("Đã thêm hệ thống", "System added")
        case .systemDeleted: return ("Đã xóa hệ thống", "System deleted")
        case .assetAdded: return ("Đã thêm tài sản", "Asset added")
        case .assetsImported:
            let (created, updated, findings) = (counts[0], counts[1], counts[2])
            return ("Đã nhập: \(created) tài sản mới, \(updated) cập nhật; \(findings) lỗ hổng mới",
                    "Imported: \(created) new asset(s), \(updated) updated; \(findings) new finding(s)")
        case .assetRematched: return ("Đã lưu và đối chiếu lại", "Saved and rematched")
        case .assetDeleted: return ("Đã xóa tài sản", "Asset deleted")
        case .monitorAdded: return ("Đã thêm giám sát", "Monitor added")
        case .monitorDeleted: return ("Đã xoá giám sát", "Monitor deleted")
        case .maintenanceAdded: return ("Đã thêm khung bảo trì", "Maintenance window added")
        case .maintenanceCancelled: return ("Đã huỷ khung bảo trì", "Maintenance window cancelled")
        case .webhookDeleted: return ("Đã xoá webhook", "Webhook deleted")
        case .statusPagePublished: return ("Đã bật trang trạng thái công khai", "Status page published")
        case .statusPageWithdrawn: return ("Đã tắt trang trạng thái công khai", "Status page withdrawn")
        case .advisorySaved: return ("Đã lưu cảnh báo", "Advisory saved")
        case .advisoryPublished: return ("Đã ban hành / tính lại", "Published / recomputed")
        case .shiftAdded: return ("Đã thêm ca trực", "Shift added")
        case .shiftsGenerated: return ("Đã tạo \(n) ca trực", "\(n) shifts generated")
        case .shiftsImported: return ("Đã nhập \(n) ca trực", "\(n) shifts imported")
        case .shiftSaved: return ("Đã lưu ca trực", "Shift saved")
        case .shiftDeleted: return ("Đã xoá ca trực", "Shift deleted")
        case .allowListAdded: return ("Đã thêm vào danh sách cho phép", "Added to the allow-list")
        case .allowListRemoved: return ("Đã xoá khỏi danh sách cho phép", "Removed from the allow-list")
        case .feedSourceAdded: return ("Đã thêm nhà cung cấp CSAF", "CSAF provider added")
        case .feedSourceDeleted: return ("Đã xoá nhà cung cấp CSAF", "CSAF provider deleted")
        case .feedRunRequested: return ("Đã yêu cầu đồng bộ: máy chủ chạy trong khoảng 30 giây tới", "Sync requested: the server runs it within about 30 seconds")
        }
    }
}

extension Flash {
    /// A same-site path (anything else becomes "/") with this message added to its query; a fragment stays last.
    func location(_ path: String) -> String {
        let target = LocalPath.validated(path, or: "/")
        let hash = target.firstIndex(of: "#")
        let base = hash.map { String(target[..<$0]) } ?? target
        let fragment = hash.map { String(target[$0...]) } ?? ""
        return base + (base.contains("?") ? "&" : "?") + "msg=" + query + fragment
    }
}

extension Request {
    /// 303 to a same-site path with a known message (see `Flash.location`).
    func redirect(to path: String, flash: Flash) -> Response {
        redirect(to: flash.location(path))
    }
}
