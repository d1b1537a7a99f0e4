import Crypto
import Foundation
import TrucCore

/// File handling shared by backups and restores: nothing is ever overwritten, partial files are hidden until done.
enum BackupFiles {
    static func exists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    }

    static func size(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// The directory a path is in ("." for a bare name).
    static func directory(of path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        return dir.isEmpty ? "." : dir
    }

    /// A name next to `path` that nobody else uses, for a file being written.
    static func partialPath(for path: String) -> String {
        "\(path).partial-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Refuses a backup destination that exists (file or manifest) or whose directory does not.
    static func checkDestination(_ path: String) throws {
        guard !path.isEmpty else { throw BackupError("give the backup file's name: truc backup FILE") }
        for candidate in [path, BackupManifest.path(forBackup: path)] where exists(candidate) {
            throw BackupError("\(candidate) already exists; a backup never overwrites a file: choose another name or move it away")
        }
        let dir = directory(of: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BackupError("the directory \(dir) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: dir) else { throw BackupError("the directory \(dir) is not writable") }
    }

    /// Creates an empty file that only this user can read (a backup holds password hashes and two-factor secrets),
    /// failing if it exists. SQLite's `VACUUM INTO` and pg_dump then write into it, keeping its mode.
    static func createPrivate(_ path: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else { throw BackupError("cannot create \(path): \(String(cString: strerror(errno)))") }
        close(fd)
    }

    /// Gives `partial` its final name `path`, failing (and changing nothing) if `path` appeared meanwhile.
    static func publish(_ partial: String, as path: String) throws {
        guard link(partial, path) == 0 else {
            let reason = errno == EEXIST ? "it already exists" : String(cString: strerror(errno))
            throw BackupError("cannot create \(path): \(reason)")
        }
        unlink(partial)
    }

    /// Writes `data` to `path` through a partial file; never overwrites.
    static func writeNew(_ data: Data, to path: String) throws {
        let partial = partialPath(for: path)
        defer { unlink(partial) }
        do {
            try createPrivate(partial)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError("cannot write \(path): \(error.localizedDescription)")
        }
        try publish(partial, as: path)
    }

    /// The first `count` bytes of a file (fewer if it is shorter).
    static func head(_ path: String, count: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BackupError("cannot read \(path)") }
        defer { try? handle.close() }
        return Array((try? handle.read(upToCount: count)) ?? Data())
    }

    /// The SHA-256 of a file's bytes (lower-case hex) and its size.
    static func sha256(_ path: String) throws -> (hex: String, bytes: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw BackupError("cannot read \(path)") }
        defer { try? handle.close() }
        var hasher = SHA256()
        var total: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            total += Int64(chunk.count)
        }
        return (Hex.encode(hasher.finalize()), total)
    }

    /// Flushes a file to disk.
    static func sync(_ path: String) {
        guard let handle = FileHandle(forUpdatingAtPath: path) else { return }
        try? handle.synchronize()
        try? handle.close()
    }

    /// Reads and checks the manifest next to a backup; nil when there is none.
    static func manifest(nextTo path: String) throws -> BackupManifest? {
        let manifestPath = BackupManifest.path(forBackup: path)
        guard exists(manifestPath) else { return nil }
        guard let data = FileManager.default.contents(atPath: manifestPath) else { throw BackupError("cannot read \(manifestPath)") }
        do {
            return try BackupManifest.decode(data)
        } catch {
            throw BackupError("\(manifestPath): \(error)")
        }
    }
}
