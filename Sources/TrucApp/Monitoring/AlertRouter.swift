import Fluent
import Foundation
import SQLKit
import TrucCore

/// Turns confirmed state changes into alerts and routes them: first to the people on duty now for the unit (from
/// the duty roster), falling back to the unit's admins, then to the provincial coordinators; an unacknowledged
/// "down" alert escalates one stage after the escalation delay. The unit's webhooks (and those of ancestors that
/// include sub-units) receive every alert. Maintenance windows silence new alerts.
struct AlertRouter: Sendable {
    var timeZone: TimeZone

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    // MARK: - Raising

    /// Handles one confirmed state change of a monitor inside the recorder's transaction. Returns the alert raised,
    /// if any.
    func stateChanged(check: ClaimedCheck, change: MonitorStateChange, result: ProbeResult, now: Date,
                      on db: any Database) async throws -> UUID? {
        let inMaintenance = try await MaintenanceService.isInMaintenance(monitorID: check.monitorID, unitID: check.unitID,
                                                                          at: change.at, on: db)
        var outageID: UUID?
        if change.to == .down {
            let outage = MonitorOutage(monitorID: check.monitorID, unitID: check.unitID, startedAt: change.at,
                                       cause: result.message.isEmpty ? "down" : result.message, inMaintenance: inMaintenance)
            try await outage.create(on: db)
            outageID = outage.id
        } else if change.from == .down {
            try await MonitorOutage.query(on: db).filter(\.$monitor.$id == check.monitorID).filter(\.$endedAt == nil)
                .set(\.$endedAt, to: change.at).update()
        }
        // Earlier alerts of this monitor that are still open end here.
        let open = try await MonitorAlert.query(on: db).filter(\.$monitor.$id == check.monitorID)
            .filter(\.$resolvedAt == nil).filter(\.$event != .up).all()
        for alert in open {
            alert.resolvedAt = change.at
            alert.nextEscalationAt = nil
            try await alert.save(on: db)
        }
        if change.from == .pending && change.to == .up { return nil }
        if change.to == .up {
            // A recovery goes to whoever was told about the trouble (if anyone was).
            let told = try await AlertDelivery.query(on: db).filter(\.$alert.$id ~~ open.compactMap(\.id)).all()
            guard !told.isEmpty else { return nil }
            let alert = makeAlert(check: check, change: change, result: result, stage: open.map(\.stage).max() ?? .onDuty,
                                  outageID: nil, escalatesAt: nil)
            alert.resolvedAt = change.at
            try await alert.create(on: db)
            var seen = Set<String>()
            for delivery in told where seen.insert(delivery.channel.rawValue + delivery.recipient).inserted {
                try await addDelivery(alert: alert, channel: delivery.channel, recipient: delivery.recipient,
                                      name: delivery.recipientName, personID: delivery.personID, stage: delivery.stage, now: now, on: db)
            }
            return alert.id
        }
        if inMaintenance { return nil }
        let routed = try await recipients(stage: .onDuty, unitID: check.unitID, at: now, on: db)
        let policy = try await EscalationSettings.load(on: db)
        let escalates = change.to == .down && routed.stage.next != nil
        let alert = makeAlert(check: check, change: change, result: result, stage: routed.stage, outageID: outageID,
                              escalatesAt: escalates ? policy.escalationDue(raisedAt: now) : nil)
        try await alert.create(on: db)
        for person in routed.people {
            try await addDelivery(alert: alert, channel: .email, recipient: person.email, name: person.name,
                                  personID: person.personID, stage: routed.stage, now: now, on: db)
        }
        for hook in try await webhooks(for: check.unitID, on: db) {
            try await addDelivery(alert: alert, channel: .webhook, recipient: hook.id!.uuidString, name: hook.name,
                                  personID: nil, stage: routed.stage, now: now, on: db)
        }
        return alert.id
    }

    private func makeAlert(check: ClaimedCheck, change: MonitorStateChange, result: ProbeResult, stage: AlertStage,
                           outageID: UUID?, escalatesAt: Date?) -> MonitorAlert {
        let alert = MonitorAlert()
        alert.id = UUID()
        alert.$monitor.id = check.monitorID
        alert.unitID = check.unitID
        alert.outageID = outageID
        alert.event = change.to
        alert.previousState = change.from
        alert.message = result.message.isEmpty ? change.to.english : String(result.message.prefix(500))
        alert.raisedAt = change.at
        alert.stage = stage
        alert.nextEscalationAt = escalatesAt
        return alert
    }

    /// Adds a delivery unless the same alert already has one for that recipient (unique index: concurrent
    /// escalations in two instances cannot add it twice).
    func addDelivery(alert: MonitorAlert, channel: AlertDelivery.Channel, recipient: String, name: String,
                     personID: UUID?, stage: AlertStage, now: Date, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.insert(into: AlertDelivery.schema)
            .columns("id", "alert_id", "channel", "recipient", "recipient_name", "person_id", "stage", "status",
                     "attempts", "next_attempt_at", "created_at")
            .values(SQLBind(UUID()), SQLBind(alert.id!), SQLBind(channel.rawValue), SQLBind(recipient), SQLBind(name),
                    SQLBind(personID), SQLBind(stage.rawValue), SQLBind(AlertDelivery.Status.pending.rawValue), SQLBind(0),
                    SQLBind(now), SQLBind(now))
            .ignoringConflicts(with: ["alert_id", "channel", "recipient"])
            .run()
    }

    // MARK: - Who

    /// The people to tell at `stage` (falling forward to the next stage that has somebody).
    func recipients(stage: AlertStage, unitID: UUID, at: Date, on db: any Database) async throws -> RoutedRecipients {
        let onDuty: [AlertRecipient]
        if stage == .onDuty, let unit = try await OrgUnit.find(unitID, on: db) {
            let board = try await RosterService.onDuty(units: [unit], restrictTo: [unitID], at: at, timeZone: timeZone, on: db)
            onDuty = board.first.map { $0.onDuty.filter { $0.startsAt <= at && at < $0.endsAt }
                .map { AlertRecipient(personID: $0.personID, name: $0.fullName, email: $0.email) } } ?? []
        } else {
            onDuty = []
        }
        let admins = stage <= .unitAdmin ? try await unitAdmins(of: unitID, on: db) : []
        let coordinators = try await people(with: .coordinator, on: nil, db: db)
        return AlertRouting.recipients(stage: stage, onDuty: onDuty, unitAdmins: admins, coordinators: coordinators)
    }

    /// The admins of the unit, or of its nearest ancestor that has some.
    func unitAdmins(of unitID: UUID, on db: any Database) async throws -> [AlertRecipient] {
        var current: UUID? = unitID
        var hops = 0
        while let id = current, hops < 20 {
            let admins = try await people(with: .unitAdmin, on: id, db: db)
            if !admins.isEmpty { return admins }
            current = try await OrgUnit.find(id, on: db)?.$parent.id
            hops += 1
        }
        return []
    }

    private func people(with role: Role, on unitID: UUID?, db: any Database) async throws -> [AlertRecipient] {
        var query = RoleAssignment.query(on: db).filter(\.$role == role).with(\.$person)
        if let unitID { query = query.filter(\.$unit.$id == unitID) }
        return try await query.all().map(\.person).filter(\.isActive)
            .sorted { $0.fullName < $1.fullName }
            .map { AlertRecipient(personID: $0.id!, name: $0.fullName, email: $0.email) }
    }

    /// Enabled webhooks of the unit and of its ancestors that include sub-units.
    func webhooks(for unitID: UUID, on db: any Database) async throws -> [Webhook] {
        var result = try await Webhook.query(on: db).filter(\.$unit.$id == unitID).filter(\.$enabled == true).all()
        var current = try await OrgUnit.find(unitID, on: db)?.$parent.id
        var hops = 0
        while let id = current, hops < 20 {
            result += try await Webhook.query(on: db).filter(\.$unit.$id == id).filter(\.$enabled == true)
                .filter(\.$includeSubunits == true).all()
            current = try await OrgUnit.find(id, on: db)?.$parent.id
            hops += 1
        }
        return result
    }

    // MARK: - Escalation

    /// Escalates every unacknowledged alert whose delay has passed, one stage. Each escalation is claimed with a
    /// conditional update on the alert's current stage, so two instances sweeping at once escalate it once.
    @discardableResult
    func escalateDue(now: Date = Date(), on db: any Database) async throws -> Int {
        let due = try await MonitorAlert.query(on: db).filter(\.$nextEscalationAt <= now).filter(\.$acknowledgedAt == nil)
            .filter(\.$resolvedAt == nil).limit(200).all()
        let policy = try await EscalationSettings.load(on: db)
        var escalated = 0
        for alert in due {
            guard let next = alert.stage.next else { continue }
            let done: Bool = try await db.transaction { tx in
                let routed = try await recipients(stage: next, unitID: alert.unitID, at: now, on: tx)
                let later = routed.stage.next == nil ? nil : policy.escalationDue(raisedAt: now)
                guard let txSQL = tx as? any SQLDatabase else { return false }
                let claimed = try await txSQL.raw("""
                    UPDATE monitor_alerts SET stage = \(bind: routed.stage.rawValue), next_escalation_at = \(bind: later)
                    WHERE id = \(bind: alert.id!) AND stage = \(bind: alert.stage.rawValue) AND next_escalation_at IS NOT NULL
                      AND acknowledged_at IS NULL AND resolved_at IS NULL
                    RETURNING id
                    """).all()
                guard !claimed.isEmpty else { return false }
                for person in routed.people {
                    try await addDelivery(alert: alert, channel: .email, recipient: person.email, name: person.name,
                                          personID: person.personID, stage: routed.stage, now: now, on: tx)
                }
                return true
            }
            if done { escalated += 1 }
        }
        return escalated
    }

    // MARK: - Acknowledging

    /// Acknowledges an alert (stops its escalation). False when it was already acknowledged or resolved.
    @discardableResult
    static func acknowledge(_ alert: MonitorAlert, by name: String, at: Date = Date(), on db: any Database) async throws -> Bool {
        guard alert.needsAcknowledgement else { return false }
        alert.acknowledgedAt = at
        alert.acknowledgedBy = String(name.prefix(200))
        alert.nextEscalationAt = nil
        try await alert.save(on: db)
        return true
    }
}
