import Foundation

/// What a user submits to create or edit a monitor, as typed. `validated()` checks every field and gives the
/// parsed, normalised `ValidMonitor`, or throws every problem found (not only the first).
public struct MonitorDraft: Sendable, Equatable, Codable {
    public var name: String
    public var kind: MonitorKind
    /// Typed target text, parsed with `MonitorTarget.parse(kind:text:)`.
    public var target: String
    /// Seconds between checks, 20…86400.
    public var intervalSeconds: Int
    /// Seconds a check may take, 1…60 and less than the interval.
    public var timeoutSeconds: Double
    /// Failed checks tolerated before the monitor is declared down (0…10): it goes down after `retries + 1`
    /// failures in a row.
    public var retries: Int
    public var settings: MonitorSettings

    /// The allowed number of characters of a name (after trimming).
    public static let nameLength: ClosedRange<Int> = 1...120
    /// The allowed interval in seconds: 20 seconds to 24 hours.
    public static let intervalRange: ClosedRange<Int> = 20...86_400
    /// The allowed timeout in seconds.
    public static let timeoutRange: ClosedRange<Double> = 1...60
    /// The allowed number of retries.
    public static let retriesRange: ClosedRange<Int> = 0...10
    /// The longest keyword.
    public static let maxKeywordLength = 200
    /// The HTTP methods a monitor may use.
    public static let methods = ["GET", "HEAD"]
    /// The allowed latency threshold in milliseconds.
    public static let maxLatencyRange: ClosedRange<Int> = 1...60_000
    /// The allowed days before expiry for a TLS warning (degraded).
    public static let tlsWarningRange: ClosedRange<Int> = 1...365
    /// The allowed days before expiry for a TLS alarm (down).
    public static let tlsCriticalRange: ClosedRange<Int> = 0...365
    /// Default days before expiry for a TLS warning.
    public static let defaultTLSWarningDays = 14
    /// Default days before expiry for a TLS alarm: 0, down only once expired.
    public static let defaultTLSCriticalDays = 0
    /// The most values a DNS monitor may expect.
    public static let maxDNSExpected = 20
    /// The longest expected DNS value.
    public static let maxDNSValueLength = 255

    public init(name: String, kind: MonitorKind, target: String, intervalSeconds: Int = 300,
                timeoutSeconds: Double = 10, retries: Int = 1, settings: MonitorSettings = MonitorSettings()) {
        self.name = name
        self.kind = kind
        self.target = target
        self.intervalSeconds = intervalSeconds
        self.timeoutSeconds = timeoutSeconds
        self.retries = retries
        self.settings = settings
    }

    /// Checks every field and returns the normalised monitor, or throws all the problems found, in the order of
    /// the form: name, target, intervalSeconds, timeoutSeconds, retries, then the settings (fields named as the
    /// properties of `MonitorSettings`).
    ///
    /// Normalisation: the name is trimmed; the target parsed; settings that do not apply to the kind are dropped
    /// (`nil`), blank texts become `nil`, the status codes are stored in canonical form, the method upper-cased,
    /// `keywordMustBeAbsent` is `true` or `nil`, expected DNS values are trimmed, de-duplicated and normalised as
    /// `DNSRecord.value` (names lower-case without the final dot, IPv6 in RFC 5952 form; TXT data keeps its case), and the DNS server is
    /// stored as "host:port".
    public func validated() throws(MonitorValidationError) -> ValidMonitor {
        var problems: [MonitorValidationError.Problem] = []
        func add(_ field: String, _ vietnamese: String, _ english: String) {
            problems.append(.init(field: field, vietnamese: vietnamese, english: english))
        }
        func collect<T>(_ body: () throws(MonitorValidationError) -> T) -> T? {
            do { return try body() } catch { problems += error.problems; return nil }
        }

        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty {
            add("name", "Chưa nhập tên cho mục giám sát.", "The name is empty.")
        } else if name.count > Self.nameLength.upperBound {
            add("name", "Tên dài \(name.count) ký tự; tối đa \(Self.nameLength.upperBound) ký tự.",
                "The name is \(name.count) characters long; at most \(Self.nameLength.upperBound) are allowed.")
        }

        var parsedTarget: MonitorTarget?
        if TextLimit.fits(target, TextLimit.url) {
            parsedTarget = collect { () throws(MonitorValidationError) in try MonitorTarget.parse(kind: kind, text: target) }
        } else {
            add("target", "Đích kiểm tra dài \(TextLimit.length(target)) ký tự; tối đa \(TextLimit.url) ký tự.",
                "The target is \(TextLimit.length(target)) characters long; at most \(TextLimit.url) are allowed.")
        }

        if !Self.intervalRange.contains(intervalSeconds) {
            add("intervalSeconds", "Chu kỳ kiểm tra phải từ 20 giây đến 24 giờ.",
                "The interval must be between 20 seconds and 24 hours.")
        }
        if !Self.timeoutRange.contains(timeoutSeconds) {
            add("timeoutSeconds", "Thời gian chờ phải từ 1 đến 60 giây.",
                "The timeout must be between 1 and 60 seconds.")
        } else if timeoutSeconds >= Double(intervalSeconds) {
            add("timeoutSeconds", "Thời gian chờ phải ngắn hơn chu kỳ kiểm tra.",
                "The timeout must be shorter than the interval.")
        }
        if !Self.retriesRange.contains(retries) {
            add("retries", "Số lần thử lại phải từ 0 đến 10.", "The number of retries must be between 0 and 10.")
        }

        var normalized = MonitorSettings()
        var statusCodes = StatusCodeSet.default
        var dnsServer: HostPort?

        if let maxLatency = settings.maxLatencyMs {
            if Self.maxLatencyRange.contains(maxLatency) {
                normalized.maxLatencyMs = maxLatency
            } else {
                add("maxLatencyMs", "Ngưỡng phản hồi chậm phải từ 1 đến 60000 mili giây.",
                    "The slow-response threshold must be between 1 and 60000 milliseconds.")
            }
        }

        switch kind {
        case .http:
            if let text = Self.nonBlank(settings.expectedStatus) {
                if let set = collect({ () throws(MonitorValidationError) in try StatusCodeSet(parsing: text) }) {
                    statusCodes = set
                    normalized.expectedStatus = set.description
                }
            }
            var method = "GET"
            if let text = Self.nonBlank(settings.method) {
                method = text.trimmingCharacters(in: .whitespaces).uppercased()
                if Self.methods.contains(method) {
                    normalized.method = method
                } else {
                    add("method", "Phương thức HTTP phải là GET hoặc HEAD.", "The HTTP method must be GET or HEAD.")
                }
            }
            if let keyword = Self.nonBlank(settings.keyword) {
                if keyword.count > Self.maxKeywordLength {
                    add("keyword", "Từ khoá dài \(keyword.count) ký tự; tối đa \(Self.maxKeywordLength) ký tự.",
                        "The keyword is \(keyword.count) characters long; at most \(Self.maxKeywordLength) are allowed.")
                } else if method == "HEAD" {
                    add("keyword", "Phương thức HEAD không nhận nội dung trang nên không kiểm tra được từ khoá; hãy dùng GET.",
                        "A HEAD request gets no body, so the keyword cannot be checked; use GET.")
                } else {
                    normalized.keyword = keyword
                    normalized.keywordMustBeAbsent = settings.keywordMustBeAbsent == true ? true : nil
                }
            }
            normalized.ignoreTLSErrors = settings.ignoreTLSErrors == true ? true : nil
        case .tls:
            let warning = settings.tlsWarningDays ?? Self.defaultTLSWarningDays
            let critical = settings.tlsCriticalDays ?? Self.defaultTLSCriticalDays
            var rangesValid = true
            if !Self.tlsWarningRange.contains(warning) {
                rangesValid = false
                add("tlsWarningDays", "Số ngày cảnh báo trước khi chứng thư hết hạn phải từ 1 đến 365.",
                    "The warning days before the certificate expires must be between 1 and 365.")
            }
            if !Self.tlsCriticalRange.contains(critical) {
                rangesValid = false
                add("tlsCriticalDays", "Số ngày báo động trước khi chứng thư hết hạn phải từ 0 đến 365.",
                    "The critical days before the certificate expires must be between 0 and 365.")
            }
            if rangesValid && critical >= warning {
                add("tlsCriticalDays", "Số ngày báo động (\(critical)) phải nhỏ hơn số ngày cảnh báo (\(warning)).",
                    "The critical days (\(critical)) must be fewer than the warning days (\(warning)).")
            }
            normalized.tlsWarningDays = settings.tlsWarningDays
            normalized.tlsCriticalDays = settings.tlsCriticalDays
        case .dns:
            let type = settings.dnsRecordType ?? .a
            normalized.dnsRecordType = settings.dnsRecordType
            var values: [String] = []
            let entries = (settings.dnsExpected ?? []).compactMap(Self.nonBlank)
            if entries.count > Self.maxDNSExpected {
                add("dnsExpected", "Tối đa \(Self.maxDNSExpected) giá trị DNS mong đợi; đang có \(entries.count).",
                    "At most \(Self.maxDNSExpected) expected DNS values are allowed; there are \(entries.count).")
            }
            for entry in entries {
                let value = entry.trimmingCharacters(in: .whitespacesAndNewlines)
                guard value.count <= Self.maxDNSValueLength else {
                    add("dnsExpected", "Giá trị DNS mong đợi dài quá \(Self.maxDNSValueLength) ký tự.",
                        "An expected DNS value is longer than \(Self.maxDNSValueLength) characters.")
                    continue
                }
                switch type {
                case .a where !HostPort.isIPv4(value):
                    add("dnsExpected", "\"\(value)\" không phải là địa chỉ IPv4 (bản ghi A).",
                        "\"\(value)\" is not an IPv4 address (A record).")
                case .aaaa where HostPort.normalizedIPv6(value) == nil:
                    add("dnsExpected", "\"\(value)\" không phải là địa chỉ IPv6 (bản ghi AAAA).",
                        "\"\(value)\" is not an IPv6 address (AAAA record).")
                default:
                    // TXT data keeps its case as typed (the comparison ignores case anyway).
                    let stored = type == .txt ? value : DNSValue.normalized(value, type: type)
                    if !values.contains(where: { DNSValue.normalized($0, type: type) == DNSValue.normalized(stored, type: type) }) {
                        values.append(stored)
                    }
                }
            }
            normalized.dnsExpected = values.isEmpty ? nil : values
            if let text = Self.nonBlank(settings.dnsServer) {
                dnsServer = collect { () throws(MonitorValidationError) in
                    try HostPort(parsing: text, defaultPort: 53, field: "dnsServer")
                }
                normalized.dnsServer = dnsServer?.description
            }
        case .tcp:
            break
        }

        guard problems.isEmpty, let parsedTarget else { throw MonitorValidationError(problems: problems) }
        return ValidMonitor(name: name, target: parsedTarget, intervalSeconds: intervalSeconds,
                            timeoutSeconds: timeoutSeconds, retries: retries, settings: normalized,
                            statusCodes: statusCodes, dnsServer: dnsServer)
    }

    /// The text, or nil when it is nil or only whitespace.
    static func nonBlank(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text
    }
}
