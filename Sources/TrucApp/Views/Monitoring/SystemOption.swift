import Foundation

/// An information system offered in a picker.
struct SystemOption {
    let id: UUID
    let name: String

    init(id: UUID, name: String) {
        self.id = id
        self.name = name
    }

    init(_ system: InformationSystem) throws {
        self.init(id: try system.requireID(), name: system.name)
    }
}
