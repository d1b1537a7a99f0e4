import Foundation

/// The form that adds or edits an information system (folded in a `<details>`, open when editing).
struct SystemFormView {
    let ctx: PageContext
    let action: InventoryRoute
    let system: InformationSystem?

    var html: HTML {
        """
        <details\(system == nil ? HTML.empty : HTML(raw: " open"))><summary>\(system == nil ? ctx.t("Thêm hệ thống thông tin", "Add an information system") : ctx.t("Sửa hệ thống", "Edit the system"))</summary>
        <form class="stack" method="post" action="\(action)">\(ctx.csrfField)
          \(FormField.input(ctx.t("Tên hệ thống", "System name"), name: "name", value: system?.name, maxLength: 300, required: true))
          \(FormField.select(ctx.t("Cấp độ (1–5)", "Security level (1–5)"), Select(name: "securityLevel", Array(1...5), selected: system?.securityLevel ?? 2, value: { "\($0)" }, label: { "\($0)" })))
          \(FormField.input(ctx.t("Mục đích", "Purpose"), name: "purpose", value: system?.purpose))
          \(FormField.input(ctx.t("Chủ quản", "Owner"), name: "owner", value: system?.owner))
          \(FormField.textarea(ctx.t("Tên miền (mỗi dòng một tên)", "Domains (one per line)"), name: "domains", value: system?.domainsText))
          \(FormField.textarea(ctx.t("IP công khai (mỗi dòng một địa chỉ)", "Public IPs (one per line)"), name: "publicIPs", value: system?.publicIPsText))
          <button type="submit">\(ctx.t(.save))</button>
        </form></details>
        """
    }
}
