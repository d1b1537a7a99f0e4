import Fluent
import Foundation
import TrucCore

/// The incident list with its filters and the indicator export.
enum IncidentList {}

extension IncidentList {
    struct Model {
        /// With their units loaded.
        let incidents: [Incident]
        let metadata: PageMetadata
        let status: IncidentStatus?
        /// The signed-in person's unit, for the report link.
        let unitID: UUID

        static func query(for principal: Principal, status: IncidentStatus?, paging: Paging, on db: any Database) async throws -> Self {
            let page = paging.page(of: try await IncidentService.visible(to: principal, status: status, on: db))
            return Self(incidents: page.items, metadata: page.metadata, status: status, unitID: principal.unitID)
        }
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t(.incidents), body: """
            <h1>\(ctx.t("Sự cố an toàn thông tin mạng", "Cyber-security incidents"))</h1>
            <p><a href="\(IncidentRoute.new(unit: model.unitID))">\(ctx.t("Báo cáo sự cố (Mẫu 03)", "Report an incident (form 03)"))</a></p>
            \(filters())
            \(table())
            \(Pagination(ctx, metadata: model.metadata))
            \(export())
            """)
        }

        func filters() -> HTML {
            """
            <form class="filters" method="get" action="\(IncidentRoute.list)"><label>\(ctx.t(.status))
            \(Select(name: "status", IncidentStatus.allCases, selected: model.status, none: ctx.t(.all), value: \.rawValue, label: { ctx.t($0.vietnamese, $0.english) }))</label>
            <button>\(ctx.t(.filter))</button></form>
            """
        }

        func export() -> HTML {
            """
            <form class="filters" method="get" action="\(IncidentRoute.indicatorFeed)"><label>\(ctx.t("Xuất chỉ dấu (STIX 2.1) đến mức", "Export indicators (STIX 2.1) up to"))
            \(Select(name: "tlp", TLP.allCases, selected: TLP.green, value: \.rawValue, label: \.label))</label>
            <label>\(ctx.t("trong", "over the last")) <input type="number" name="days" value="90" min="1" max="3650"> \(ctx.t("ngày", "days"))</label>
            <button>\(ctx.t("Tải về", "Download"))</button></form>
            """
        }

        func table() -> HTML {
            Table(headers: [ctx.t("Số", "Reference"), ctx.t(.title), ctx.t(.unit), ctx.t(.status), ctx.t(.severity), "TLP",
                            ctx.t("Phát hiện", "Detected"), ctx.t("Báo cáo", "Reported")],
                  model.incidents, empty: ctx.t("Không có sự cố.", "No incidents.")) { i in
                let support: HTML = i.supportRequested ? " \(Badge(ctx.t("Đề nghị hỗ trợ", "Support requested"), className: "s-overdue"))" : .empty
                return ["<a href=\"\(IncidentRoute.show(i.id!))\">\(i.reference)</a>", "\(i.title)\(support)",
                        "\(i.unit.code)", "\(ctx.t(i.status.vietnamese, i.status.english))",
                        "\(i.severity.map { ctx.t($0.vietnamese, $0.english) } ?? "—")", "\(IncidentViews.tlp(i.tlp))",
                        "\(ctx.date(i.detectedAt))", "\(ctx.date(i.reportedAt))"]
            }.html
        }
    }
}
