import Foundation
import TrucCore

extension RosterShow {
    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t(.dutyRoster) + " – " + model.unitName, body: body())
        }

        func body() -> HTML {
            """
            <h1>\(ctx.t(.dutyRoster)) – \(model.unitName)</h1>
            <p><a href="\(DirectoryRoute.unit(model.unitID))">\(model.unitName)</a> · <a href="\(RosterRoute.onDuty.path(query: [("unitID", model.unitID.uuidString)]))">\(ctx.t("Ai đang trực", "Who is on duty now"))</a> · <a href="\(RosterRoute.unitCalendar(unit: model.unitID))">\(ctx.t("Tải lịch iCalendar (.ics)", "Download iCalendar (.ics)"))</a> · <a href="\(RosterRoute.personCalendar(person: model.personID))">\(ctx.t("Lịch trực của tôi (.ics)", "My shifts (.ics)"))</a></p>
            \(coverage())
            <h2>\(ctx.t("Các ca trực", "Shifts"))</h2>
            \(rangeForm())
            \(shifts())
            \(Pagination(ctx, metadata: model.metadata))
            \(model.manages ? forms() : .empty)
            """
        }

        func coverage() -> HTML {
            let zone = model.period.timeZone
            let coverage = model.coverage
            return """
            <section class="coverage">
            <h2>\(ctx.t("Kiểm tra trực 24/7", "24/7 coverage check"))</h2>
            <form method="get" action="\(RosterRoute.roster(unit: model.unitID))">
              \(FormField.select(ctx.t(.campaign), RosterFormat.campaignSelect(model.campaigns, selected: model.selectedCampaign, none: ctx.t("7 ngày tới", "Next 7 days"))))
              <button type="submit">\(ctx.t("Kiểm tra", "Check"))</button>
            </form>
            <p>\(ctx.t("Giai đoạn", "Period")): \(VNDateFormat.format(model.period.from, timeZone: zone)) – \(VNDateFormat.format(model.period.to, timeZone: zone)) (\(zone.identifier))\(model.period.campaignTitle.map { " · \($0)" } ?? "")</p>
            \(coverage.fullyCovered
              ? "<p class=\"s-done\">\(ctx.t("Đủ người trực kỹ thuật suốt giai đoạn và có lãnh đạo trực mỗi ngày.", "Technical duty covers the whole period and every day has a leader on duty."))</p>" as HTML
              : .empty)
            \(coverage.gaps.isEmpty ? .empty : """
              <h3>\(ctx.t("Khoảng trống không có người trực kỹ thuật", "Gaps with nobody on technical duty")) (\(coverage.gaps.count), \(RosterFormat.duration(ctx, minutes: coverage.gapMinutes)))</h3>
              \(Table(headers: [ctx.t(.from), ctx.t(.to), ctx.t("Thời lượng", "Duration")], rows: coverage.gaps.map { gap in
                  Table.Row(["\(VNDateFormat.format(gap.start, timeZone: zone))", "\(VNDateFormat.format(gap.end, timeZone: zone))",
                             "\(RosterFormat.duration(ctx, minutes: gap.minutes))"], className: "gap")
              }, className: "gaps"))
              """)
            \(coverage.daysWithoutLeader.isEmpty ? .empty : """
              <h3>\(ctx.t("Ngày không có lãnh đạo trực", "Days without a leader on duty"))</h3>
              <ul class="leaderless">\(coverage.daysWithoutLeader.html { "<li class=\"gap\">\(VNDateFormat.formatDay($0))</li>" })</ul>
              """)
            </section>
            """
        }

        func rangeForm() -> HTML {
            let zone = ctx.timeZone
            return """
            <form method="get" action="\(RosterRoute.roster(unit: model.unitID))">
              \(FormField.input(ctx.t(.from), name: "from", value: model.from.map { LocalDay($0, in: zone).description } ?? "", type: "date"))
              \(FormField.input(ctx.t(.to), name: "to", value: model.to.map { LocalDay($0.addingTimeInterval(-1), in: zone).description } ?? "", type: "date"))
              \(model.selectedCampaign.map { "<input type=\"hidden\" name=\"campaignID\" value=\"\($0)\">" as HTML } ?? .empty)
              <button type="submit">\(ctx.t(.filter))</button>
            </form>
            """
        }

        func shifts() -> HTML {
            let headers = [ctx.t(.start), ctx.t("Kết thúc", "End"), ctx.t(.role), ctx.t("Cán bộ", "Person"), ctx.t("Đợt", "Campaign"), ctx.t(.note)]
                + (model.manages ? [""] : [])
            return """
            \(Table(headers: headers, model.shifts, className: "shifts") { shift in
                let cells: [HTML] = [
                    "\(ctx.date(shift.startsAt))", "\(ctx.date(shift.endsAt))", "\(RosterFormat.role(ctx, shift.role))",
                    "\(shift.personName)<br><span class=\"muted\">\(shift.phone ?? "") \(shift.email)</span>",
                    "\(shift.campaignTitle ?? "")", "\(shift.note ?? "")",
                ]
                return cells + (model.manages ? [actions(shift)] : [])
            })
            \(model.shifts.isEmpty ? "<p class=\"muted\">\(ctx.t("Chưa có ca trực nào trong khoảng này.", "No shifts in this range."))</p>" as HTML : .empty)
            """
        }

        func actions(_ shift: Shift) -> HTML {
            """
            <a href="\(RosterRoute.editShift(shift.id))">\(ctx.t(.edit))</a>
            \(PostButton(RosterRoute.deleteShift(shift.id), label: ctx.t(.delete), ctx: ctx))
            """
        }

        func forms() -> HTML {
            let campaignSelect = RosterFormat.campaignSelect(model.campaigns, selected: model.selectedCampaign, none: ctx.t("— Không gắn đợt —", "— No campaign —"))
            let today = LocalDay(model.now, in: ctx.timeZone)
            return """
            <h2>\(ctx.t("Thêm ca trực", "Add a shift"))</h2>
            <form class="stack" method="post" action="\(RosterRoute.addShift(unit: model.unitID))">\(ctx.csrfField)
              \(FormField.select(ctx.t("Cán bộ trực", "Person on duty"), RosterFormat.personSelect(model.people, selected: nil)))
              \(FormField.input(ctx.t(.start), name: "startsAt", type: "datetime-local", required: true))
              \(FormField.input(ctx.t("Kết thúc (tối đa 24 giờ sau)", "End (at most 24 hours later)"), name: "endsAt", type: "datetime-local", required: true))
              \(FormField.select(ctx.t(.role), RosterFormat.roleSelect(ctx)))
              \(FormField.select(ctx.t(.campaign), campaignSelect))
              \(FormField.input(ctx.t(.note), name: "note", maxLength: 1000))
              <button type="submit">\(ctx.t(.add))</button>
            </form>
            <h2>\(ctx.t("Tạo lịch theo mẫu", "Generate from a pattern"))</h2>
            <form class="stack" method="post" action="\(RosterRoute.generate(unit: model.unitID))">\(ctx.csrfField)
              \(FormField.select(ctx.t("Mẫu ca", "Pattern"), Select(name: "pattern", options: [
                  .init("3x8", ctx.t("3 ca x 8 giờ (00–08, 08–16, 16–24)", "3 x 8 hours (00–08, 08–16, 16–24)")),
                  .init("12h", ctx.t("2 ca x 12 giờ (07–19, 19–07)", "12 hours day/night (07–19, 19–07)")),
                  .init("custom", ctx.t("Tự nhập các ca bên dưới", "Custom slots below")),
              ], selected: nil)))
              \(FormField.input(ctx.t("Các ca tự nhập, ví dụ 08:00-08:00 hoặc 07:30-17:00, 17:00-07:30", "Custom slots, e.g. 08:00-08:00 or 07:30-17:00, 17:00-07:30"), name: "slots"))
              \(FormField.input(ctx.t("Từ ngày", "From day"), name: "from", value: today.description, type: "date", required: true))
              \(FormField.input(ctx.t("Đến ngày (tính cả ngày này)", "To day (inclusive)"), name: "to", value: today.adding(days: 6).description, type: "date", required: true))
              <fieldset><legend>\(ctx.t("Cán bộ luân phiên (theo thứ tự)", "People to rotate through (in order)"))</legend>\(model.people.html {
                  "<label class=\"check\"><input type=\"checkbox\" name=\"people[]\" value=\"\($0.id)\"> \($0.fullName) (\($0.email))</label>"
              })</fieldset>
              \(FormField.select(ctx.t(.role), RosterFormat.roleSelect(ctx)))
              \(FormField.select(ctx.t(.campaign), campaignSelect))
              \(FormField.input(ctx.t(.note), name: "note", maxLength: 1000))
              <button type="submit">\(ctx.t("Tạo lịch", "Generate"))</button>
            </form>
            <h2>\(ctx.t("Nhập lịch từ tệp CSV", "Import shifts from CSV"))</h2>
            <form class="stack" method="post" action="\(RosterRoute.importCSV(unit: model.unitID))" enctype="multipart/form-data">\(ctx.csrfField)
              <p class="muted">\(ctx.t("Dòng tiêu đề: person_email,start,end,role,note — thời gian dạng 30/04/2023 07:00; vai trò technical/leader (kỹ thuật/lãnh đạo). Có dòng lỗi thì không nhập dòng nào.",
                                       "Header: person_email,start,end,role,note — times like 30/04/2023 07:00; role technical/leader. Any bad row: nothing is imported."))</p>
              <label>\(ctx.t("Tệp CSV (UTF-8)", "CSV file (UTF-8)")) <input type="file" name="file" accept=".csv,text/csv" required></label>
              \(FormField.select(ctx.t(.campaign), campaignSelect))
              <button type="submit">\(ctx.t("Nhập", "Import"))</button>
            </form>
            """
        }
    }
}
