/// Which scheduled backups to delete so that the newest `keep` remain. Only names of our own pattern
/// (`BackupFileName`) are considered: every other file in the directory is left alone.
public enum BackupRetention {
    /// The files to delete among `names` (a directory listing): every backup but the newest `keep`, each with its
    /// manifest when present, and manifests whose backup is gone. Sorted.
    public static func filesToDelete(in names: [String], keep: Int) -> [String] {
        let present = Set(names)
        let backups = names.compactMap(BackupFileName.init(parsing:)).sorted {
            $0.date != $1.date ? $0.date > $1.date : $0.name > $1.name
        }
        let kept = Set(backups.prefix(max(keep, 0)).map(\.name))
        var delete: [String] = []
        for backup in backups where !kept.contains(backup.name) {
            delete.append(backup.name)
            if present.contains(backup.manifestName) { delete.append(backup.manifestName) }
        }
        // A manifest of ours whose backup is no longer there (deleted by hand, or a crash between the two deletions).
        let suffix = ".manifest.json"
        for name in names where name.hasSuffix(suffix) {
            let backup = String(name.dropLast(suffix.count))
            if BackupFileName(parsing: backup) != nil, !present.contains(backup), !delete.contains(name) { delete.append(name) }
        }
        return delete.sorted()
    }
}
