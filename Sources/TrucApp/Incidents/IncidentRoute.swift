import Foundation
import Vapor

/// Incident response: the list, the report form, one incident and its forms and exports, observables.
enum IncidentRoute: WebRoute, Equatable {
    case list, new(unit: UUID), create(unit: UUID)
    case show(UUID), triage(UUID), assign(UUID), setStatus(UUID), addUpdate(UUID), addTask(UUID)
    case addObservables(UUID), finalReport(UUID), uploadEvidence(UUID), evidence(UUID, evidence: UUID)
    case printForm(UUID, form: String), stix(UUID), misp(UUID), notifyNational(UUID), sharing(UUID)
    case observableTLP(UUID, observable: UUID)
    case taskStatus(task: UUID)
    case observables, indicatorFeed

    var method: HTTPMethod {
        switch self {
        case .list, .new, .show, .evidence, .printForm, .stix, .misp, .observables, .indicatorFeed: .GET
        default: .POST
        }
    }

    var segments: [RouteSegment] {
        func incident(_ id: UUID, _ rest: RouteSegment...) -> [RouteSegment] { [.fixed("incidents"), .id("incidentID", id)] + rest }
        switch self {
        case .list: return [.fixed("incidents")]
        case .new(let u): return [.fixed("units"), .id("unitID", u), .fixed("incidents"), .fixed("new")]
        case .create(let u): return [.fixed("units"), .id("unitID", u), .fixed("incidents")]
        case .show(let i): return incident(i)
        case .triage(let i): return incident(i, .fixed("triage"))
        case .assign(let i): return incident(i, .fixed("assign"))
        case .setStatus(let i): return incident(i, .fixed("status"))
        case .addUpdate(let i): return incident(i, .fixed("updates"))
        case .addTask(let i): return incident(i, .fixed("tasks"))
        case .addObservables(let i): return incident(i, .fixed("observables"))
        case .finalReport(let i): return incident(i, .fixed("final-report"))
        case .uploadEvidence(let i): return incident(i, .fixed("evidence"))
        case .evidence(let i, let e): return incident(i, .fixed("evidence"), .id("evidenceID", e))
        case .printForm(let i, let form): return incident(i, .fixed("print"), .text("form", form))
        case .stix(let i): return incident(i, .fixed("stix"))
        case .misp(let i): return incident(i, .fixed("misp"))
        case .notifyNational(let i): return incident(i, .fixed("notify-national"))
        case .sharing(let i): return incident(i, .fixed("sharing"))
        case .observableTLP(let i, let o): return incident(i, .fixed("observables"), .id("observableID", o), .fixed("tlp"))
        case .taskStatus(let t): return [.fixed("incident-tasks"), .id("taskID", t), .fixed("status")]
        case .observables: return [.fixed("observables")]
        case .indicatorFeed: return [.fixed("observables"), .fixed("stix")]
        }
    }

    static let allPatterns: [IncidentRoute] = {
        let k = UUID.routeKey
        return [.list, .new(unit: k), .create(unit: k), .show(k), .triage(k), .assign(k), .setStatus(k), .addUpdate(k),
                .addTask(k), .addObservables(k), .finalReport(k), .uploadEvidence(k), .evidence(k, evidence: k),
                .printForm(k, form: .routeKey), .stix(k), .misp(k), .notifyNational(k), .sharing(k),
                .observableTLP(k, observable: k), .taskStatus(task: k), .observables, .indicatorFeed]
    }()
}
