import Foundation
import OpenAPIKit
import TrucCore

/// The JSON shapes of the API (`components.schemas` of /openapi.json), by the names operations use.
///
/// Each area keeps its schemas in an extension (`APISchemas+Campaign.swift`, ...); `all` merges them.
/// Optional Swift properties are neither required nor non-null (the encoder leaves nil out; decoders accept null).
enum APISchemas {
    static let all: [String: JSONSchema] = {
        var all: [String: JSONSchema] = [:]
        for area in [shared, auth, twoFactor, units, people, contacts, audit, campaign, roster, inventory, vulnerabilities, monitoring, incidents, outbound, backups, feedSync, scans] {
            all.merge(area) { first, _ in first }
        }
        return all
    }()

    // MARK: - Shared

    static let shared: [String: JSONSchema] = [
        "UnitKind": enumeration(UnitKind.self, "Kind of unit / Loại đơn vị"),
        "Role": enumeration(Role.self, "Role of a person on a unit / Vai trò"),
        "ItemStatus": enumeration(ItemStatus.self, "A unit's answer to a checklist item / Trạng thái thực hiện"),
        "DutyRole": enumeration(DutyRole.self, "Kind of duty shift / Loại ca trực"),
    ]

    // MARK: - Auth

    static let auth: [String: JSONSchema] = [
        "SignIn": object("E-mail and password, exchanged for an API token.", [
            "email": .string(format: .email, minLength: 1),
            "password": .string(format: .password, minLength: 1),
            "name": .string(maxLength: 100).optional.described("Name for the new token (default 'api')"),
            "code": .string(maxLength: 20).optional
                .described("When two-factor sign-in is on: the 6-digit code from the authenticator, or a recovery code"),
        ]),
        "TokenInput": object("A new API token.", [
            "name": .string(minLength: 1, maxLength: 100),
            "expiresInDays": .integer(maximum: (3650, exclusive: false), minimum: (1, exclusive: false)).optional
                .described("Days until the token expires; never when absent"),
        ]),
        "APIToken": object("An API token. The secret `token` is only in the answer that creates it.", [
            "id": uuid,
            "name": .string,
            "prefix": .string(description: "First characters of the secret, to recognise it"),
            "createdAt": dateTime.optional,
            "expiresAt": dateTime.optional,
            "lastUsedAt": dateTime.optional,
            "revokedAt": dateTime.optional,
            "token": .string.optional.described("The secret; shown once, on creation. Send it as `Authorization: Bearer <token>`."),
        ]),
    ]

    // MARK: - Units

    static let units: [String: JSONSchema] = [
        "Unit": object("A unit (đơn vị) in the province's tree.", [
            "id": uuid,
            "parentID": uuid.optional.described("The parent unit; absent for top-level units"),
            "code": .string,
            "name": .string,
            "kind": ref("UnitKind"),
            "address": .string.optional,
            "phone": .string.optional,
            "email": .string.optional,
            "statusPagePublic": JSONSchema.boolean.optional.described("Present (true) when the unit publishes /status/{code}"),
        ]),
        "UnitInput": object("A new unit.", [
            "parentID": uuid.optional,
            "code": .string(description: "Letters, digits, '-', '_' or '.'", minLength: 1, maxLength: 40),
            "name": .string(minLength: 1, maxLength: 300),
            "kind": ref("UnitKind"),
            "address": .string.optional,
            "phone": .string.optional,
            "email": .string(format: .email).optional,
        ]),
        "UnitPatch": object("Changes to a unit; absent fields stay as they are.", [
            "parentID": uuid.optional,
            "code": .string(minLength: 1, maxLength: 40).optional,
            "name": .string(minLength: 1, maxLength: 300).optional,
            "kind": ref("UnitKind").optional,
            "address": .string.optional,
            "phone": .string.optional,
            "email": .string(format: .email).optional,
        ]),
    ]

    // MARK: - People

    static let people: [String: JSONSchema] = [
        "Person": object("A person (cán bộ) of a unit; never the password.", [
            "id": uuid,
            "unitID": uuid,
            "email": .string(format: .email),
            "fullName": .string,
            "title": .string.optional,
            "phone": .string.optional,
            "isActive": .boolean,
            "canSignIn": .boolean(description: "Whether the person has a password"),
            "roles": JSONSchema.array(items: ref("RoleAssignment")).optional.described("The person's roles, where the answer includes them"),
        ]),
        "RoleAssignment": object("A role of a person on a unit.", [
            "id": uuid,
            "unitID": uuid,
            "role": ref("Role"),
        ]),
        "PersonInput": object("A new person, with roles.", [
            "unitID": uuid,
            "email": .string(format: .email),
            "fullName": .string(minLength: 1, maxLength: 200),
            "title": .string.optional,
            "phone": .string.optional,
            "password": .string(format: .password, minLength: 10, maxLength: 200).optional
                .described("Without a password the person cannot sign in (contact only)"),
            "roles": JSONSchema.array(items: ref("RoleOnUnit")).optional.described("Roles to grant"),
        ]),
        "RoleOnUnit": object("A role to grant; the unit defaults to the person's unit.", [
            "unitID": uuid.optional,
            "role": ref("Role"),
        ]),
        "PersonPatch": object("Changes to a person; absent fields stay as they are (an empty title or phone clears it).", [
            "fullName": .string(minLength: 1, maxLength: 200).optional,
            "title": .string.optional,
            "phone": .string.optional,
            "isActive": .boolean.optional,
            "password": .string(format: .password, minLength: 10, maxLength: 200).optional,
        ]),
        "RoleInput": object("A role to grant on a unit.", [
            "unitID": uuid,
            "role": ref("Role"),
        ]),
    ]

    // MARK: - Contacts

    static let contacts: [String: JSONSchema] = [
        "Contact": object("An entry of the contact directory; national contacts have no unit.", [
            "id": uuid,
            "unitID": uuid.optional,
            "isNational": .boolean,
            "name": .string,
            "organization": .string.optional,
            "title": .string.optional,
            "phone": .string.optional,
            "hotline": .string.optional,
            "email": .string.optional,
            "note": .string.optional,
        ]),
        "ContactInput": object("A contact; without unitID it is a national contact (coordinators only).", [
            "unitID": uuid.optional,
            "name": .string(minLength: 1, maxLength: 300),
            "organization": .string.optional,
            "title": .string.optional,
            "phone": .string.optional,
            "hotline": .string.optional,
            "email": .string(format: .email).optional,
            "note": .string.optional,
        ]),
    ]

    // MARK: - Audit

    static let audit: [String: JSONSchema] = [
        "AuditEntry": object("One change recorded in the audit log.", [
            "id": uuid,
            "at": dateTime,
            "actorID": uuid.optional.described("Who made the change; absent for the system"),
            "actorName": .string,
            "unitID": uuid.optional,
            "action": .string(description: "e.g. unit.create, person.update, token.revoke"),
            "entityType": .string,
            "entityID": .string.optional,
            "before": .string.optional.described("JSON text of the thing before the change"),
            "after": .string.optional.described("JSON text of the thing after the change"),
        ]),
    ]

    // MARK: - Building blocks

    static var uuid: JSONSchema { .string(format: .uuid) }
    static var dateTime: JSONSchema { .string(format: .dateTime) }
    static var date: JSONSchema { .string(format: .date) }

    static func ref(_ name: String) -> JSONSchema {
        .reference(.component(named: name))
    }

    static func object(_ description: String, _ properties: OrderedDictionary<String, JSONSchema>) -> JSONSchema {
        .object(description: description, properties: properties)
    }

    /// A string enumeration of the given values.
    static func enumeration(_ values: [String], _ description: String) -> JSONSchema {
        .string(description: description, allowedValues: values.map { AnyCodable($0) })
    }

    /// A string enumeration of the type's raw values.
    static func enumeration<E: CaseIterable & RawRepresentable>(_: E.Type, _ description: String) -> JSONSchema where E.RawValue == String {
        .string(description: description, allowedValues: E.allCases.map { AnyCodable($0.rawValue) })
    }
}

extension JSONSchema {
    /// Not required, and null allowed. A reference becomes `anyOf: [$ref, null]`.
    var optional: JSONSchema {
        if case .reference = value {
            return .any(of: [self, .null()], core: .init(required: false))
        }
        return optionalSchemaObject().nullableSchemaObject()
    }

    func described(_ description: String) -> JSONSchema {
        with(description: description)
    }
}
