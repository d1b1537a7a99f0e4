import Foundation
import Vapor

/// Units, people and contacts: the province's directory.
enum DirectoryRoute: WebRoute, Equatable {
    case units, createUnit, unit(UUID), updateUnit(UUID), addPerson(unit: UUID), addContact(unit: UUID)
    case person(UUID), updatePerson(UUID), grantRole(person: UUID), withdrawRole(person: UUID, role: UUID), resetPassword(person: UUID)
    case contacts, contactsVCard, deleteContact(UUID), editContact(UUID), updateContact(UUID)

    var method: HTTPMethod {
        switch self {
        case .units, .unit, .person, .contacts, .contactsVCard, .editContact: .GET
        default: .POST
        }
    }

    var segments: [RouteSegment] {
        switch self {
        case .units, .createUnit: [.fixed("units")]
        case .unit(let u), .updateUnit(let u): [.fixed("units"), .id("unitID", u)]
        case .addPerson(let u): [.fixed("units"), .id("unitID", u), .fixed("people")]
        case .addContact(let u): [.fixed("units"), .id("unitID", u), .fixed("contacts")]
        case .person(let p), .updatePerson(let p): [.fixed("people"), .id("personID", p)]
        case .grantRole(let p): [.fixed("people"), .id("personID", p), .fixed("roles")]
        case .withdrawRole(let p, let r): [.fixed("people"), .id("personID", p), .fixed("roles"), .id("roleID", r), .fixed("delete")]
        case .resetPassword(let p): [.fixed("people"), .id("personID", p), .fixed("password")]
        case .contacts: [.fixed("contacts")]
        case .contactsVCard: [.fixed("contacts"), .fixed("vcard")]
        case .deleteContact(let c): [.fixed("contacts"), .id("contactID", c), .fixed("delete")]
        case .editContact(let c): [.fixed("contacts"), .id("contactID", c), .fixed("edit")]
        case .updateContact(let c): [.fixed("contacts"), .id("contactID", c)]
        }
    }

    static let allPatterns: [DirectoryRoute] = {
        let k = UUID.routeKey
        return [.units, .createUnit, .unit(k), .updateUnit(k), .addPerson(unit: k), .addContact(unit: k),
                .person(k), .updatePerson(k), .grantRole(person: k), .withdrawRole(person: k, role: k), .resetPassword(person: k),
                .contacts, .contactsVCard, .deleteContact(k), .editContact(k), .updateContact(k)]
    }()
}
