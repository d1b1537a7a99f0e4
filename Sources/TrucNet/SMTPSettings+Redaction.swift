extension SMTPSettings: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The settings with the password replaced by "<redacted>" (or "none").
    public var description: String {
        let user = username.map { "\"\($0)\"" } ?? "none"
        let secret = password == nil ? "none" : "<redacted>"
        return "SMTPSettings(host: \(host), port: \(port), security: \(security), username: \(user), "
            + "password: \(secret), heloName: \(heloName), timeout: \(timeout))"
    }

    public var debugDescription: String { description }

    /// Keeps `dump` and other reflection from revealing the password.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "host": host,
            "port": port,
            "security": security,
            "username": username as Any,
            "password": password == nil ? "none" : "<redacted>",
            "heloName": heloName,
            "timeout": timeout,
        ], displayStyle: .struct)
    }
}
