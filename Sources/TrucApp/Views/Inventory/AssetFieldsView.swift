import Foundation
import TrucCore

/// The fields of an asset, shared by the add form (inventory page) and the edit form (asset page).
struct AssetFieldsView {
    let ctx: PageContext
    let systems: [InformationSystem]
    let asset: Asset?

    var html: HTML {
        """
          \(FormField.select(ctx.t(.kind), Select(name: "kind", AssetKind.allCases, selected: asset?.kind ?? .server, value: \.rawValue, label: { VulnViews.kind(ctx, $0) })))
          \(FormField.input(ctx.t(.name), name: "name", value: asset?.name, maxLength: 200, required: true))
          \(FormField.select(ctx.t(.system), Select(name: "systemID", systems, selected: systems.first { $0.id != nil && $0.id == asset?.$system.id }, none: ctx.t("(chưa gán)", "(none)"), value: { $0.id?.uuidString ?? "" }, label: \.name)))
          \(FormField.input(ctx.t("Hãng", "Vendor"), name: "vendor", value: asset?.vendor))
          \(FormField.input(ctx.t("Sản phẩm / model / hệ điều hành", "Product / model / OS"), name: "product", value: asset?.product))
          \(FormField.input(ctx.t("Phiên bản (firmware, hệ điều hành, phần mềm)", "Version (firmware, OS, software)"), name: "version", value: asset?.version))
          \(FormField.input(ctx.t("Tên máy", "Hostname"), name: "hostname", value: asset?.hostname))
          \(FormField.input("IP", name: "ipAddress", value: asset?.ipAddress))
          \(FormField.textarea(ctx.t("CPE 2.3 (mỗi dòng một tên)", "CPE 2.3 names (one per line)"), name: "cpes", value: asset?.cpesText))
          \(FormField.input(ctx.t("Ghi chú", "Notes"), name: "notes", value: asset?.notes))
        """
    }
}
