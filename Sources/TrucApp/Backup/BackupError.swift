/// Why a backup or a restore did not happen, in one sentence for the operator (never a secret). Nothing was changed
/// when it is thrown, unless it says so.
struct BackupError: Error, Sendable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
