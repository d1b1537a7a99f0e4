import CSV
import Foundation

/// Parses an uploaded roster CSV, all or nothing: either every row is a valid shift, or every problem is reported.
///
/// Header (case-insensitive, any order, extra columns ignored): `person_email,start,end,role[,note]`.
/// A header with ";" and no "," switches the delimiter to ";" (Excel with Vietnamese regional settings).
/// Blank lines are skipped. Messages are in Vietnamese, for display.
public struct ShiftCSV: Sendable {
    public struct Row: Sendable, Equatable {
        /// 1-based line in the file where the record starts (the header is line 1).
        public var line: Int
        /// Trimmed and lowercased.
        public var personEmail: String
        public var start: Date
        public var end: Date
        public var role: DutyRole
        public var note: String?

        public init(line: Int, personEmail: String, start: Date, end: Date, role: DutyRole, note: String? = nil) {
            self.line = line
            self.personEmail = personEmail
            self.start = start
            self.end = end
            self.role = role
            self.note = note
        }
    }

    public typealias RowError = CSVRowError

    public enum Failure: Error, Equatable {
        /// Not CSV at all, no data, too many rows, or missing header columns.
        case malformed(String)
        /// Every problem found, sorted by line.
        case rows([RowError])
    }

    public static let maxRows = 5000
    /// The longest shift accepted.
    public static let maxShiftDuration: TimeInterval = 24 * 3600

    static let requiredColumns = ["person_email", "start", "end", "role"]
    /// The longest cell of each column, in characters (others: `TextLimit.line`); a longer one is a row error.
    public static let cellLimits = ["person_email": TextLimit.email, "note": TextLimit.shortNote]

    /// Times are "dd/MM/yyyy HH:mm[:ss]" or "yyyy-MM-ddTHH:mm" local in `timeZone`, or ISO 8601 with an offset.
    public static func parse(_ text: String, timeZone: TimeZone) -> Result<[Row], Failure> {
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        guard !text.allSatisfy(\.isWhitespace) else { return .failure(.malformed("Tệp trống.")) }

        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, delimiter: delimiter(of: text))
        } catch {
            return .failure(.malformed("Không đọc được tệp CSV: \(error)"))
        }

        var nextLine = 1
        var columns: [String: Int]?
        var rows: [Row] = []
        var errors: [RowError] = []
        var dataRows = 0
        while let fields = reader.next() {
            let line = nextLine
            nextLine += 1 + fields.reduce(0) { $0 + lineBreaks(in: $1) }
            if fields.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { continue }

            guard let knownColumns = columns else {
                switch header(fields) {
                case .success(let found): columns = found
                case .failure(let failure): return .failure(failure)
                }
                continue
            }
            dataRows += 1
            guard dataRows <= maxRows else {
                return .failure(.malformed("Tệp có hơn \(maxRows) dòng dữ liệu; hãy chia nhỏ tệp."))
            }
            let (row, messages) = row(fields, line: line, columns: knownColumns, timeZone: timeZone)
            if let row { rows.append(row) }
            errors += messages.map { RowError(line: line, message: $0) }
        }
        if let error = reader.error {
            return .failure(.malformed("Không đọc được tệp CSV: \(error)"))
        }
        guard columns != nil else { return .failure(.malformed("Tệp trống.")) }
        guard dataRows > 0 else { return .failure(.malformed("Tệp không có dòng dữ liệu nào, chỉ có tiêu đề.")) }
        return errors.isEmpty ? .success(rows) : .failure(.rows(errors))
    }

    private static func delimiter(of text: String) -> UnicodeScalar {
        let firstLine = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) } ?? ""
        return firstLine.contains(";") && !firstLine.contains(",") ? ";" : ","
    }

    /// CR, LF and CRLF each count as one line break.
    private static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previousCR = false
        for scalar in field.unicodeScalars {
            if scalar == "\r" || (scalar == "\n" && !previousCR) { count += 1 }
            previousCR = scalar == "\r"
        }
        return count
    }

    /// Column index by normalised name ("Person Email" -> "person_email"); fails when a required one is missing.
    private static func header(_ fields: [String]) -> Result<[String: Int], Failure> {
        var columns: [String: Int] = [:]
        for (index, field) in fields.enumerated() {
            let name = field.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                .split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" }).joined(separator: "_")
            if columns[name] == nil { columns[name] = index }
        }
        let missing = requiredColumns.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            return .failure(.malformed("Thiếu cột \(missing.joined(separator: ", ")) ở dòng tiêu đề; "
                + "cần các cột person_email,start,end,role[,note]."))
        }
        return .success(columns)
    }

    private static func row(_ fields: [String], line: Int, columns: [String: Int],
                            timeZone: TimeZone) -> (Row?, [String]) {
        var messages: [String] = []
        var tooLong: Set<String> = []
        func value(_ column: String) -> String? {
            guard let index = columns[column], index < fields.count else { return nil }
            let limit = cellLimits[column] ?? TextLimit.line
            guard TextLimit.fits(fields[index], limit) else {
                if tooLong.insert(column).inserted {
                    messages.append("Ô cột \(column) dài \(TextLimit.length(fields[index])) ký tự, tối đa \(limit) ký tự.")
                }
                return nil
            }
            let trimmed = fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        func required(_ column: String) -> String? {
            guard let text = value(column) else {
                if !tooLong.contains(column) { messages.append("Thiếu giá trị cột \(column).") }
                return nil
            }
            return text
        }
        func time(_ column: String) -> Date? {
            guard let text = required(column) else { return nil }
            guard let parsed = VNDateFormat.Parsed(text) else {
                messages.append("Không đọc được thời gian \(column) \"\(text)\"; dùng dạng 30/04/2023 07:00 "
                    + "hoặc 2023-04-30T07:00:00+07:00.")
                return nil
            }
            guard parsed.hasTime else {
                messages.append("Thời gian \(column) \"\(text)\" thiếu giờ phút, ví dụ 30/04/2023 07:00.")
                return nil
            }
            return parsed.date(in: timeZone)
        }

        var email = required("person_email")
        if let text = email, !isPlausibleEmail(text) {
            messages.append("Email không hợp lệ: \"\(text)\".")
            email = nil
        }
        let start = time("start")
        let end = time("end")
        var role: DutyRole?
        if let text = required("role") {
            role = DutyRole(lenient: text)
            if role == nil {
                messages.append("Vai trò không hợp lệ: \"\(text)\"; dùng technical (kỹ thuật) hoặc leader (lãnh đạo).")
            }
        }
        if let start, let end {
            if end <= start {
                messages.append("Thời gian kết thúc phải sau thời gian bắt đầu.")
            } else if end.timeIntervalSince(start) > maxShiftDuration {
                messages.append("Ca trực dài hơn 24 giờ.")
            }
        }
        let note = value("note")
        guard messages.isEmpty, let email, let start, let end, let role else { return (nil, messages) }
        let row = Row(line: line, personEmail: email.lowercased(), start: start, end: end, role: role, note: note)
        return (row, [])
    }

    /// A pragmatic check: one "@", a non-empty local part, a dotted domain, no spaces or separators.
    static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, text.count <= 254 else { return false }
        let forbidden = Set(" \t\r\n,;:<>()[]\\\"")
        guard !parts[0].contains(where: { forbidden.contains($0) || !$0.isASCII }) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}
