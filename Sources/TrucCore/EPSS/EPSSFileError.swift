import Foundation

/// Why an EPSS file as a whole was refused (single bad rows are skipped and counted instead). `description` is
/// the English message; `vietnamese` says the same for the Vietnamese interface.
public enum EPSSFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The first line that is not a `#` comment is not the header `cve,epss,percentile` (`found` is that line,
    /// shortened; nil when the file ended before any such line).
    case missingHeader(line: Int, found: String?)
    /// A line longer than `EPSSReader.maxLineLength` bytes: not an EPSS file.
    case lineTooLong(line: Int)

    public var description: String { english }

    public var english: String {
        switch self {
        case .missingHeader(_, nil):
            return "Not an EPSS file: no header line \"cve,epss,percentile\" (the file is empty or only has comments)."
        case .missingHeader(let line, let found?):
            return "Not an EPSS file: line \(line) should be the header \"cve,epss,percentile\" but is \"\(found)\"."
        case .lineTooLong(let line):
            return "Not an EPSS file: line \(line) is longer than \(EPSSReader.maxLineLength) bytes."
        }
    }

    public var vietnamese: String {
        switch self {
        case .missingHeader(_, nil):
            return "Không phải tệp EPSS: thiếu dòng tiêu đề \"cve,epss,percentile\" (tệp rỗng hoặc chỉ có chú thích)."
        case .missingHeader(let line, let found?):
            return "Không phải tệp EPSS: dòng \(line) phải là tiêu đề \"cve,epss,percentile\" nhưng là \"\(found)\"."
        case .lineTooLong(let line):
            return "Không phải tệp EPSS: dòng \(line) dài hơn \(EPSSReader.maxLineLength) byte."
        }
    }
}
