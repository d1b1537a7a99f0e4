import Fluent
import TrucCore
import Vapor

/// /api/v1/units: the unit tree.
struct UnitAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.list, use: list)
        routes.on(API.create, use: create)
        routes.on(API.show, use: show)
        routes.on(API.update, use: update)
    }

    /// The operations of this controller: the router registers them and /openapi.json describes them.
    enum API {
        static let list = APIOperation(method: .GET, path: "/api/v1/units", summary: "List the units you can see", tag: "Units",
              query: APIOperation.paging + [.init(name: "q", description: "Search in name and code"),
                                            .init(name: "kind", description: "Filter by unit kind"),
                                            .init(name: "parentID", description: "Only direct children of this unit")],
              reply: .page("Unit"))
        static let create = APIOperation(method: .POST, path: "/api/v1/units", summary: "Create a unit (coordinator)", tag: "Units",
              body: .json("UnitInput"), reply: .created("Unit"))
        static let show = APIOperation(method: .GET, path: "/api/v1/units/{unitID}", summary: "One unit", tag: "Units", reply: .json("Unit"))
        static let update = APIOperation(method: .PATCH, path: "/api/v1/units/{unitID}", summary: "Change a unit (coordinator; unit admin: contact fields only)",
              tag: "Units", body: .json("UnitPatch"), reply: .json("Unit"))
    }

    static let operations: [APIOperation] = [API.list, API.create, API.show, API.update]

    func list(req: Request) async throws -> Page<UnitDTO> {
        let principal = try req.requirePrincipal()
        let query = OrgUnit.query(on: req.db).sort(\.$name)
        if let readable = principal.policy.units(with: .read) {
            query.filter(\.$id ~~ Array(readable))
        }
        if let kind = req.query[String.self, at: "kind"] {
            guard let k = UnitKind(rawValue: kind) else { throw Abort(.badRequest, reason: "kind must be one of \(UnitKind.allCases.map(\.rawValue).joined(separator: ", "))") }
            query.filter(\.$kind == k)
        }
        if let parent = req.query[String.self, at: "parentID"] {
            guard let id = UUID(uuidString: parent) else { throw Abort(.badRequest, reason: "parentID must be a UUID") }
            query.filter(\.$parent.$id == id)
        }
        if let q = req.query[String.self, at: "q"], !q.isEmpty {
            query.group(.or) { $0.filter(\.$name, .custom("LIKE"), "%\(q)%").filter(\.$code, .custom("LIKE"), "%\(q)%") }
        }
        return try await query.page(req.paging()).map { $0.dto() }
    }

    func show(req: Request) async throws -> UnitDTO {
        try await req.findUnit().dto()
    }

    func create(req: Request) async throws -> Response {
        let principal = try req.requireCoordinator()
        try UnitInput.validate(content: req)
        let input = try req.input(UnitInput.self)
        let unit = try await UnitDirectory.create(input, by: principal, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(unit.dto())
        return response
    }

    func update(req: Request) async throws -> UnitDTO {
        let unit = try await req.findUnit()
        let principal = try req.authorize(.manageUnit, on: unit.requireID())
        try UnitPatch.validate(content: req)
        let patch = try req.input(UnitPatch.self)
        return try await UnitDirectory.update(unit, with: patch, by: principal, on: req.db).dto()
    }

}

struct UnitInput: Content, Validatable, LimitedInput {
    var parentID: UUID?
    var code: String
    var name: String
    var kind: UnitKind
    var address: String?
    var phone: String?
    var email: String?

    func checkLimits(_ check: inout TextLimitCheck) {
        Self.checkLimits(&check, code: code, name: name, address: address, phone: phone, email: email)
    }

    /// The limits of a unit's texts, for the API and the web forms.
    static func checkLimits(_ check: inout TextLimitCheck, code: String?, name: String?, address: String?, phone: String?,
                            email: String?, kind: String? = nil, parentID: String? = nil) {
        check.text("code", code, 40)
        check.text("name", name, TextLimit.title)
        check.text("address", address, TextLimit.line)
        check.text("phone", phone, TextLimit.phone)
        check.text("email", email, TextLimit.email)
        check.text("kind", kind, TextLimit.code)
        check.text("parentID", parentID, TextLimit.code)
    }

    static func validations(_ validations: inout Validations) {
        validations.add("code", as: String.self, is: .count(1...) && .characterSet(.alphanumerics + .init(charactersIn: "-_.")),
                        customFailureDescription: "code must be 1-40 letters, digits, '-', '_' or '.'")
        validations.add("name", as: String.self, is: .count(1...), customFailureDescription: "name is required")
        validations.add("kind", as: String.self, is: .in(UnitKind.allCases.map(\.rawValue)),
                        customFailureDescription: "kind must be one of \(UnitKind.allCases.map(\.rawValue).joined(separator: ", "))")
        validations.add("email", as: String?.self, is: .nil || .email, required: false)
    }
}

struct UnitPatch: Content, Validatable, LimitedInput {
    var parentID: UUID?
    var code: String?
    var name: String?
    var kind: UnitKind?
    var address: String?
    var phone: String?
    var email: String?

    func checkLimits(_ check: inout TextLimitCheck) {
        UnitInput.checkLimits(&check, code: code, name: name, address: address, phone: phone, email: email)
    }

    static func validations(_ validations: inout Validations) {
        validations.add("name", as: String?.self, is: .nil || .count(1...), required: false)
        validations.add("code", as: String?.self, is: .nil || .count(1...), required: false)
        validations.add("kind", as: String?.self, is: .nil || .in(UnitKind.allCases.map(\.rawValue)), required: false,
                        customFailureDescription: "kind must be one of \(UnitKind.allCases.map(\.rawValue).joined(separator: ", "))")
        validations.add("email", as: String?.self, is: .nil || .email, required: false)
    }
}
