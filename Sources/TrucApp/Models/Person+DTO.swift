import Foundation
import TrucCore
import Vapor

/// A person as the API shows it (never the password hash).
struct PersonDTO: Content, Equatable {
    struct RoleDTO: Content, Equatable {
        var id: UUID
        var unitID: UUID
        var role: Role
    }

    var id: UUID
    var unitID: UUID
    var email: String
    var fullName: String
    var title: String?
    var phone: String?
    var isActive: Bool
    var canSignIn: Bool
    var roles: [RoleDTO]?
}

extension Person {
    func dto(roles: [RoleAssignment]? = nil) -> PersonDTO {
        PersonDTO(id: id!, unitID: $unit.id, email: email, fullName: fullName, title: title, phone: phone,
                  isActive: isActive, canSignIn: passwordHash != nil,
                  roles: roles?.map { PersonDTO.RoleDTO(id: $0.id!, unitID: $0.$unit.id, role: $0.role) })
    }
}
