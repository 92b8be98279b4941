import Foundation
import Testing

/// Issue #10: files banche writes (exports, manifests, rosters) never follow a planted link,
/// never replace a device, FIFO or folder, and say clearly why they could not be written.
@Suite struct AtomicFileCLITests {
    static let db: String = try! CLI.fixtureDatabaseWithPlan()

    @Test func aSymlinkPlantedAtTheTemporaryNameIsNotFollowed() throws {
        let dir = try CLI.tempDir()
        let victim = dir + "/victim.txt"
        try "precious".write(toFile: victim, atomically: false, encoding: .utf8)
        chmod(victim, 0o644)
        // The old temporary name was .NAME.tmp-PID: plant it with the PID banche will have (exec keeps it).
        let script = "ln -s \(victim) \(dir)/.p.csv.tmp-$$ && exec \(CLI.binary) export passengers --db \(Self.db) --out \(dir)/p.csv"
        let r = try CLI.run(["sh", "-c", script], shell: true)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
        let attrs = try FileManager.default.attributesOfItem(atPath: victim)
        #expect((attrs[.posixPermissions] as? Int) == 0o644)
        let out = try FileManager.default.attributesOfItem(atPath: dir + "/p.csv")
        #expect((out[.posixPermissions] as? Int) == 0o600)
        #expect(out[.type] as? FileAttributeType == .typeRegular)
    }

    @Test func aFIFOOrAFolderIsNotReplaced() throws {
        let dir = try CLI.tempDir()
        let fifo = dir + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let r = try CLI.run(["export", "passengers", "--db", Self.db, "--out", fifo])
        #expect(r.status == 2, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("not a regular file"), "\(r.stderr)")
        #expect(Self.kind(fifo) == S_IFIFO)
        let folder = dir + "/folder"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let d = try CLI.run(["roster", "export", "--db", Self.db, "--out", folder])
        #expect(d.status == 2 && d.stderr.contains("not a regular file"), "\(d.status) \(d.stderr)")
        #expect(Self.kind(folder) == S_IFDIR)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["folder", "pipe"])
    }

    static func kind(_ path: String) -> mode_t {
        var st = stat()
        guard lstat(path, &st) == 0 else { return 0 }
        return st.st_mode & S_IFMT
    }

    @Test func aMissingFolderIsNamed() throws {
        let dir = try CLI.tempDir()
        let r = try CLI.run(["export", "passengers", "--db", Self.db, "--out", dir + "/nowhere/p.csv"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no such directory: \(dir)/nowhere"), "\(r.stderr)")
    }
}

extension CLI {
    /// The Tiandeng fixture with one to-work plan.
    static func fixtureDatabaseWithPlan() throws -> String {
        let db = try fixtureDatabase()
        let r = try run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--db", db])
        try #require(r.status == 0, "\(r.stderr)")
        return db
    }

    /// Runs `args[0]` found on PATH (for a shell wrapper), not banche.
    static func run(_ args: [String], shell: Bool) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        var e = ProcessInfo.processInfo.environment
        e["BANCHE_NOW"] = "2026-11-24T09:00:00+08:00"
        p.environment = e
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let r = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: r, as: UTF8.self))
    }
}
