import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a file could not be written. Nothing was written, and no temporary file is left.
public enum AtomicFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The folder the file should go in does not exist.
    case noSuchDirectory(String)
    /// The folder part of the path names something that is not a folder.
    case notADirectory(String)
    /// The target exists and is not a regular file (a folder, FIFO, device, socket).
    case notARegularFile(path: String, kind: String)
    /// The folder may not be written to.
    case permissionDenied(String)
    /// A system call failed: which, and why (strerror).
    case failed(path: String, step: String, reason: String)

    public var description: String {
        switch self {
        case .noSuchDirectory(let d): "no such directory: \(d)"
        case .notADirectory(let d): "not a directory: \(d)"
        case .notARegularFile(let p, let k): "\(p) is not a regular file (it is a \(k)); banche only writes or replaces regular files"
        case .permissionDenied(let d): "permission denied: cannot create a file in \(d)"
        case .failed(let p, let s, let r): "cannot write \(p): \(s) failed: \(r)"
        }
    }
}

/// Writes files so a reader never sees half of one, and so a planted link or a special file is
/// never written through:
///
/// 1. the target's folder must exist; the target, if it exists, must be a regular file or a
///    symbolic link (a link is *replaced* by the new file, never followed: its target is left as
///    it was); a folder, FIFO, device or socket is refused;
/// 2. a temporary file is created beside the target under an unpredictable name
///    (`.NAME.tmp-` + 16 random hex digits) with `O_CREAT|O_EXCL|O_NOFOLLOW`, mode `mode`
///    (0600 by default: files may hold personal data);
/// 3. it is written completely, `fsync`ed and closed, then `rename(2)`d over the target (atomic);
///    the folder is then `fsync`ed;
/// 4. on any failure the temporary file is removed and an `AtomicFileError` thrown.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String, mode: mode_t = 0o600) throws {
        let (dir, name) = split(path)
        guard !name.isEmpty, name != ".", name != ".." else { throw AtomicFileError.notARegularFile(path: path, kind: "directory") }
        var st = stat()
        if stat(dir, &st) != 0 {
            let e = errno
            if e == ENOENT { throw AtomicFileError.noSuchDirectory(dir) }
            if e == ENOTDIR { throw AtomicFileError.notADirectory(dir) }
            if e == EACCES { throw AtomicFileError.permissionDenied(dir) }
            throw AtomicFileError.failed(path: path, step: "stat \(dir)", reason: reason(e))
        }
        guard st.st_mode & S_IFMT == S_IFDIR else { throw AtomicFileError.notADirectory(dir) }
        if lstat(path, &st) == 0 {
            let kind = st.st_mode & S_IFMT
            if kind != S_IFREG && kind != S_IFLNK { throw AtomicFileError.notARegularFile(path: path, kind: kindName(kind)) }
        }

        var fd: Int32 = -1
        var tmp = ""
        for _ in 0..<16 {
            tmp = (dir == "/" ? "" : dir) + "/." + name + ".tmp-" + randomSuffix()
            fd = open(tmp, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, mode)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else {
            let e = errno
            if e == EACCES || e == EPERM || e == EROFS { throw AtomicFileError.permissionDenied(dir) }
            throw AtomicFileError.failed(path: path, step: "creating a temporary file", reason: reason(e))
        }
        func abandon(_ step: String, _ e: Int32) -> AtomicFileError {
            if fd >= 0 { _ = close(fd) }
            unlink(tmp)
            return AtomicFileError.failed(path: path, step: step, reason: reason(e))
        }
        var writeError: Int32 = 0
        data.withUnsafeBytes { buf in
            guard let base = buf.baseAddress else { return }
            var off = 0
            while off < buf.count {
                let n = Glibc.write(fd, base + off, buf.count - off)
                if n < 0 { if errno == EINTR { continue }; writeError = errno; return }
                if n == 0 { writeError = EIO; return }
                off += n
            }
        }
        if writeError != 0 { throw abandon("write", writeError) }
        if fchmod(fd, mode) != 0 { throw abandon("fchmod", errno) }
        if fsync(fd) != 0 { throw abandon("fsync", errno) }
        let closed = close(fd)
        fd = -1
        if closed != 0 { throw abandon("close", errno) }
        if rename(tmp, path) != 0 { throw abandon("rename", errno) }
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { _ = fsync(dfd); _ = close(dfd) }
    }

    /// The folder and file name of `path` (folder "." when it has none).
    static func split(_ path: String) -> (dir: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let dir = String(path[..<slash])
        return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
    }

    static func randomSuffix() -> String {
        var g = SystemRandomNumberGenerator()
        let x = g.next() as UInt64
        let hex = String(x, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func kindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: "directory"
        case S_IFIFO: "FIFO (named pipe)"
        case S_IFCHR: "character device"
        case S_IFBLK: "block device"
        case S_IFSOCK: "socket"
        default: "special file"
        }
    }

    static func reason(_ e: Int32) -> String { String(cString: strerror(e)) }

    /// Encodes `text` as UTF-8 with a byte-order mark (Excel opens it right) or GB18030.
    public static func encode(_ text: String, as encoding: TextEncoding, bom: Bool = true) -> Data {
        switch encoding {
        case .gb18030: return text.data(using: TextEncoding.gb18030Foundation) ?? Data(text.utf8)
        default: return (bom ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(text.utf8)
        }
    }
}
