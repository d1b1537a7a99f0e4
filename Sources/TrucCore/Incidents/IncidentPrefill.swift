import Foundation

/// What the inventory knows about the affected system, to fill the "affected system" part of an initial report
/// (`InitialIncidentReport.prefill(system:reporter:…)`), so that a unit reporting in a hurry does not retype it.
public struct IncidentPrefill: Sendable, Codable, Equatable {
    /// The unit operating the system (đơn vị vận hành).
    public var unitName: String
    /// The unit above it (cơ quan chủ quản); `nil` for a top-level unit, which then governs itself.
    public var parentUnitName: String?
    /// The information system, when the incident concerns a known one.
    public var systemName: String?
    /// The system's domain names.
    public var domains: [String]
    /// The system's Internet-facing addresses.
    public var publicIPs: [String]
    /// Its security level (cấp độ 1–5), if classified.
    public var securityLevel: Int?
    /// What it is used for.
    public var purpose: String?
    /// The operating systems of its assets, with versions ("Ubuntu 22.04").
    public var osNames: [String]
    /// The services it runs ("Apache HTTP Server 2.4", "Postfix").
    public var serviceNames: [String]

    public init(unitName: String, parentUnitName: String? = nil, systemName: String? = nil, domains: [String] = [],
                publicIPs: [String] = [], securityLevel: Int? = nil, purpose: String? = nil, osNames: [String] = [],
                serviceNames: [String] = []) {
        self.unitName = unitName
        self.parentUnitName = parentUnitName
        self.systemName = systemName
        self.domains = domains
        self.publicIPs = publicIPs
        self.securityLevel = securityLevel
        self.purpose = purpose
        self.osNames = osNames
        self.serviceNames = serviceNames
    }
}
