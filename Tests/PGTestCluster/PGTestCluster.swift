import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real PostgreSQL server for the tests: one throwaway cluster per test process, started on
/// first use with `scripts/pg-cluster.sh` (Debian's postgresql; `.ci/run` installs it) on a
/// loopback port, stopped when the process exits. When the server cannot be started, every
/// test that asks for it fails with the reason — it is never skipped.
///
/// Passwords are never in a URL: the cluster writes a `.pgpass` file (mode 0600) and points
/// `PGPASSFILE` at it; every role a test creates gets a line there.
public final class PGTestCluster: Sendable {
    public let port: Int
    public let dir: String
    public let passFile: String
    public static let adminPassword = "admin-\(UUID().uuidString.prefix(8))"

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let started: Result<PGTestCluster, any Error> = Result { try PGTestCluster() }
    static let passLock = NSLock()

    /// The cluster of this test process (started on first call).
    public static func shared() throws -> PGTestCluster { try started.get() }

    private init() throws {
        port = Int.random(in: 20_000...60_000)
        dir = "/tmp/banche-pg-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        passFile = dir + ".pgpass"
        FileManager.default.createFile(atPath: passFile, contents: Data("127.0.0.1:\(port):*:postgres:\(Self.adminPassword)\n".utf8),
                                       attributes: [.posixPermissions: 0o600])
        setenv("PGPASSFILE", passFile, 1)
        unsetenv("PGPASSWORD")
        let r = try Self.run(Self.root.appendingPathComponent("scripts/pg-cluster.sh").path, ["start", dir, "\(port)", Self.adminPassword],
                             env: ["PG_OPTS": "-c fsync=off -c synchronous_commit=off"])
        guard r.status == 0 else {
            throw ClusterError("cannot start a PostgreSQL test cluster (scripts/pg-cluster.sh start): \(r.stderr)")
        }
        PGTestCluster.stopDir = dir
        atexit { PGTestCluster.stopAtExit() }
    }

    nonisolated(unsafe) static var stopDir: String? = nil
    static func stopAtExit() {
        guard let d = stopDir else { return }
        _ = try? run(root.appendingPathComponent("scripts/pg-cluster.sh").path, ["stop", d])
        unlink(d + ".pgpass")
    }

    public struct ClusterError: Error, CustomStringConvertible { public var description: String; init(_ s: String) { description = s } }

    /// The URL of `database` for `user` (no password: it is in the .pgpass file).
    public func url(_ database: String, user: String = "postgres") -> String { "postgres://\(user)@127.0.0.1:\(port)/\(database)" }

    /// A new empty database, named uniquely.
    public func newDatabase() throws -> String {
        let name = "banche_t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try psql("CREATE DATABASE \(name)", database: "postgres")
        return name
    }

    /// A new login role with a password (recorded in the .pgpass file); unique per call.
    public func newRole(_ prefix: String) throws -> String {
        let name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        let pw = "pw-\(UUID().uuidString)"
        try psql("CREATE ROLE \(name) LOGIN PASSWORD '\(pw)'", database: "postgres")
        // Appended in one write with O_APPEND, under a lock: tests make roles in parallel, and a
        // seek-to-end then write could land two lines at one offset (one role then had no password).
        Self.passLock.lock(); defer { Self.passLock.unlock() }
        let fd = open(passFile, O_WRONLY | O_APPEND)
        guard fd >= 0 else { throw ClusterError("cannot open \(passFile)") }
        defer { close(fd) }
        let line = Array("127.0.0.1:\(port):*:\(name):\(pw)\n".utf8)
        guard write(fd, line, line.count) == line.count else { throw ClusterError("cannot write \(passFile)") }
        return name
    }

    /// Runs SQL through psql as `user`; returns its unaligned output. Throws with psql's message.
    @discardableResult
    public func psql(_ sql: String, database: String, user: String = "postgres") throws -> String {
        let r = try Self.run("/usr/bin/psql", ["-h", "127.0.0.1", "-p", "\(port)", "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1", "-X", "-A", "-t", "-c", sql],
                             env: ["PGPASSFILE": passFile])
        guard r.status == 0 else { throw ClusterError("psql as \(user): \(r.stderr)") }
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs psql and returns its exit status and error output instead of throwing.
    public func tryPSQL(_ sql: String, database: String, user: String) throws -> (status: Int32, out: String, err: String) {
        let r = try Self.run("/usr/bin/psql", ["-h", "127.0.0.1", "-p", "\(port)", "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1", "-X", "-A", "-t", "-c", sql],
                             env: ["PGPASSFILE": passFile])
        return (r.status, r.stdout.trimmingCharacters(in: .whitespacesAndNewlines), r.stderr)
    }

    /// Runs a program and waits for it with posix_spawn and waitpid (Foundation's Process can
    /// miss the exit of a short-lived child here while other tests start processes), its output
    /// going to files, so a daemon it leaves behind (the server) holds no pipe of ours.
    static func run(_ exe: String, _ args: [String], env: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let base = NSTemporaryDirectory() + "banche-pg-run-\(UUID().uuidString)"
        let outPath = base + ".out", errPath = base + ".err"
        defer { unlink(outPath); unlink(errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        let argv = ([exe] + args).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawn(&pid, exe, &actions, nil, argv, envp)
        guard rc == 0 else { throw ClusterError("cannot run \(exe): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let o = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let e = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return (code, o, e)
    }
}
