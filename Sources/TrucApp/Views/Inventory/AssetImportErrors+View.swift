import Foundation
import TrucCore

/// The answer to an asset CSV import with bad rows (nothing was imported): each row's problem.
enum AssetImportErrors {}

extension AssetImportErrors {
    struct Model {
        let unitID: UUID
        let filename: String
        let rows: [CSVRowError]
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            let count = model.rows.count
            return PageFrame.page(ctx, title: ctx.t("Lỗi nhập tài sản", "Asset import errors"), body: """
            <section class="error">
            <h1>\(ctx.t("Không nhập được tệp \(model.filename)", "Could not import \(model.filename)"))</h1>
            <p class="reason">\(ctx.t("Có \(count) lỗi; chưa nhập tài sản nào. Sửa các dòng dưới đây rồi nhập lại cả tệp.",
                                      "\(count) error(s); no asset was imported. Fix the rows below and import the whole file again."))</p>
            \(Table(headers: [ctx.t("Dòng", "Line"), ctx.t("Lỗi", "Problem")],
                    rows: model.rows.map { Table.Row(["\($0.line)", "\($0.message)"], className: "gap") }, className: "import-errors"))
            <p><a href="\(InventoryRoute.inventory(unit: model.unitID))">\(ctx.t(.back))</a></p>
            </section>
            """)
        }
    }
}
