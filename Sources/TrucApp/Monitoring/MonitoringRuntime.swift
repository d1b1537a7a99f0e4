import Fluent
import Foundation
import Logging
import NIOCore
import TrucCore
import TrucNet
import Vapor

/// Starts the background work of `serve`: the check scheduler, the delivery loop (alert escalation and
/// delivery, and the mail outbox of incidents) and housekeeping (rolling up old results, under a job lease). Every instance runs all three; the
/// database decides which instance does each piece of work.
final class MonitoringRuntime: LifecycleHandler, @unchecked Sendable {
    private var tasks: [Task<Void, Never>] = []
    private var runner: NetworkProbeRunner?
    let owner = MonitorScheduler.makeOwner()

    func didBootAsync(_ app: Application) async throws {
        guard app.config.runMonitoring else { return }
        let runner = NetworkProbeRunner(group: app.eventLoopGroup, outbound: app.outbound,
                                        maxConnectionsPerHost: app.config.monitorPerHost)
        self.runner = runner
        let router = AlertRouter(timeZone: app.config.timeZone)
        let scheduler = MonitorScheduler(db: app.db, runner: runner, alerts: router, owner: owner,
                                         maxInFlight: app.config.monitorConcurrency, logger: app.logger)
        let transport = Self.transport(app)
        let dispatcher = AlertDispatcher(owner: owner, transport: transport, publicURL: app.config.publicURL,
                                         timeZone: app.config.timeZone, logger: app.logger)
        let outbox = OutboxDispatcher(owner: owner, transport: transport, logger: app.logger)
        let db = app.db
        let logger = app.logger
        let owner = self.owner
        tasks.append(Task { await scheduler.run() })
        let zone = app.config.timeZone
        let publicURL = app.config.publicURL
        tasks.append(Task {
            var lastReminderSweep = Date.distantPast
            var failures = 0
            while !Task.isCancelled {
                do {
                    // Reminders of untriaged support requests: once a minute, by the instance holding the lease.
                    if Date().timeIntervalSince(lastReminderSweep) >= 60 {
                        lastReminderSweep = Date()
                        if try await JobLease.acquire("incident-reminders", owner: owner, seconds: 120, on: db) {
                            try await IncidentNotifications.remindUntriaged(zone: zone, publicURL: publicURL, on: db)
                        }
                    }
                    try await router.escalateDue(on: db)
                    try await dispatcher.deliverDue(on: db)
                    try await outbox.deliverDue(on: db)
                    if failures > 0 {
                        logger.notice("delivery loop works again after \(failures) failed passes")
                        failures = 0
                    }
                } catch {
                    // During a database outage: one line, then one a minute, not one a second.
                    failures += 1
                    if failures == 1 || failures % 60 == 0 {
                        logger.error("delivery loop (\(failures) failed passes; trying again): \(String(describing: error))")
                    }
                }
                try? await Task.sleep(for: .seconds(1))
            }
        })
        tasks.append(Task {
            while !Task.isCancelled {
                do {
                    if try await JobLease.acquire("monitor-compaction", owner: owner, seconds: 600, on: db) {
                        let report = try await MonitorCheckStore.compact(on: db)
                        if report.rawRolledUp + report.hourlyRolledUp > 0 {
                            logger.info("rolled up \(report.rawRolledUp) check results and \(report.hourlyRolledUp) hourly rollups")
                        }
                    }
                } catch {
                    logger.error("monitor housekeeping: \(String(describing: error))")
                }
                try? await Task.sleep(for: .seconds(300))
            }
        })
    }

    func shutdownAsync(_ app: Application) async {
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        tasks = []
        try? await runner?.shutdown()
    }

    static func transport(_ app: Application) -> NetworkAlertTransport {
        let config = app.config
        let smtp = config.smtpHost.map { host in
            SMTPSettings(host: host, port: config.smtpPort, security: SMTPSecurity(configValue: config.smtpSecurity),
                         username: config.smtpUsername, password: config.smtpPassword, heloName: "truc-attt",
                         timeout: .seconds(30))
        }
        let from = (try? MailAddress(parsing: config.mailFrom)) ?? MailAddress(name: "Truc ATTT", address: "truc-attt@localhost")
        return NetworkAlertTransport(smtp: smtp, mailFrom: from, group: app.eventLoopGroup, outbound: app.outbound)
    }
}

extension SMTPSecurity {
    init(configValue: String) {
        switch configValue {
        case "starttls": self = .startTLS
        case "tls": self = .tls
        default: self = .none
        }
    }
}
