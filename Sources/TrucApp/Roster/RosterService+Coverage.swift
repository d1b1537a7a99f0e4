import Fluent
import Foundation
import TrucCore
import Vapor

extension RosterService {
    // MARK: - Coverage

    /// The period of a coverage check: a campaign's (with its zone), an explicit range, or by default the next 7 days.
    struct Period: Sendable {
        var from: Date
        var to: Date
        var timeZone: TimeZone
        var campaign: Campaign?
    }

    static func period(campaignID: UUID?, from: Date?, to: Date?, timeZone: TimeZone?, defaultTimeZone: TimeZone,
                       now: Date = Date(), on db: any Database) async throws -> Period {
        if let campaign = try await campaign(campaignID, on: db) {
            return Period(from: from ?? campaign.startsAt, to: to ?? campaign.endsAt, timeZone: timeZone ?? campaign.zone, campaign: campaign)
        }
        let start = from ?? Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60)
        let end = to ?? start.addingTimeInterval(7 * 86_400)
        return Period(from: start, to: end, timeZone: timeZone ?? defaultTimeZone, campaign: nil)
    }

    static func coverage(unitID: UUID, period: Period, on db: any Database) async throws -> CoverageDTO {
        guard period.to > period.from else {
            throw BilingualError.invalid("Thời điểm kết thúc phải sau thời điểm bắt đầu.", "to must be after from.")
        }
        guard period.to.timeIntervalSince(period.from) <= Double(maxCoverageDays) * 86_400 else {
            throw BilingualError.invalid("Khoảng kiểm tra tối đa \(maxCoverageDays) ngày.", "The period is at most \(maxCoverageDays) days.")
        }
        let shifts = try await DutyShift.query(on: db).filter(\.$unit.$id == unitID)
            .filter(\.$startsAt < period.to).filter(\.$endsAt > period.from).all()
        let report = DutyCoverage.check(shifts: shifts.map(coverageShift), from: period.from, to: period.to, timeZone: period.timeZone)
        return CoverageDTO(unitID: unitID, campaignID: period.campaign?.id, from: period.from, to: period.to,
                           timeZone: period.timeZone.identifier, fullyCovered: report.isFullyCovered, gapMinutes: report.gapMinutes,
                           gaps: report.gaps.map(gapDTO), daysWithoutLeader: report.daysWithoutLeader, shiftCount: shifts.count)
    }

    static func coverageShift(_ shift: DutyShift) -> DutyCoverage.Shift {
        DutyCoverage.Shift(start: shift.startsAt, end: shift.endsAt, role: shift.role)
    }

    static func gapDTO(_ gap: DutyCoverage.Gap) -> CoverageGapDTO {
        CoverageGapDTO(start: gap.start, end: gap.end, minutes: gap.minutes)
    }
}
