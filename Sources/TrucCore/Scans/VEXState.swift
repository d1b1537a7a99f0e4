/// A VEX statement on a result (CycloneDX `analysis.state`, Trivy `Status`) that changes what the finding is.
public enum VEXState: String, Sendable, Hashable, Codable {
    /// The component is not affected (`not_affected`).
    case notAffected = "not_affected"
    /// The result is a false positive (`false_positive`).
    case falsePositive = "false_positive"
}
