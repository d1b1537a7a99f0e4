import Foundation

/// Checks signatures with Debian's `gpgv` (package `gpgv`): the keyring, signature and document are written to a
/// private temporary directory (mode 0700, removed afterwards) and `gpgv --homedir DIR --status-fd 1 --keyring
/// DIR/keyring.gpg DIR/document.asc DIR/document` runs with a timeout. A good signature is one `gpgv` accepts
/// (exit status 0 and a VALIDSIG status line); anything else, or a `gpgv` that does not finish in time, is bad;
/// a `gpgv` that cannot be started makes the check unavailable.
struct GPGVVerifier: CSAFSignatureVerifying {
    static let defaultPath = "/usr/bin/gpgv"

    var path: String
    var timeout: Duration

    init(path: String = Self.defaultPath, timeout: Duration = .seconds(20)) {
        self.path = path
        self.timeout = timeout
    }

    /// The verifier over the `gpgv` at `path` (else on PATH), or nil when there is none.
    static func find(path: String = Self.defaultPath) -> GPGVVerifier? {
        if FileManager.default.isExecutableFile(atPath: path) { return GPGVVerifier(path: path) }
        return ChildProcess.find("gpgv").map { GPGVVerifier(path: $0) }
    }

    func verify(document: Data, signature: Data, keyring: Data) async -> CSAFSignatureCheck {
        let manager = FileManager.default
        let directory = manager.temporaryDirectory.appendingPathComponent("truc-gpgv-\(UUID().uuidString)", isDirectory: true)
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            return .unavailable("no private temporary directory for gpgv")
        }
        defer { try? manager.removeItem(at: directory) }
        let keyringFile = directory.appendingPathComponent("keyring.gpg")
        let signatureFile = directory.appendingPathComponent("document.asc")
        let documentFile = directory.appendingPathComponent("document")
        do {
            try keyring.write(to: keyringFile)
            try signature.write(to: signatureFile)
            try document.write(to: documentFile)
        } catch {
            return .unavailable("cannot write gpgv's temporary files")
        }
        let result: ChildProcess.Result
        do {
            result = try await ChildProcess.run(path, ["--homedir", directory.path, "--status-fd", "1", "--keyring", keyringFile.path,
                                                       signatureFile.path, documentFile.path],
                                                environment: ["PATH": "/usr/bin:/bin", "LANG": "C", "LC_ALL": "C"], timeout: timeout)
        } catch {
            return .unavailable("gpgv cannot be started at \(path)")
        }
        if result.timedOut { return .bad("gpgv did not finish within \(timeout)") }
        return Self.interpret(status: result.status, statusLines: String(decoding: result.stdout, as: UTF8.self))
    }

    /// What `gpgv`'s exit status and status lines (`--status-fd`) mean.
    static func interpret(status: Int32, statusLines: String) -> CSAFSignatureCheck {
        let lines = statusLines.split(whereSeparator: \.isNewline).map { $0.split(separator: " ").map(String.init) }
            .filter { $0.first == "[GNUPG:]" && $0.count >= 2 }
        func has(_ keyword: String) -> Bool { lines.contains { $0[1] == keyword } }
        if status == 0, let valid = lines.first(where: { $0[1] == "VALIDSIG" }), !has("BADSIG"), !has("ERRSIG") {
            // VALIDSIG <fingerprint> <date> <timestamp> <expiry> <version> <reserved> <pk-algo> <hash-algo> <class> <primary-fingerprint>
            return .good(fingerprint: (valid.count >= 12 ? valid[11] : valid.count >= 3 ? valid[2] : nil)?.uppercased())
        }
        if has("BADSIG") { return .bad("bad signature") }
        if has("NO_PUBKEY") { return .bad("signed with a key the provider does not publish") }
        if has("EXPKEYSIG") || has("REVKEYSIG") { return .bad("signed with an expired or revoked key") }
        if has("ERRSIG") { return .bad("the signature cannot be checked") }
        if has("NODATA") { return .bad("the signature file holds no signature") }
        return .bad("gpgv refused the signature (exit status \(status))")
    }
}
