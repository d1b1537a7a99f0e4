import Foundation
import TrucCore

extension OnDuty {
    /// The board: each unit, who is on duty there, its technical gaps in the next 24 hours.
    struct View {
        let ctx: PageContext
        let model: Model

        var title: String {
            model.provinceWide ? ctx.t("Trực toàn tỉnh", "Province-wide duty") : ctx.t("Trực tại các đơn vị của bạn", "Duty in your units")
        }

        func document() -> HTML {
            let board = model.board
            return PageFrame.page(ctx, title: title, body: """
            <h1>\(title)</h1>
            <p>\(ctx.t(.at)) \(ctx.date(board.at)) · \(ctx.t("\(board.unitsWithGap)/\(board.unitCount) đơn vị có khoảng trống không người trực kỹ thuật trong 24 giờ tới.",
                                                                   "\(board.unitsWithGap) of \(board.unitCount) units have a gap in technical duty within the next 24 hours."))
            \(model.all ? "<a href=\"\(RosterRoute.onDuty)\">\(ctx.t("Chỉ đơn vị có khoảng trống", "Only units with a gap"))</a>" as HTML
                        : "<a href=\"\(RosterRoute.onDuty.path(query: [("all", "true")]))\">\(ctx.t("Xem tất cả đơn vị", "Show every unit"))</a>" as HTML)
            · <a href="\(RosterRoute.personCalendar(person: model.personID))">\(ctx.t("Lịch trực của tôi (.ics)", "My shifts (.ics)"))</a></p>
            \(units())
            \(board.items.isEmpty ? "<p class=\"muted\">\(ctx.t("Không có đơn vị nào có khoảng trống.", "No unit has a gap."))</p>" as HTML : .empty)
            \(Pagination(ctx, metadata: board.metadata))
            """)
        }

        func units() -> HTML {
            Table(headers: [ctx.t(.unit), ctx.t("Đang trực", "On duty now"), ctx.t("Khoảng trống 24 giờ tới", "Gaps in the next 24 hours")],
                  rows: model.board.items.map { unit in
                Table.Row([
                    "<a href=\"\(RosterRoute.onDuty.path(query: [("unitID", unit.unitID.uuidString)]))\">\(unit.unitName)</a> \(Badge(unit.unitCode))",
                    unit.onDuty.isEmpty ? "\(ctx.t("Không có ai", "Nobody"))" : unit.onDuty.html { p in
                        "\(p.fullName) (\(RosterFormat.role(ctx, p.role))) \(OnDuty.phoneLink(p.phone))<br>"
                    },
                    unit.gaps.isEmpty ? "\(ctx.t("Đủ người trực", "Covered"))" : unit.gaps.html { g in "\(ctx.date(g.start)) – \(ctx.date(g.end))<br>" },
                ], className: unit.hasGap ? "gap" : nil)
            }, className: "duty-board").html
        }
    }

    /// One unit: who is on duty now, and the gaps of the next 24 hours.
    struct UnitView {
        let ctx: PageContext
        let model: UnitModel

        func document() -> HTML {
            let board = model.board
            return PageFrame.page(ctx, title: ctx.t(.whoIsOnDuty) + " – " + model.unitName, body: """
            <h1>\(ctx.t(.whoIsOnDuty)) – \(model.unitName)</h1>
            <p class="muted">\(ctx.t(.at)) \(ctx.date(model.now)) · <a href="\(RosterRoute.roster(unit: model.unitID))">\(ctx.t(.dutyRoster))</a> · <a href="\(RosterRoute.onDuty)">\(ctx.t("Toàn tỉnh", "Province-wide"))</a></p>
            \(board.onDuty.isEmpty
              ? "<p class=\"gap\">\(ctx.t("Không có ai đang trực.", "Nobody is on duty now."))</p>" as HTML
              : people())
            \(board.technicalNow || board.onDuty.isEmpty ? .empty : "<p class=\"gap\">\(ctx.t("Không có ai trực kỹ thuật lúc này.", "Nobody is on technical duty now."))</p>" as HTML)
            <h2>\(ctx.t("24 giờ tới", "Next 24 hours"))</h2>
            \(gaps())
            """)
        }

        func people() -> HTML {
            Table(headers: [ctx.t(.fullName), ctx.t(.role), ctx.t(.phone), "Email", ctx.t("Hết ca lúc", "Shift ends")], model.board.onDuty,
                  className: "on-duty") { p in
                ["\(p.fullName)", "\(RosterFormat.role(ctx, p.role))", OnDuty.phoneLink(p.phone),
                 "<a href=\"mailto:\(p.email)\">\(p.email)</a>", "\(ctx.date(p.endsAt))"]
            }.html
        }

        func gaps() -> HTML {
            let board = model.board
            let gaps: HTML = board.gaps.isEmpty
                ? "<p class=\"s-done\">\(ctx.t("Có người trực kỹ thuật suốt 24 giờ tới.", "Technical duty is covered for the next 24 hours."))</p>"
                : Table(headers: [ctx.t("Khoảng trống từ", "Gap from"), ctx.t(.to), ctx.t("Thời lượng", "Duration")], rows: board.gaps.map { g in
                    Table.Row(["\(ctx.date(g.start))", "\(ctx.date(g.end))", "\(RosterFormat.duration(ctx, minutes: g.minutes))"], className: "gap")
                }, className: "gaps").html
            let leaderless: HTML = board.daysWithoutLeader.isEmpty ? .empty
                : "\n<p class=\"gap\">\(ctx.t("Chưa có lãnh đạo trực ngày", "No leader on duty on")) \(board.daysWithoutLeader.map(VNDateFormat.formatDay).joined(separator: ", "))</p>"
            return "\(gaps)\(leaderless)"
        }
    }

    /// A phone number as a tel: link.
    static func phoneLink(_ phone: String?) -> HTML {
        phone.map { "<a href=\"tel:\($0)\">\($0)</a>" } ?? .empty
    }
}
