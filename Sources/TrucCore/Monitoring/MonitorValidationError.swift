/// Why a monitor, a maintenance window or an escalation policy was refused (fields named as the properties of
/// `MonitorDraft` and `MonitorSettings`: "name", "target", "intervalSeconds", "expectedStatus", "dnsServer", …).
public typealias MonitorValidationError = FieldValidationError
