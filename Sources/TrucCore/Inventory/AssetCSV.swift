import CSV
import Foundation

/// Parses an uploaded asset-inventory CSV, all or nothing: either every row is a valid asset, or every problem
/// of every row is reported with its line.
///
/// Header (case- and accent-insensitive, any order, extra columns ignored): required `kind,name`, optional
/// `system,vendor,product,version,hostname,ip,cpe,key,notes`, or their Vietnamese names (`loai`, `ten`,
/// `he_thong`, `hang`, `san_pham`, `phien_ban`, `ten_may`, `dia_chi_ip`, `ma`, `ghi_chu`, …; see `columnAliases`).
/// `cpe` holds one or more CPE names (2.3 formatted strings or 2.2 URIs, which are converted) separated by spaces
/// or `|`. `key` is a stable identifier for re-imports and must be unique within the file.
///
/// Like `ShiftCSV`: a byte-order mark is dropped, a header with ";" and no "," switches the delimiter to ";"
/// (Excel with Vietnamese regional settings), blank lines are skipped, and messages are in Vietnamese.
public struct AssetCSV: Sendable {
    public struct Row: Sendable, Equatable {
        /// 1-based line in the file where the record starts (the header is line 1).
        public var line: Int
        public var draft: AssetDraft

        public init(line: Int, draft: AssetDraft) {
            self.line = line
            self.draft = draft
        }
    }

    public typealias RowError = CSVRowError

    public enum Outcome: Sendable, Equatable {
        /// Every data row, in file order.
        case rows([Row])
        /// Every problem found, by line; problems with the file as a whole (empty, no header, too many rows) are
        /// reported at line 1 or at the line where they were noticed.
        case errors([RowError])
    }

    /// The most data rows accepted in one file.
    public static let maximumRows = 20_000
    /// The longest `name`, in characters.
    public static let maximumNameLength = 200
    /// The longest `system`, `vendor`, `product`, `version`, `hostname` and `key`, in characters.
    public static let maximumFieldLength = 200
    /// The longest `notes`, in characters.
    public static let maximumNotesLength = 4000
    /// The most CPE names in one row.
    public static let maximumCPEsPerRow = 50

    /// The canonical columns, required ones first.
    public static let columns = ["kind", "name", "system", "vendor", "product", "version", "hostname", "ip", "cpe",
                                 "key", "notes"]
    static let requiredColumns = ["kind", "name"]

    /// Other header spellings (after normalisation: lower-case, accents folded, spaces and hyphens as `_`) and the
    /// column they stand for.
    public static let columnAliases: [String: String] = [
        "type": "kind", "asset_kind": "kind", "asset_type": "kind", "loai": "kind", "loai_tai_san": "kind",
        "loai_thiet_bi": "kind", "phan_loai": "kind",
        "asset_name": "name", "ten": "name", "ten_tai_san": "name", "ten_thiet_bi": "name",
        "system_name": "system", "information_system": "system", "he_thong": "system",
        "he_thong_thong_tin": "system", "httt": "system",
        "manufacturer": "vendor", "hang": "vendor", "hang_san_xuat": "vendor", "nha_san_xuat": "vendor",
        "nha_cung_cap": "vendor",
        "model": "product", "os": "product", "san_pham": "product", "ten_san_pham": "product",
        "dong_san_pham": "product", "dong_may": "product", "he_dieu_hanh": "product",
        "phien_ban": "version", "firmware": "version", "ban": "version",
        "host": "hostname", "host_name": "hostname", "ten_may": "hostname", "ten_may_chu": "hostname",
        "ip_address": "ip", "ip_addr": "ip", "address": "ip", "dia_chi_ip": "ip", "dia_chi": "ip",
        "cpes": "cpe", "cpe_name": "cpe", "cpe_names": "cpe", "ma_cpe": "cpe", "ten_cpe": "cpe",
        "source_key": "key", "ma": "key", "khoa": "key", "ma_tai_san": "key",
        "note": "notes", "description": "notes", "ghi_chu": "notes", "mo_ta": "notes",
    ]

    public static func parse(_ text: String) -> Outcome {
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        guard !text.allSatisfy(\.isWhitespace) else { return .errors([RowError(line: 1, message: "Tệp trống.")]) }

        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, delimiter: delimiter(of: text))
        } catch {
            return .errors([RowError(line: 1, message: "Không đọc được tệp CSV: \(error)")])
        }

        var nextLine = 1
        var header: (columns: [String: Int], count: Int)?
        var rows: [Row] = []
        var errors: [RowError] = []
        var keys: [String: Int] = [:]
        var dataRows = 0
        while let fields = reader.next() {
            let line = nextLine
            nextLine += 1 + fields.reduce(0) { $0 + lineBreaks(in: $1) }
            if fields.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { continue }

            guard let known = header else {
                switch Self.header(fields) {
                case .success(let columns): header = (columns, fields.count)
                case .failure(let error): return .errors([RowError(line: line, message: error.message)])
                }
                continue
            }
            dataRows += 1
            guard dataRows <= maximumRows else {
                errors.append(RowError(line: line, message: "Tệp có hơn \(maximumRows) dòng dữ liệu; hãy chia nhỏ tệp."))
                return .errors(errors)
            }
            let (draft, messages) = row(fields, columns: known.columns, headerCount: known.count, line: line,
                                        keys: &keys)
            if let draft { rows.append(Row(line: line, draft: draft)) }
            errors += messages.map { RowError(line: line, message: $0) }
        }
        if let error = reader.error {
            errors.append(RowError(line: nextLine, message: "Không đọc được tệp CSV: \(error)"))
            return .errors(errors)
        }
        guard header != nil else { return .errors([RowError(line: 1, message: "Tệp trống.")]) }
        guard dataRows > 0 else {
            return .errors([RowError(line: 1, message: "Tệp không có dòng dữ liệu nào, chỉ có tiêu đề.")])
        }
        return errors.isEmpty ? .rows(rows) : .errors(errors)
    }

    // MARK: - Header

    /// "," unless the first non-blank line has ";" (or a tab) and no ",".
    static func delimiter(of text: String) -> UnicodeScalar {
        let firstLine = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) } ?? ""
        guard !firstLine.contains(",") else { return "," }
        if firstLine.contains(";") { return ";" }
        if firstLine.contains("\t") { return "\t" }
        return ","
    }

    /// CR, LF and CRLF each count as one line break.
    static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previousCR = false
        for scalar in field.unicodeScalars {
            if scalar == "\r" || (scalar == "\n" && !previousCR) { count += 1 }
            previousCR = scalar == "\r"
        }
        return count
    }

    /// "Địa chỉ IP" → "dia_chi_ip".
    static func normalizedColumn(_ field: String) -> String {
        SearchText.fold(field)
            .split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "_" || $0 == "." })
            .joined(separator: "_")
    }

    private struct HeaderError: Error { var message: String }

    /// Column index by canonical name (first occurrence wins); fails when a required one is missing.
    private static func header(_ fields: [String]) -> Result<[String: Int], HeaderError> {
        var columns: [String: Int] = [:]
        for (index, field) in fields.enumerated() {
            let normalized = normalizedColumn(field)
            let name = Self.columns.contains(normalized) ? normalized : (columnAliases[normalized] ?? normalized)
            if columns[name] == nil { columns[name] = index }
        }
        let missing = requiredColumns.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            return .failure(HeaderError(message: "Thiếu cột \(missing.joined(separator: ", ")) ở dòng tiêu đề; "
                + "cần các cột kind,name (loai,ten) và tùy chọn system,vendor,product,version,hostname,ip,cpe,key,notes."))
        }
        return .success(columns)
    }

    // MARK: - Rows

    private static func row(_ fields: [String], columns: [String: Int], headerCount: Int, line: Int,
                            keys: inout [String: Int]) -> (AssetDraft?, [String]) {
        var messages: [String] = []
        if fields.count > headerCount,
           fields[headerCount...].contains(where: { !$0.allSatisfy(\.isWhitespace) }) {
            messages.append("Dòng có \(fields.count) ô, nhiều hơn \(headerCount) cột của tiêu đề "
                + "(ô có dấu phẩy hoặc chấm phẩy phải đặt trong ngoặc kép).")
        }
        func value(_ column: String) -> String? {
            guard let index = columns[column], index < fields.count else { return nil }
            let trimmed = fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        func text(_ column: String, label: String, limit: Int = maximumFieldLength) -> String? {
            guard let text = value(column) else { return nil }
            guard text.count <= limit else {
                messages.append("\(label) dài \(text.count) ký tự, tối đa \(limit).")
                return nil
            }
            return text
        }

        var kind: AssetKind?
        if let text = value("kind") {
            kind = AssetKind(label: text)
            if kind == nil {
                messages.append("Loại tài sản không hợp lệ: \"\(text)\"; dùng một trong: \(AssetKind.acceptedLabelsHint).")
            }
        } else {
            messages.append("Thiếu loại tài sản (cột kind).")
        }

        let name = value("name")
        if name == nil {
            messages.append("Thiếu tên tài sản (cột name).")
        } else if let name, name.count > maximumNameLength {
            messages.append("Tên tài sản dài \(name.count) ký tự, tối đa \(maximumNameLength).")
        }

        let system = text("system", label: "Tên hệ thống thông tin")
        let vendor = text("vendor", label: "Hãng")
        let product = text("product", label: "Sản phẩm")
        let version = text("version", label: "Phiên bản")
        let hostname = text("hostname", label: "Tên máy")
        let notes = text("notes", label: "Ghi chú", limit: maximumNotesLength)

        var ipAddress: String?
        if let raw = value("ip") {
            ipAddress = AssetDraft.normalizedIPAddress(raw)
            if ipAddress == nil {
                messages.append("Địa chỉ IP không hợp lệ: \"\(raw)\"; cần IPv4 (192.168.1.10) hoặc IPv6 (2001:db8::10).")
            }
        }

        var cpes: [CPEName] = []
        if let raw = value("cpe") {
            let texts = raw.split(whereSeparator: { $0.isWhitespace || $0 == "|" }).map(String.init)
            if texts.count > maximumCPEsPerRow {
                messages.append("Có \(texts.count) tên CPE, tối đa \(maximumCPEsPerRow) mỗi dòng.")
            } else {
                for (index, text) in texts.enumerated() {
                    do {
                        cpes.append(try CPEName(parsing: text))
                    } catch {
                        let which = texts.count > 1 ? "Tên CPE thứ \(index + 1)" : "Tên CPE"
                        messages.append("\(which) \"\(text)\" không hợp lệ: \(error.vietnamese)")
                    }
                }
            }
        }

        let key = text("key", label: "Khóa (key)")
        if let key {
            if let first = keys[key] {
                messages.append("Khóa \"\(key)\" trùng với dòng \(first); khóa phải khác nhau trong một tệp.")
            } else {
                keys[key] = line
            }
        }

        guard messages.isEmpty, let kind, let name else { return (nil, messages) }
        let draft = AssetDraft(kind: kind, name: name, systemName: system, vendor: vendor, product: product,
                               version: version, hostname: hostname, ipAddress: ipAddress, cpes: cpes,
                               sourceKey: key, notes: notes)
        return (draft, [])
    }
}
