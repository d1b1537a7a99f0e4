import Foundation
import TrucCore

extension OutboundList {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t("Kết nối ra ngoài", "Outbound connections"), body: body)
        }

        var unitSelect: Select {
            Select(name: "unitID", options: [Select.Option("", ctx.t("Toàn tỉnh", "Whole province"))]
                   + model.units.compactMap { unit in unit.id.map { Select.Option($0.uuidString, "\(unit.code) — \(unit.name)") } },
                   selected: nil)
        }

        var body: HTML {
            """
            <h1>\(ctx.t("Danh sách cho phép kết nối ra ngoài", "Outbound allow-list"))</h1>
            <p>\(ctx.t("Giám sát, webhook và máy chủ DNS riêng của giám sát chỉ được kết nối tới địa chỉ công cộng trên Internet. Địa chỉ mạng riêng (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7), địa chỉ dành riêng và tên miền nội bộ (.internal, .local…) bị chặn, trừ khi điều phối viên cấp tỉnh cho phép dưới đây — cho cả tỉnh hoặc cho một đơn vị. Địa chỉ loopback (chính máy chủ này) chỉ được cho phép bằng một dải nằm trong 127.0.0.0/8 hoặc ::1.",
                       "Monitors, webhooks and a monitor's own DNS server may only connect to public Internet addresses. Private addresses (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7), reserved addresses and internal names (.internal, .local…) are refused unless the provincial coordinator allows them below — for the whole province or for one unit. Loopback (this server itself) can only be allowed by a range within 127.0.0.0/8 or ::1."))</p>
            <p class="muted">\(ctx.t("Địa chỉ link-local (169.254.0.0/16, fe80::/10), dịch vụ metadata của máy ảo đám mây, 0.0.0.0, multicast và broadcast luôn bị chặn. Tên miền được phân giải khi lưu và lại ở mỗi lần kết nối (kể cả sau mỗi lần chuyển hướng); máy chủ chỉ kết nối tới địa chỉ đã kiểm tra.",
                                   "Link-local addresses (169.254.0.0/16, fe80::/10), cloud metadata services, 0.0.0.0, multicast and broadcast are always refused. Names are resolved when saved and again at every connection (after each redirect too); the server only connects to the address it checked."))</p>
            \(model.entries.isEmpty ? "<p class=\"muted\">\(ctx.t("Chưa cho phép dải địa chỉ hay tên miền nào.", "No range or name is allowed yet."))</p>" as HTML : """
            <table class="outbound"><thead><tr><th>\(ctx.t("Phạm vi", "Scope"))</th><th>\(ctx.t(.kind))</th><th>\(ctx.t("Dải địa chỉ / tên miền", "Range / name"))</th>
            <th>\(ctx.t("Lý do", "Why"))</th><th>\(ctx.t("Ngày thêm", "Added"))</th>\(model.canManage ? "<th></th>" as HTML : .empty)</tr></thead>
            <tbody>\(model.entries.html { entry in """
                <tr><td>\(entry.unitID.map { model.unitNames[$0] ?? $0.uuidString } ?? ctx.t("Toàn tỉnh", "Whole province"))</td>
                <td>\(entry.kind == "range" ? ctx.t("Dải địa chỉ", "Range") : ctx.t("Tên miền", "Name"))</td><td><code>\(entry.value)</code></td>
                <td>\(entry.note)</td><td>\(ctx.date(entry.createdAt))</td>
                \(model.canManage ? """
                <td><form method="post" action="\(OutboundRoute.delete(entry.id!))">\(ctx.csrfField)<button class="danger">\(ctx.t("Xoá", "Remove"))</button></form></td>
                """ as HTML : .empty)</tr>
                """ })</tbody></table>
            """ as HTML)
            \(Pagination(ctx, metadata: model.metadata))
            \(model.canManage ? """
            <h2>\(ctx.t("Cho phép thêm", "Allow another"))</h2>
            <form class="stack" method="post" action="\(OutboundRoute.create)">\(ctx.csrfField)
              <label>\(ctx.t("Dải địa chỉ (CIDR) hoặc tên miền", "Range (CIDR) or host name"))
                <input name="value" required maxlength="\(OutboundAllowEntry.maxLength)" placeholder="10.1.2.0/24, intranet.so-a.gov.vn, *.so-a.gov.vn"></label>
              <label>\(ctx.t("Áp dụng cho", "Applies to"))
                \(unitSelect)</label>
              <label>\(ctx.t("Lý do (hệ thống nào, ai đề nghị)", "Why (which system, who asked)"))
                <input name="note" required maxlength="\(OutboundAllowList.maxNoteLength)"></label>
              <button>\(ctx.t("Cho phép", "Allow"))</button>
            </form>
            """ as HTML : .empty)
            """
        }
    }
}
