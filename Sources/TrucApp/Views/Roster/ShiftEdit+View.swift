import Fluent
import Foundation
import TrucCore

/// The form that edits one shift.
enum ShiftEdit {}

extension ShiftEdit {
    struct Model {
        let shiftID: UUID
        let unitID: UUID
        let unitName: String
        let personID: UUID
        let startsAt: Date
        let endsAt: Date
        let role: DutyRole
        let campaignID: UUID?
        let note: String?
        let people: [RosterChoice.Person]
        let campaigns: [RosterChoice.Campaign]

        static func query(_ shift: DutyShift, on db: any Database) async throws -> Self {
            let unitID = shift.$unit.id
            return Self(shiftID: try shift.requireID(), unitID: unitID, unitName: try await OrgUnit.find(unitID, on: db)?.name ?? "",
                        personID: shift.$person.id, startsAt: shift.startsAt, endsAt: shift.endsAt, role: shift.role,
                        campaignID: shift.$campaign.id, note: shift.note,
                        people: try await RosterChoice.Person.assignable(unitID: unitID, on: db),
                        campaigns: try await RosterChoice.Campaign.recent(on: db))
        }
    }

    struct View {
        let ctx: PageContext
        let model: Model

        func document() -> HTML {
            PageFrame.page(ctx, title: ctx.t("Sửa ca trực", "Edit shift"), body: """
            <h1>\(ctx.t("Sửa ca trực", "Edit shift")) – \(model.unitName)</h1>
            <form class="stack" method="post" action="\(RosterRoute.saveShift(model.shiftID))">\(ctx.csrfField)
              \(FormField.select(ctx.t("Cán bộ trực", "Person on duty"), RosterFormat.personSelect(model.people, selected: model.personID)))
              \(FormField.input(ctx.t(.start), name: "startsAt", value: ctx.inputDate(model.startsAt), type: "datetime-local", required: true))
              \(FormField.input(ctx.t("Kết thúc", "End"), name: "endsAt", value: ctx.inputDate(model.endsAt), type: "datetime-local", required: true))
              \(FormField.select(ctx.t(.role), RosterFormat.roleSelect(ctx, selected: model.role)))
              \(FormField.select(ctx.t(.campaign), RosterFormat.campaignSelect(model.campaigns, selected: model.campaignID, none: ctx.t("— Không gắn đợt —", "— No campaign —"))))
              \(FormField.input(ctx.t(.note), name: "note", value: model.note ?? "", maxLength: 1000))
              <button type="submit">\(ctx.t(.save))</button>
            </form>
            <p><a href="\(RosterRoute.roster(unit: model.unitID))">\(ctx.t("Quay lại lịch trực", "Back to the roster"))</a></p>
            """)
        }
    }
}
