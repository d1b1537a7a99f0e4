import Foundation
import Vapor

/// A directory entry as the API shows it; `unitID` is nil for national contacts.
struct ContactDTO: Content, Equatable {
    var id: UUID
    var unitID: UUID?
    var isNational: Bool
    var name: String
    var organization: String?
    var title: String?
    var phone: String?
    var hotline: String?
    var email: String?
    var note: String?
}

extension Contact {
    func dto() -> ContactDTO {
        ContactDTO(id: id!, unitID: $unit.id, isNational: $unit.id == nil, name: name, organization: organization,
                   title: title, phone: phone, hotline: hotline, email: email, note: note)
    }
}
