import Foundation
import TrucCore

extension ScanHistory {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            let unitID = model.unit.id ?? .routeKey
            return PageFrame.page(ctx, title: ctx.t("Lịch sử quét", "Scan history") + " — \(model.unit.name)", body: """
            <h1>\(ctx.t("Lịch sử quét", "Scan history")) — \(model.unit.name)</h1>
            <p><a href="\(InventoryRoute.inventory(unit: unitID))">\(ctx.t("← Tài sản của đơn vị", "← The unit's inventory"))</a></p>
            \(model.canImport ? ScanHistory.uploadForm(ctx, unitID: unitID, maxMegabytes: model.maxMegabytes) : .empty)
            <h2>\(ctx.t("Các lần nhập", "Imports"))</h2>
            \(Table(headers: [ctx.t("Thời điểm", "When"), ctx.t("Người nhập", "By"), ctx.t("Tệp", "File"), ctx.t("Định dạng", "Format"),
                              ctx.t("Máy", "Hosts"), ctx.t("Kết quả", "Results"), ctx.t("Lỗ hổng mới / không đổi / đã đóng / mở lại", "Findings new / unchanged / closed / reopened")],
                    model.scans, empty: ctx.t("Chưa nhập báo cáo quét nào.", "No scan imported yet.")) { scan in
                ["\(ctx.date(scan.importedAt))", "\(scan.importedBy)",
                 """
                 <a href="\(InventoryRoute.scanFile(scan.id ?? .routeKey))">\(scan.fileName)</a><br><small class="muted">SHA-256 <code>\(scan.sha256)</code> · \(String(scan.size)) bytes</small>
                 """,
                 "\(scan.format.title)\(scan.tool.map { " (\($0))" } ?? "")",
                 "\(scan.hosts)", "\(scan.results)",
                 "\(scan.findingsNew) / \(scan.findingsUnchanged) / \(scan.findingsClosed) / \(scan.findingsReopened)"]
            })
            \(Pagination(ctx, metadata: model.metadata))
            """)
        }
    }

    /// The upload form (also on the inventory page).
    static func uploadForm(_ ctx: PageContext, unitID: UUID, maxMegabytes: Int) -> HTML {
        """
        <h2>\(ctx.t("Nhập báo cáo quét lỗ hổng hoặc SBOM", "Import a vulnerability scan or an SBOM"))</h2>
        <form class="stack" method="post" action="\(InventoryRoute.importScan(unit: unitID))" enctype="multipart/form-data">\(ctx.csrfField)
          <label>\(ctx.t(.file)) <input type="file" name="file" required></label>
          <p class="muted">\(ctx.t("Greenbone/OpenVAS (XML), Nessus (.nessus), Nuclei (JSON/JSONL), Trivy (JSON), CycloneDX 1.4–1.6 (JSON/XML); định dạng được nhận ra từ nội dung; tối đa \(maxMegabytes) MB. Máy và phần mềm thành tài sản, kết quả thành lỗ hổng; lỗ hổng của cùng công cụ quét không còn trên máy đã quét sẽ được đóng.",
                                   "Greenbone/OpenVAS (XML), Nessus (.nessus), Nuclei (JSON/JSONL), Trivy (JSON), CycloneDX 1.4–1.6 (JSON/XML); the format is recognised from the content; at most \(maxMegabytes) MB. Hosts and software become assets, results become findings; findings of the same scanner gone from a scanned host are closed."))</p>
          <button type="submit">\(ctx.t("Nhập báo cáo", "Import the report"))</button>
        </form>
        """
    }
}
