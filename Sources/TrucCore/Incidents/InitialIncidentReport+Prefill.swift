import Foundation

extension InitialIncidentReport {
    /// A report with the reporting-organisation fields taken from `reporter` and the affected-system fields from
    /// `system`; the incident fields come from the arguments, the rest is left for the reporter (empty summary
    /// unless given, no notified parties, not confidential, no support requested). Nothing is validated: call
    /// `validated(now:)` once the reporter has completed the form.
    ///
    /// - `operatingUnit` is the system's unit; `owningAgency` its parent unit, or the unit itself at the top of the
    ///   tree;
    /// - `systemName` is empty when the inventory has none (the reporter must name the system);
    /// - `domains` and `publicIPs` are the inventory's; `ipAddresses` starts as the public addresses too, for the
    ///   reporter to narrow down or complete with the internal addresses involved;
    /// - `operatingSystems` and `services` list the inventory's names once each, in their order, separated by
    ///   ", " (`nil` when there are none); blank names are skipped;
    /// - `reportedAt` is when the reporter opens the form, to be updated on sending.
    public static func prefill(system: IncidentPrefill, reporter: IncidentReporter, summary: String = "",
                               detectedAt: Date, detectionMethod: IncidentDetectionMethod,
                               currentStatus: IncidentCurrentStatus = .unknown,
                               reportedAt: Date) -> InitialIncidentReport {
        func list(_ names: [String]) -> String? {
            var seen: [String] = []
            for name in names.map(IncidentFormValidator.singleLine) where !name.isEmpty && !seen.contains(name) {
                seen.append(name)
            }
            return seen.isEmpty ? nil : seen.joined(separator: ", ")
        }
        func text(_ value: String?) -> String? {
            guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        let parent = text(system.parentUnitName)
        return InitialIncidentReport(
            reporterOrganization: reporter.unitName, reporterAddress: text(reporter.unitAddress),
            reporterName: reporter.name, reporterPosition: text(reporter.title), reporterPhone: reporter.phone,
            reporterEmail: reporter.email,
            operatingUnit: system.unitName, owningAgency: parent ?? system.unitName,
            systemName: text(system.systemName) ?? "", domains: system.domains, ipAddresses: system.publicIPs,
            securityLevel: system.securityLevel, purpose: text(system.purpose),
            operatingSystems: list(system.osNames), services: list(system.serviceNames), publicIPs: system.publicIPs,
            summary: summary, detectedAt: detectedAt, currentStatus: currentStatus, detectionMethod: detectionMethod,
            reportedAt: reportedAt)
    }
}
