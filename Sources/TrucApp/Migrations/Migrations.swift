import Fluent
import Vapor

/// Every migration, in the order it runs. Append only; never reorder or rename a shipped one.
enum Migrations {
    static let all: [any Migration] = [
        CreateUnit(),                  // 001
        CreatePerson(),                // 002
        CreateRoleAssignment(),        // 003
        CreateAPIToken(),              // 004
        CreateAuditEntry(),            // 005
        CreateContact(),               // 006
        SeedNationalContacts(),        // 006b
        CreateCampaign(),              // 007
        CreateItemReport(),            // 008
        CreateDutyShift(),             // 009
        SessionRecord.migration,       // 010: web sessions, shared by every app instance
        UpdateDutyShiftAddPersonIndex(), // 011
        CreateInformationSystem(),     // 012
        CreateAsset(),                 // 013
        CreateVulnerability(),         // 014
        CreateFinding(),               // 015
        CreateAdvisory(),              // 016
        CreateFeedImport(),            // 017
        CreateMonitor(),               // 018
        CreateMonitorAlert(),          // 019
        UpdateUnitAddStatusPage(),     // 020
        CreateIncident(),              // 021
        CreateOutboxMail(),            // 022
        CreateWebSession(),            // 023
        CreateOutboundAllowEntry(),    // 024
        CreateSignInSecurity(),        // 025
        CreateBackupRun(),             // 026
        UpdateMonitorAddConnectTime(), // 027
        CreateEPSSScore(),             // 028
        CreateCSAFDocument(),          // 029
        CreateFeedSource(),            // 030: sources synced on a schedule, and their runs
        CreateScanImport(),            // 031: scanner reports and SBOMs, detections of findings
        AddProductLookupIndexes(),     // 032: (product, vendor) indexes for matching's lookups
    ]
}
