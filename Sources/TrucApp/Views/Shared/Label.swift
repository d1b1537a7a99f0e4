import Foundation

/// A text of the interface in Vietnamese and English. The labels that pages repeat are named here once
/// (`ctx.t(.save)`); a text that one page alone uses stays next to it (`ctx.t("…", "…")`).
struct Label: Sendable, Hashable {
    let vi: String
    let en: String

    init(_ vi: String, _ en: String) {
        self.vi = vi
        self.en = en
    }
}

extension Label {
    // Actions
    static let save = Label("Lưu", "Save")
    static let add = Label("Thêm", "Add")
    static let edit = Label("Sửa", "Edit")
    static let delete = Label("Xoá", "Delete")
    static let search = Label("Tìm", "Search")
    static let filter = Label("Lọc", "Filter")
    static let back = Label("Quay lại", "Back")
    static let signIn = Label("Đăng nhập", "Sign in")
    static let signOut = Label("Đăng xuất", "Sign out")
    static let acknowledge = Label("Xác nhận", "Acknowledge")
    static let previous = Label("Trước", "Previous")
    static let next = Label("Sau", "Next")
    static let page = Label("Trang", "Page")

    // Fields
    static let name = Label("Tên", "Name")
    static let fullName = Label("Họ tên", "Name")
    static let phone = Label("Điện thoại", "Phone")
    static let hotline = Label("Đường dây nóng", "Hotline")
    static let email = Label("Thư điện tử", "E-mail")
    static let jobTitle = Label("Chức vụ", "Title")
    static let note = Label("Ghi chú", "Note")
    static let title = Label("Tiêu đề", "Title")
    static let detail = Label("Nội dung", "Detail")
    static let code = Label("Mã", "Code")
    static let kind = Label("Loại", "Kind")
    static let role = Label("Vai trò", "Role")
    static let status = Label("Trạng thái", "Status")
    static let state = Label("Trạng thái", "State")
    static let severity = Label("Mức độ", "Severity")
    static let deadline = Label("Hạn", "Deadline")
    static let period = Label("Thời gian", "Period")
    static let from = Label("Từ", "From")
    static let to = Label("Đến", "To")
    static let at = Label("Lúc", "At")
    static let start = Label("Bắt đầu", "Start")
    static let file = Label("Tệp", "File")
    static let unit = Label("Đơn vị", "Unit")
    static let system = Label("Hệ thống", "System")
    static let campaign = Label("Đợt cao điểm", "Campaign")
    static let checklistItem = Label("Mục kiểm tra", "Item")
    static let all = Label("Tất cả", "All")
    static let none = Label("Không có", "None")
    static let overdue = Label("Quá hạn", "Overdue")
    static let notAcknowledged = Label("Chưa tiếp nhận", "Not acknowledged")
    static let itemDeadline = Label("Hạn báo cáo (để trống: cuối đợt)", "Deadline (empty: end of the campaign)")

    // Places
    static let overview = Label("Tổng quan", "Overview")
    static let units = Label("Đơn vị", "Units")
    static let contacts = Label("Danh bạ", "Contacts")
    static let campaigns = Label("Đợt cao điểm", "Campaigns")
    static let roster = Label("Lịch trực", "Roster")
    static let dutyRoster = Label("Lịch trực", "Duty roster")
    static let onDuty = Label("Đang trực", "On duty")
    static let whoIsOnDuty = Label("Ai đang trực", "Who is on duty")
    static let inventory = Label("Tài sản", "Inventory")
    static let findings = Label("Lỗ hổng", "Findings")
    static let advisories = Label("Cảnh báo", "Advisories")
    static let monitoring = Label("Giám sát", "Monitoring")
    static let monitoringAlerts = Label("Cảnh báo giám sát", "Monitoring alerts")
    static let incidents = Label("Sự cố", "Incidents")
    static let auditLog = Label("Nhật ký", "Audit log")
    static let apiTokens = Label("Token API", "API tokens")
    static let twoFactor = Label("Xác thực hai lớp", "Two-factor sign-in")
    static let backups = Label("Sao lưu dữ liệu", "Backups")
}
