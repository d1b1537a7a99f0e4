import Fluent
import SQLKit

/// Per-person roster exports (iCalendar) look shifts up by person and time.
struct UpdateDutyShiftAddPersonIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "duty_shifts_person_time_idx").on(DutyShift.schema).column("person_id").column("starts_at").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "duty_shifts_person_time_idx").run()
    }
}
