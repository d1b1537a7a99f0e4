import Foundation
import TrucCore
import Vapor

/// A unit as the API shows it.
struct UnitDTO: Content, Equatable {
    var id: UUID
    var parentID: UUID?
    var code: String
    var name: String
    var kind: UnitKind
    var address: String?
    var phone: String?
    var email: String?
    /// The unit publishes its status page at /status/{code}.
    var statusPagePublic: Bool?
}

extension OrgUnit {
    func dto() -> UnitDTO {
        UnitDTO(id: id!, parentID: $parent.id, code: code, name: name, kind: kind, address: address, phone: phone, email: email,
                statusPagePublic: statusPagePublic == true ? true : nil)
    }
}
