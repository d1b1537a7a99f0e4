import Foundation
import Vapor

/// The duty roster: a unit's roster and its forms, calendars, one shift, who is on duty now.
enum RosterRoute: WebRoute, Equatable {
    case roster(unit: UUID), addShift(unit: UUID), generate(unit: UUID), importCSV(unit: UUID)
    case unitCalendar(unit: UUID), personCalendar(person: UUID)
    case editShift(UUID), saveShift(UUID), deleteShift(UUID)
    case onDuty

    var method: HTTPMethod {
        switch self {
        case .roster, .unitCalendar, .personCalendar, .editShift, .onDuty: .GET
        default: .POST
        }
    }

    var segments: [RouteSegment] {
        switch self {
        case .roster(let u): [.fixed("units"), .id("unitID", u), .fixed("roster")]
        case .addShift(let u): [.fixed("units"), .id("unitID", u), .fixed("roster"), .fixed("shifts")]
        case .generate(let u): [.fixed("units"), .id("unitID", u), .fixed("roster"), .fixed("generate")]
        case .importCSV(let u): [.fixed("units"), .id("unitID", u), .fixed("roster"), .fixed("import")]
        case .unitCalendar(let u): [.fixed("units"), .id("unitID", u), .fixed("roster.ics")]
        case .personCalendar(let p): [.fixed("people"), .id("personID", p), .fixed("roster.ics")]
        case .editShift(let s), .saveShift(let s): [.fixed("shifts"), .id("shiftID", s), .fixed("edit")]
        case .deleteShift(let s): [.fixed("shifts"), .id("shiftID", s), .fixed("delete")]
        case .onDuty: [.fixed("on-duty")]
        }
    }

    static let allPatterns: [RosterRoute] = {
        let k = UUID.routeKey
        return [.roster(unit: k), .addShift(unit: k), .generate(unit: k), .importCSV(unit: k), .unitCalendar(unit: k),
                .personCalendar(person: k), .editShift(k), .saveShift(k), .deleteShift(k), .onDuty]
    }()
}
