/// Why a CVSS vector string could not be parsed. `description` is the English message;
/// `vietnamese` says the same for the Vietnamese interface.
public enum CVSSError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The vector string is empty (or only whitespace).
    case empty
    /// The vector does not start with a known prefix (`CVSS:3.0/`, `CVSS:3.1/`, `CVSS:4.0/`,
    /// or a bare or parenthesised v2 vector such as `AV:N/AC:L/Au:N/C:P/I:P/A:P`).
    case wrongPrefix(String)
    /// A `CVSS:x.y/` prefix naming a version this code does not score.
    case unsupportedVersion(String)
    /// A component that is not of the form `METRIC:VALUE` (e.g. an empty one from `//` or a trailing `/`).
    case malformedComponent(String)
    /// A metric abbreviation the version does not define; `version` is "2.0", "3.0", "3.1" or "4.0".
    case unknownMetric(String, version: String)
    /// A metric given twice.
    case duplicateMetric(String)
    /// A mandatory (base) metric is absent.
    case missingMetric(String)
    /// A value the metric does not allow.
    case invalidValue(metric: String, value: String)

    public var description: String { english }

    public var english: String {
        switch self {
        case .empty:
            "The CVSS vector is empty."
        case .wrongPrefix(let vector):
            "\"\(vector)\" is not a CVSS vector: expected the prefix CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/, "
                + "or a CVSS v2 vector such as AV:N/AC:L/Au:N/C:P/I:P/A:P."
        case .unsupportedVersion(let prefix):
            "CVSS version \"\(prefix)\" is not supported (supported: 2.0, 3.0, 3.1, 4.0)."
        case .malformedComponent(let component):
            "\"\(component)\" is not a METRIC:VALUE pair."
        case .unknownMetric(let metric, let version):
            "Unknown CVSS \(version) metric \"\(metric)\"."
        case .duplicateMetric(let metric):
            "Metric \(metric) appears more than once."
        case .missingMetric(let metric):
            "Mandatory metric \(metric) is missing."
        case .invalidValue(let metric, let value):
            "\"\(value)\" is not a valid value for metric \(metric)."
        }
    }

    public var vietnamese: String {
        switch self {
        case .empty:
            "Chuỗi vector CVSS trống."
        case .wrongPrefix(let vector):
            "\"\(vector)\" không phải vector CVSS: cần tiền tố CVSS:3.0/, CVSS:3.1/ hoặc CVSS:4.0/, "
                + "hoặc vector CVSS v2 dạng AV:N/AC:L/Au:N/C:P/I:P/A:P."
        case .unsupportedVersion(let prefix):
            "Không hỗ trợ phiên bản CVSS \"\(prefix)\" (hỗ trợ: 2.0, 3.0, 3.1, 4.0)."
        case .malformedComponent(let component):
            "\"\(component)\" không đúng dạng CHỈ_SỐ:GIÁ_TRỊ."
        case .unknownMetric(let metric, let version):
            "Chỉ số \"\(metric)\" không có trong CVSS \(version)."
        case .duplicateMetric(let metric):
            "Chỉ số \(metric) xuất hiện nhiều lần."
        case .missingMetric(let metric):
            "Thiếu chỉ số bắt buộc \(metric)."
        case .invalidValue(let metric, let value):
            "\"\(value)\" không phải giá trị hợp lệ của chỉ số \(metric)."
        }
    }
}
