import Foundation

/// What the roster forms offer to choose from: recent campaigns and the people who may be put on duty.
enum RosterChoice {
    struct Campaign {
        let id: UUID
        let title: String
    }

    struct Person {
        let id: UUID
        let fullName: String
        let email: String
    }
}
