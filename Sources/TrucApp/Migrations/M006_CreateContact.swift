import Fluent
import TrucCore

struct CreateContact: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Contact.schema)
            .id()
            .field("unit_id", .uuid, .references(OrgUnit.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("organization", .string)
            .field("title", .string)
            .field("phone", .string)
            .field("hotline", .string)
            .field("email", .string)
            .field("note", .string)
            .field("search_text", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Contact.schema).delete()
    }
}

/// Every installation starts with the national contacts the 2023 directive lists (VNCERT/CC, NCSC, provincial IT center).
struct SeedNationalContacts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for contact in NationalContact.all {
            try await Contact(unitID: nil, name: contact.name, organization: contact.organization,
                              phone: contact.phone, hotline: contact.hotline, email: contact.email,
                              note: contact.note).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await Contact.query(on: database).filter(\.$unit.$id == nil).delete()
    }
}
