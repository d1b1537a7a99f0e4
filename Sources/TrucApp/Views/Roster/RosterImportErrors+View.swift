import Foundation
import TrucCore

/// The answer to a roster CSV import with bad rows (nothing was imported): each row's problem.
enum RosterImportErrors {}

extension RosterImportErrors {
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
            return PageFrame.page(ctx, title: ctx.t("Lỗi nhập lịch trực", "Roster import errors"), body: """
            <section class="error">
            <h1>\(ctx.t("Không nhập được tệp \(model.filename)", "Could not import \(model.filename)"))</h1>
            <p class="reason">\(ctx.t("Có \(count) lỗi; chưa nhập ca trực nào. Sửa các dòng dưới đây rồi nhập lại cả tệp.",
                                      "\(count) error(s); no shift was imported. Fix the rows below and import the whole file again."))</p>
            \(Table(headers: [ctx.t("Dòng", "Line"), ctx.t("Lỗi", "Problem")],
                    rows: model.rows.map { Table.Row(["\($0.line)", "\($0.message)"], className: "gap") }, className: "import-errors"))
            <p><a href="\(RosterRoute.roster(unit: model.unitID))">\(ctx.t("Quay lại lịch trực", "Back to the roster"))</a></p>
            </section>
            """)
        }
    }
}
