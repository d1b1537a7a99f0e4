import Fluent
import Foundation
import TrucCore

extension RosterShow.Model {
    /// The coverage check over the chosen campaign (or the next 7 days), and the page of shifts: the campaign's
    /// period, else from the start of today. Rule errors are `BilingualError`s.
    static func query(unit: OrgUnit, principal: Principal, filter requested: RosterService.Filter, paging: Paging,
                      timeZone: TimeZone, now: Date, on db: any Database) async throws -> Self {
        let unitID = try unit.requireID()
        let manages = principal.policy.allows(.manageRoster, on: unitID)
        let campaigns = try await RosterChoice.Campaign.recent(on: db)
        var filter = requested
        let period = try await RosterService.period(campaignID: filter.campaignID, from: nil, to: nil, timeZone: nil,
                                                    defaultTimeZone: timeZone, now: now, on: db)
        let coverage = try await RosterService.coverage(unitID: unitID, period: period, on: db)
        if period.campaign != nil {
            filter.from = filter.from ?? period.from
            filter.to = filter.to ?? period.to
            filter.campaignID = nil
        } else if filter.from == nil {
            filter.from = LocalDay(now, in: timeZone).start(in: timeZone)
        }
        let page = try await RosterService.query(unitID: unitID, filter: filter, on: db).with(\.$person).with(\.$campaign)
            .page(paging)
        let people = manages ? try await RosterChoice.Person.assignable(unitID: unitID, on: db) : []
        return Self(
            unitID: unitID, unitName: unit.name, personID: principal.personID, manages: manages, campaigns: campaigns,
            selectedCampaign: period.campaign?.id,
            period: .init(from: period.from, to: period.to, timeZone: period.timeZone, campaignTitle: period.campaign?.title),
            coverage: coverage, from: filter.from, to: filter.to,
            shifts: try page.items.map { shift in
                let person = shift.$person.value
                return .init(id: try shift.requireID(), startsAt: shift.startsAt, endsAt: shift.endsAt, role: shift.role,
                             personName: person?.fullName ?? "", phone: person?.phone, email: person?.email ?? "",
                             campaignTitle: shift.$campaign.value??.title, note: shift.note)
            },
            metadata: page.metadata, people: people, now: now)
    }
}
