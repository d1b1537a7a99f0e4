import Foundation

extension DNSClient {
    /// The first `nameserver` entry of a resolv.conf file ("127.0.0.53", "::1"), or `nil` if the
    /// file is missing or has none. Comments (`#`, `;`) are ignored.
    public static func systemNameserver(resolvConf: String = "/etc/resolv.conf") -> String? {
        guard let text = try? String(contentsOfFile: resolvConf, encoding: .utf8) else { return nil }
        return firstNameserver(inResolvConf: text)
    }

    /// The first `nameserver` entry in resolv.conf text.
    public static func firstNameserver(inResolvConf text: String) -> String? {
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            var line = Substring(rawLine)
            if let comment = line.firstIndex(where: { $0 == "#" || $0 == ";" }) { line = line[..<comment] }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.count >= 2, fields[0] == "nameserver" { return String(fields[1]) }
        }
        return nil
    }
}
