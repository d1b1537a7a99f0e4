/// Why a CSAF provider's distribution file (provider metadata, ROLIE feed, `changes.csv`, hash file, OpenPGP key)
/// cannot be used.
public enum CSAFDistributionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Larger than the limit for that kind of file.
    case tooLarge(what: String, limit: Int)
    /// Not JSON, or JSON of the wrong shape.
    case malformed(what: String, reason: String)
    /// An address that is not an absolute or relative http(s) URL.
    case badURL(what: String, value: String)

    public var description: String {
        switch self {
        case .tooLarge(let what, let limit): "\(what) is larger than \(limit) bytes"
        case .malformed(let what, let reason): "\(what) is not valid: \(reason)"
        case .badURL(let what, let value): "\(what) has an address that is not an http(s) URL: \(value.prefix(200))"
        }
    }
}
