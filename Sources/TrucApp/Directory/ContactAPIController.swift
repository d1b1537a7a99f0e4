import Fluent
import NIOPosix
import TrucCore
import Vapor

/// The contact directory: units' contacts and the national ones (VNCERT/CC, NCSC, provincial IT center).
struct ContactAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(API.list, use: list)
        routes.on(API.create, use: create)
        routes.on(API.vcard, use: vcard)
        routes.on(API.update, use: update)
        routes.on(API.delete, use: delete)
    }

    /// The operations of this controller: the router registers them and /openapi.json describes them.
    enum API {
        static let list = APIOperation(method: .GET, path: "/api/v1/contacts", summary: "Search the contact directory", tag: "Contacts",
              query: APIOperation.paging + ContactDirectory.filters, reply: .page("Contact"))
        static let create = APIOperation(method: .POST, path: "/api/v1/contacts", summary: "Add a contact (unit admin; national contacts: coordinator)", tag: "Contacts",
              body: .json("ContactInput"), reply: .created("Contact"))
        static let vcard = APIOperation(method: .GET, path: "/api/v1/contacts/vcard", summary: "Export the (filtered) directory as vCard 4.0", tag: "Contacts",
              query: ContactDirectory.filters, reply: .file("text/vcard"))
        static let update = APIOperation(method: .PATCH, path: "/api/v1/contacts/{contactID}", summary: "Change a contact", tag: "Contacts",
              body: .json("ContactInput"), reply: .json("Contact"))
        static let delete = APIOperation(method: .DELETE, path: "/api/v1/contacts/{contactID}", summary: "Delete a contact", tag: "Contacts", reply: .noContent)
    }

    static let operations: [APIOperation] = [API.list, API.create, API.vcard, API.update, API.delete]

    func list(req: Request) async throws -> Page<ContactDTO> {
        try await ContactDirectory.query(req).page(req.paging()).map { $0.dto() }
    }

    func vcard(req: Request) async throws -> Response {
        let contacts = try await ContactDirectory.query(req).limit(5000).all()
        return try await ContactDirectory.vcardResponse(contacts, on: req.db, threadPool: req.application.threadPool)
    }

    func create(req: Request) async throws -> Response {
        try ContactInput.validate(content: req)
        let input = try req.input(ContactInput.self)
        let principal = try ContactDirectory.authorizeChange(unitID: input.unitID, req)
        let contact = try await ContactDirectory.create(input, by: principal, on: req.db)
        let response = Response(status: .created)
        try response.content.encode(contact.dto())
        return response
    }

    func update(req: Request) async throws -> ContactDTO {
        let contact = try await ContactDirectory.find(req)
        let principal = try ContactDirectory.authorizeChange(unitID: contact.$unit.id, req)
        try ContactInput.validate(content: req)
        let input = try req.input(ContactInput.self)
        if input.unitID != contact.$unit.id { _ = try ContactDirectory.authorizeChange(unitID: input.unitID, req) }
        return try await ContactDirectory.update(contact, with: input, by: principal, on: req.db).dto()
    }

    func delete(req: Request) async throws -> HTTPStatus {
        let contact = try await ContactDirectory.find(req)
        let principal = try ContactDirectory.authorizeChange(unitID: contact.$unit.id, req)
        try await ContactDirectory.delete(contact, by: principal, on: req.db)
        return .noContent
    }
}

struct ContactInput: Content, Validatable, LimitedInput {
    var unitID: UUID?
    var name: String
    var organization: String?
    var title: String?
    var phone: String?
    var hotline: String?
    var email: String?
    var note: String?

    func checkLimits(_ check: inout TextLimitCheck) {
        check.text("name", name, TextLimit.title)
        check.text("organization", organization, TextLimit.line)
        check.text("title", title, TextLimit.name)
        check.text("phone", phone, TextLimit.phone)
        check.text("hotline", hotline, TextLimit.phone)
        check.text("email", email, TextLimit.email)
        check.text("note", note, TextLimit.note)
    }

    static func validations(_ validations: inout Validations) {
        validations.add("name", as: String.self, is: .count(1...), customFailureDescription: "name is required")
        validations.add("email", as: String?.self, is: .nil || .email, required: false, customFailureDescription: "email must be a valid e-mail address")
    }
}

/// Queries and rules of the contact directory, shared by the API and the web pages.
enum ContactDirectory {
    static let filters: [APIOperation.Param] = [
        .init(name: "q", description: "Search name, organisation, phone, e-mail (accent-insensitive)"),
        .init(name: "unitID", description: "Only this unit's contacts"),
        .init(name: "national", description: "true: only national contacts", type: "boolean"),
    ]

    /// Contacts the caller may see, filtered by `q`, `unitID`, `national`.
    static func query(_ req: Request) throws -> QueryBuilder<Contact> {
        let principal = try req.requirePrincipal()
        let query = Contact.query(on: req.db).sort(\.$name)
        if !principal.policy.seesProvinceDuty, let readable = principal.policy.units(with: .read) {
            query.group(.or) { $0.filter(\.$unit.$id == nil).filter(\.$unit.$id ~~ Array(readable)) }
        }
        if let unit = req.query[String.self, at: "unitID"], !unit.isEmpty {
            guard let id = UUID(uuidString: unit) else { throw Abort(.badRequest, reason: "unitID must be a UUID") }
            query.filter(\.$unit.$id == id)
        }
        if req.query[Bool.self, at: "national"] == true {
            query.filter(\.$unit.$id == nil)
        }
        if let q = req.query[String.self, at: "q"], !q.trimmingCharacters(in: .whitespaces).isEmpty {
            for word in SearchText.fold(q).split(separator: " ") {
                query.filter(\.$searchText, .custom("LIKE"), "%\(word)%")
            }
        }
        return query
    }

    static func find(_ req: Request) async throws -> Contact {
        guard let id = req.parameters.get("contactID", as: UUID.self) else { throw Abort(.badRequest, reason: "contactID must be a UUID") }
        guard let contact = try await Contact.find(id, on: req.db) else { throw Abort(.notFound, reason: "No such contact.") }
        if let unitID = contact.$unit.id { try req.authorize(.read, on: unitID) }
        return contact
    }

    /// Unit contacts need manageUnit on the unit; national contacts need a coordinator.
    static func authorizeChange(unitID: UUID?, _ req: Request) throws -> Principal {
        if let unitID { return try req.authorize(.manageUnit, on: unitID) }
        return try req.requireCoordinator()
    }

    static func create(_ input: ContactInput, by principal: Principal, on db: any Database) async throws -> Contact {
        try check(input)
        if let unitID = input.unitID, try await OrgUnit.find(unitID, on: db) == nil {
            throw Abort(.unprocessableEntity, reason: "unitID: no such unit")
        }
        let contact = Contact(unitID: input.unitID, name: input.name, organization: input.organization.nonEmpty, title: input.title.nonEmpty,
                              phone: input.phone.nonEmpty, hotline: input.hotline.nonEmpty, email: input.email.nonEmpty, note: input.note.nonEmpty)
        try await db.transaction { db in
            try await contact.create(on: db)
            try await Audit.record("contact.create", entity: "contact", id: contact.id?.uuidString, unitID: contact.$unit.id,
                                   after: contact.dto(), by: principal, on: db)
        }
        return contact
    }

    static func update(_ contact: Contact, with input: ContactInput, by principal: Principal, on db: any Database) async throws -> Contact {
        try check(input)
        let before = contact.dto()
        contact.$unit.id = input.unitID
        contact.name = input.name
        contact.organization = input.organization.nonEmpty
        contact.title = input.title.nonEmpty
        contact.phone = input.phone.nonEmpty
        contact.hotline = input.hotline.nonEmpty
        contact.email = input.email.nonEmpty
        contact.note = input.note.nonEmpty
        contact.refreshSearchText()
        try await db.transaction { db in
            try await contact.save(on: db)
            try await Audit.record("contact.update", entity: "contact", id: contact.id?.uuidString, unitID: contact.$unit.id,
                                   before: before, after: contact.dto(), by: principal, on: db)
        }
        return contact
    }

    static func delete(_ contact: Contact, by principal: Principal, on db: any Database) async throws {
        let before = contact.dto()
        try await db.transaction { db in
            try await contact.delete(on: db)
            try await Audit.record("contact.delete", entity: "contact", id: before.id.uuidString, unitID: before.unitID,
                                   before: before, by: principal, on: db)
        }
    }

    /// The field rules every path (API, web form) goes through.
    static func check(_ input: ContactInput) throws {
        if input.name.trimmingCharacters(in: .whitespaces).isEmpty || input.name.count > 300 {
            throw Abort(.unprocessableEntity, reason: "name is required (at most 300 characters)")
        }
        try check(email: input.email)
    }

    /// An optional e-mail: empty means none; otherwise it must look like an address.
    static func check(email: String?) throws {
        guard let email = email.nonEmpty else { return }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(where: \.isWhitespace), email.count <= 254 else {
            throw Abort(.unprocessableEntity, reason: "email '\(email)' is not a valid e-mail address")
        }
    }

    /// The contacts as one vCard 4.0 file. The text is written on the thread pool, not on the event loop, so a large
    /// directory never holds up other requests.
    static func vcardResponse(_ contacts: [Contact], on db: any Database, threadPool: NIOThreadPool) async throws -> Response {
        let unitIDs = Set(contacts.compactMap { $0.$unit.id })
        let units = try await OrgUnit.query(on: db).filter(\.$id ~~ Array(unitIDs)).all()
        let names = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0.name) })
        let cards = contacts.map { contact in
            card(name: contact.name, organization: contact.organization ?? contact.$unit.id.flatMap { names[$0] },
                 title: contact.title, phone: contact.phone, hotline: contact.hotline, email: contact.email, note: contact.note,
                 id: contact.id)
        }
        let text = try await threadPool.runIfActive { VCard.render(cards) }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/vcard; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"danh-ba.vcf\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    /// One contact's card, as the export writes it (also used by `truc-bench vcard`).
    static func card(name: String, organization: String?, title: String?, phone: String?, hotline: String?, email: String?,
                     note: String?, id: UUID?) -> VCard {
        var phones: [VCard.Phone] = []
        if let phone { phones.append(VCard.Phone(kind: "work", number: phone)) }
        if let hotline { phones.append(VCard.Phone(kind: "hotline", number: hotline)) }
        return VCard(fullName: name, organization: organization, title: title, phones: phones, emails: email.map { [$0] } ?? [],
                     note: note, url: nil, uid: id.map { "urn:uuid:\($0.uuidString.lowercased())" })
    }
}
