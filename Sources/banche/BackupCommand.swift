import ArgumentParser
import BancheStore
import Foundation

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: tr("backup.abstract"),
        discussion: tr("backup.discussion"))
    @Option(help: help("backup.option.out", valueName: "file")) var out: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        let target = URL(fileURLWithPath: out).standardizedFileURL.path
        if target == URL(fileURLWithPath: store.db).standardizedFileURL.path {
            throw ValidationError(tr("backup.sameFile"))
        }
        try OutputPath.check(out)
        try store.with { s in try s.backup(to: out) }
        say(tr("backup.done", ["db": store.db, "file": out]))
    }
}

/// Checks an output file path before anything is written: its folder must exist, and an
/// existing target must be a regular file (not a device, FIFO, folder or socket).
enum OutputPath {
    static func check(_ path: String) throws {
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) else { throw ValidationError("no such directory: \(dir)") }
        guard isDir.boolValue else { throw ValidationError("not a directory: \(dir)") }
        var st = stat()
        if lstat(path, &st) == 0 {
            let type = st.st_mode & S_IFMT
            if type == S_IFLNK { throw ValidationError("\(path) is a symbolic link; give a regular file") }
            if type != S_IFREG { throw ValidationError("\(path) exists and is not a regular file") }
        }
    }
}
