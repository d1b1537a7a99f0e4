import Fluent
import Foundation
import TrucCore
import Vapor

extension RosterService {
    // MARK: - Single shifts

    static func create(_ input: ShiftInput, unitID: UUID, by principal: Principal?, on db: any Database) async throws -> DutyShift {
        try checkTimes(input.startsAt, input.endsAt)
        try checkNote(input.note)
        let person = try await person(id: input.personID, email: input.personEmail, in: unitID, on: db)
        _ = try await campaign(input.campaignID, on: db)
        let shift = DutyShift(id: UUID(), unitID: unitID, campaignID: input.campaignID, personID: try person.requireID(),
                              startsAt: input.startsAt, endsAt: input.endsAt, role: input.role, note: input.note.nonEmpty)
        try await db.transaction { db in
            try await shift.create(on: db)
            try await Audit.record("shift.create", entity: "duty_shift", id: shift.id?.uuidString, unitID: unitID,
                                   after: shift.dto(), by: principal, on: db)
        }
        shift.$person.value = person
        return shift
    }

    static func update(_ shift: DutyShift, with patch: ShiftPatch, by principal: Principal?, on db: any Database) async throws -> DutyShift {
        let before = shift.dto()
        let unitID = shift.$unit.id
        var person: Person?
        if patch.personID != nil || patch.personEmail.nonEmpty != nil {
            person = try await self.person(id: patch.personID, email: patch.personEmail, in: unitID, on: db)
        }
        let start = patch.startsAt ?? shift.startsAt
        let end = patch.endsAt ?? shift.endsAt
        try checkTimes(start, end)
        try checkNote(patch.note)
        if patch.clearCampaign == true {
            shift.$campaign.id = nil
        } else if let campaignID = patch.campaignID {
            _ = try await campaign(campaignID, on: db)
            shift.$campaign.id = campaignID
        }
        if let person { shift.$person.id = try person.requireID() }
        shift.startsAt = start
        shift.endsAt = end
        if let role = patch.role { shift.role = role }
        if let note = patch.note { shift.note = Optional(note).nonEmpty }
        try await db.transaction { db in
            try await shift.save(on: db)
            try await Audit.record("shift.update", entity: "duty_shift", id: shift.id?.uuidString, unitID: unitID,
                                   before: before, after: shift.dto(), by: principal, on: db)
        }
        if let person {
            shift.$person.value = person
        } else {
            shift.$person.value = try await Person.find(shift.$person.id, on: db)
        }
        return shift
    }

    static func delete(_ shift: DutyShift, by principal: Principal?, on db: any Database) async throws {
        let before = shift.dto()
        try await db.transaction { db in
            try await shift.delete(on: db)
            try await Audit.record("shift.delete", entity: "duty_shift", id: before.id.uuidString, unitID: before.unitID,
                                   before: before, by: principal, on: db)
        }
    }

    /// The shift by id, with its person loaded; 404 when missing.
    static func find(_ id: UUID, on db: any Database) async throws -> DutyShift {
        guard let shift = try await DutyShift.query(on: db).filter(\.$id == id).with(\.$person).first() else {
            throw BilingualError(.notFound, "Không có ca trực này.", "No such shift.")
        }
        return shift
    }
}
