import Fluent
import Foundation
import TrucCore
import TrucNet

/// The outbound policy when a target is saved: a monitor's host and DNS resolver, a webhook's receiver.
/// The host is screened (addresses in every form, metadata and internal names), a name is resolved and every
/// address it has is checked; a refusal is a 422 that names the field, says what class of address it is and how
/// it could be allowed (never naming the address a name resolved to). A name that does not resolve now is
/// accepted: the check runs again at every connection, where it then fails as "DNS: name not found".
enum OutboundTargets {
    /// The longest a lookup may take while saving.
    static let resolveTimeout: Duration = .seconds(3)

    /// Checks one host of `unitID` reported on `field`.
    static func check(host: String, field: String, unitID: UUID, context: OutboundContext, on db: any Database) async throws {
        try await check([(host: host, field: field)], unitID: unitID, context: context, on: db)
    }

    /// Checks the hosts a monitor connects to: its target's host (not a DNS monitor's name, which is only asked
    /// about) and its own DNS resolver.
    static func check(_ monitor: ValidMonitor, unitID: UUID, context: OutboundContext, on db: any Database) async throws {
        var hosts: [(host: String, field: String)] = []
        switch monitor.target {
        case .http(let url):
            if let host = url.host { hosts.append((host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host, "target")) }
        case .tcp(let host, _), .tls(let host, _):
            hosts.append((host, "target"))
        case .dns:
            break
        }
        if let server = monitor.dnsServer { hosts.append((server.host, "dnsServer")) }
        try await check(hosts, unitID: unitID, context: context, on: db)
    }

    /// Checks every (host, field); throws one 422 listing every refusal.
    static func check(_ hosts: [(host: String, field: String)], unitID: UUID, context: OutboundContext, on db: any Database) async throws {
        guard !hosts.isEmpty else { return }
        let policy = try await OutboundAllowList.policy(forUnit: unitID, on: db)
        let outbound = OutboundGuard(policy: policy, resolver: context.resolver, resolveTimeout: resolveTimeout)
        var problems: [FieldValidationError.Problem] = []
        for (host, field) in hosts {
            do {
                _ = try await outbound.addresses(for: host)
            } catch let refusal as OutboundRefusal {
                problems.append(refusal.problem(field: field))
            } catch {
                // Not found or no answer in time: accepted, checked again at each connection.
            }
        }
        guard problems.isEmpty else {
            let error = FieldValidationError(problems: problems)
            throw BilingualError.invalid(error.vietnamese, error.english)
        }
    }
}
