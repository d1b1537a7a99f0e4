import Fluent
import TrucCore
import Vapor

/// Rules for creating and changing units, shared by the API and the web pages.
enum UnitDirectory {
    static func create(_ input: UnitInput, by principal: Principal, on db: any Database) async throws -> OrgUnit {
        let code = input.code.trimmingCharacters(in: .whitespaces)
        try check(code: code, name: input.name, email: input.email)
        if let parentID = input.parentID, try await OrgUnit.find(parentID, on: db) == nil {
            throw Abort(.unprocessableEntity, reason: "parentID: no such unit")
        }
        if try await OrgUnit.query(on: db).filter(\.$code == code).first() != nil {
            throw Abort(.conflict, reason: "A unit with code '\(code)' already exists.")
        }
        let unit = OrgUnit(parentID: input.parentID, code: code, name: input.name.trimmingCharacters(in: .whitespaces),
                           kind: input.kind, address: input.address, phone: input.phone, email: input.email)
        try await db.transaction { db in
            try await unit.create(on: db)
            try await Audit.record("unit.create", entity: "unit", id: unit.id?.uuidString, unitID: unit.id,
                                   after: unit.dto(), by: principal, on: db)
        }
        return unit
    }

    static func update(_ unit: OrgUnit, with patch: UnitPatch, by principal: Principal, on db: any Database) async throws -> OrgUnit {
        let before = unit.dto()
        let structural = patch.parentID != nil || patch.code != nil || patch.kind != nil
        if structural && !principal.isCoordinator {
            throw Abort(.forbidden, reason: "Only the provincial coordinator may change a unit's code, kind or parent.")
        }
        try check(code: patch.code?.trimmingCharacters(in: .whitespaces), name: patch.name, email: patch.email)
        if let parentID = patch.parentID {
            let tree = try await UnitTreeLoader.load(on: db)
            guard tree.ids.contains(parentID) else { throw Abort(.unprocessableEntity, reason: "parentID: no such unit") }
            if try tree.wouldCycle(moving: unit.requireID(), under: parentID) {
                throw Abort(.unprocessableEntity, reason: "parentID: a unit cannot be placed under itself or its own descendant")
            }
            unit.$parent.id = parentID
        }
        if let code = patch.code?.trimmingCharacters(in: .whitespaces), code != unit.code {
            if try await OrgUnit.query(on: db).filter(\.$code == code).first() != nil {
                throw Abort(.conflict, reason: "A unit with code '\(code)' already exists.")
            }
            unit.code = code
        }
        if let name = patch.name { unit.name = name }
        if let kind = patch.kind { unit.kind = kind }
        if let address = patch.address { unit.address = address.isEmpty ? nil : address }
        if let phone = patch.phone { unit.phone = phone.isEmpty ? nil : phone }
        if let email = patch.email { unit.email = email.isEmpty ? nil : email }
        try await db.transaction { db in
            try await unit.save(on: db)
            try await Audit.record("unit.update", entity: "unit", id: unit.id?.uuidString, unitID: unit.id,
                                   before: before, after: unit.dto(), by: principal, on: db)
        }
        return unit
    }

    /// The field rules every path (API, web form) goes through; nil means "not given".
    static func check(code: String?, name: String?, email: String?) throws {
        let codeCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        if let code, code.isEmpty || code.count > 40 || code.unicodeScalars.contains(where: { !codeCharacters.contains($0) }) {
            throw Abort(.unprocessableEntity, reason: "code must be 1-40 letters, digits, '-', '_' or '.'")
        }
        if let name, name.trimmingCharacters(in: .whitespaces).isEmpty || name.count > 300 {
            throw Abort(.unprocessableEntity, reason: "name is required (at most 300 characters)")
        }
        try ContactDirectory.check(email: email)
    }
}
