import Foundation

/// Chooses who receives an alert at a stage of escalation.
public enum AlertRouting {
    /// The reachable people of `stage`, falling forward to the next stage with anyone reachable (nobody on duty →
    /// the unit's administrators → the coordinators). People without an e-mail address (blank after trimming) are
    /// skipped; a person listed twice, by id or by e-mail address (ignoring case), is kept once (first listing).
    /// When no stage from `stage` on has anyone, the result is the last stage, `coordinator`, with nobody.
    public static func recipients(stage: AlertStage, onDuty: [AlertRecipient], unitAdmins: [AlertRecipient],
                                  coordinators: [AlertRecipient]) -> RoutedRecipients {
        var current: AlertStage? = stage
        while let candidate = current {
            let listed: [AlertRecipient] = switch candidate {
            case .onDuty: onDuty
            case .unitAdmin: unitAdmins
            case .coordinator: coordinators
            }
            let people = reachable(listed)
            if !people.isEmpty { return RoutedRecipients(stage: candidate, people: people) }
            current = candidate.next
        }
        return RoutedRecipients(stage: .coordinator, people: [])
    }

    /// The people with an e-mail address (trimmed), each once by id and by e-mail address ignoring case.
    public static func reachable(_ people: [AlertRecipient]) -> [AlertRecipient] {
        var ids = Set<UUID>()
        var emails = Set<String>()
        var result: [AlertRecipient] = []
        for person in people {
            let email = person.email.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !email.isEmpty, !ids.contains(person.personID), !emails.contains(email.lowercased()) else { continue }
            ids.insert(person.personID)
            emails.insert(email.lowercased())
            result.append(AlertRecipient(personID: person.personID, name: person.name, email: email))
        }
        return result
    }
}
