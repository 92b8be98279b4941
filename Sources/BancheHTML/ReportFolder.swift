import BancheIO
import Foundation

/// Why a report folder could not be written.
public enum ReportFolderError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The target exists and is not a report banche wrote (it has no marker file): left alone.
    case notAReport(String)
    case parentMissing(String)
    case cannot(String, String)

    public var description: String {
        switch self {
        case .notAReport(let p): "\(p) exists and is not a banche report folder (no \(ReportFolder.marker)); choose another --out or remove it"
        case .parentMissing(let p): "no such directory: \(p)"
        case .cannot(let what, let why): "cannot \(what): \(why)"
        }
    }
}

/// Writes a report folder all at once, as far as a file system allows: the files go into a new
/// temporary folder beside the target (mode 0700; files with people's data 0600, others 0644),
/// which is then renamed into place. An earlier report at the target is moved aside first and
/// removed after; on any failure the temporary folder is removed and the earlier report put
/// back, so a reader finds the old report or the new one, never half of one.
public enum ReportFolder {
    /// A file every report folder holds, so a rerun replaces only a folder banche wrote.
    public static let marker = ".banche-report"

    public static func write(_ files: [ReportFile], to target: String) throws {
        let fm = FileManager.default
        let url = URL(fileURLWithPath: target).standardizedFileURL
        let parent = url.deletingLastPathComponent().path, name = url.lastPathComponent
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: parent, isDirectory: &isDir), isDir.boolValue else { throw ReportFolderError.parentMissing(parent) }
        if fm.fileExists(atPath: url.path, isDirectory: &isDir) {
            guard isDir.boolValue, fm.fileExists(atPath: url.appendingPathComponent(marker).path) else { throw ReportFolderError.notAReport(url.path) }
        }
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let tmp = parent + "/." + name + ".tmp-" + suffix
        do {
            try fm.createDirectory(atPath: tmp, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch { throw ReportFolderError.cannot("create \(tmp)", "\(error.localizedDescription)") }
        do {
            for f in files + [ReportFile(name: marker, contents: "banche report html\n", personal: false)] {
                try AtomicFile.write(Data(f.contents.utf8), to: tmp + "/" + f.name, mode: f.personal ? 0o600 : 0o644)
            }
        } catch {
            try? fm.removeItem(atPath: tmp)
            throw error
        }
        let old = parent + "/." + name + ".old-" + suffix
        let hadOld = fm.fileExists(atPath: url.path)
        if hadOld && rename(url.path, old) != 0 {
            let why = String(cString: strerror(errno))
            try? fm.removeItem(atPath: tmp)
            throw ReportFolderError.cannot("move the earlier report aside", why)
        }
        if rename(tmp, url.path) != 0 {
            let why = String(cString: strerror(errno))
            if hadOld { _ = rename(old, url.path) }
            try? fm.removeItem(atPath: tmp)
            throw ReportFolderError.cannot("rename \(tmp) to \(url.path)", why)
        }
        if hadOld { try? fm.removeItem(atPath: old) }
    }
}
