import Foundation
import TrucCore

/// One advisory: its text, the coordinator's publish button, and the board of units with their answers.
enum AdvisoryShow {}

extension AdvisoryShow {
    struct Model {
        let advisory: Advisory
        let board: [AdvisoryUnitDTO]
        let mayPublish: Bool
        /// Units whose answer the person may give.
        let answerable: Set<UUID>

        init(advisory: Advisory, rows: [AdvisoryUnit], principal: Principal, now: Date) {
            self.advisory = advisory
            board = AdvisoryService.board(advisory, rows: rows, principal: principal, now: now)
            mayPublish = principal.isCoordinator
            answerable = Set(board.map(\.unitID).filter { principal.policy.allows(.report, on: $0) })
        }
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            let advisory = model.advisory
            let id = advisory.id ?? .routeKey
            return PageFrame.page(ctx, title: advisory.reference, body: """
            <h1>\(advisory.reference): \(advisory.title) \(VulnViews.tlp(advisory.tlp))</h1>
            <p>\(advisory.publishedAt.map { ctx.t("Ban hành", "Published") + " " + ctx.date($0) } ?? ctx.t("Bản nháp — chưa ban hành", "Draft — not published"))\(advisory.deadline.map { " · " + ctx.t(.deadline) + " " + ctx.date($0) } ?? "")</p>
            <div class="card"><p style="white-space: pre-wrap">\(advisory.body)</p>
            <p><strong>\(ctx.t("Yêu cầu", "Required action")):</strong> \(advisory.requiredAction)</p>
            <p>CVE: \(advisory.cves.html { "<a href=\"\(VulnerabilityRoute.cve($0))\">\($0)</a> " })</p>
            <p>CPE: \(advisory.cpePatterns.html { "<code class=\"cpe\">\($0)</code> " })</p></div>
            \(model.mayPublish ? """
            <form method="post" action="\(AdvisoryRoute.publish(id))">\(ctx.csrfField)<button>\(advisory.publishedAt == nil ? ctx.t("Ban hành và thông báo đơn vị", "Publish and notify the units") : ctx.t("Tính lại đơn vị bị ảnh hưởng", "Recompute the units concerned"))</button></form>
            """ as HTML : .empty)
            \(board())
            """)
        }

        func board() -> HTML {
            let counts = AdvisoryUnitState.allCases.map { state in (state, model.board.filter { $0.state == state }.count) }
            return """
            <h2>\(ctx.t("Bảng theo dõi đơn vị", "Unit board")) (\(model.board.count))</h2>
            <p>\(counts.html { "\(Badge("\(ctx.t($0.0.vietnamese, $0.0.english)): \($0.1)")) " })</p>
            \(Table(headers: [ctx.t(.unit), ctx.t("Tài sản khớp", "Matching assets"), ctx.t(.state), ctx.t("Xác nhận", "Acknowledged"), ctx.t(.note), ""],
                    rows: model.board.map { row in
                Table.Row([
                    "\(row.unitCode) — \(row.unitName)",
                    "\(row.matchedAssets)<br><span class=\"muted\">\(row.assetNames.prefix(5).joined(separator: ", "))</span>",
                    "\(ctx.t(row.state.vietnamese, row.state.english))\(row.overdue ? " \(Badge(ctx.t(.overdue), className: "s-overdue"))" as HTML : .empty)",
                    "\(ctx.date(row.acknowledgedAt)) \(row.acknowledgedBy)", "\(row.note)", answerForm(row),
                ], className: row.overdue ? "overdue" : nil)
            }, className: "board"))
            """
        }

        func answerForm(_ row: AdvisoryUnitDTO) -> HTML {
            let next = AdvisoryUnitState.allCases.filter { $0 != .notified && row.state.canMove(to: $0) }
            guard model.answerable.contains(row.unitID), !next.isEmpty, let id = model.advisory.id else { return .empty }
            return """
            <form method="post" action="\(AdvisoryRoute.setUnitState(id, unit: row.unitID))">\(ctx.csrfField)
            \(Select(name: "state", next, selected: nil, value: \.rawValue, label: { ctx.t($0.vietnamese, $0.english) }))
            <input name="note" placeholder="\(ctx.t(.note))" maxlength="2000"> <button>\(ctx.t("Cập nhật", "Update"))</button></form>
            """
        }
    }
}
