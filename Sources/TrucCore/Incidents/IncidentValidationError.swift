/// Why an incident form (an initial report "Mẫu 03", a final report "Mẫu 04", a task, an evidence upload) was
/// refused (fields named as the properties of the validated type: "reporterEmail", "domains", "detectedAt", …).
public typealias IncidentValidationError = FieldValidationError
