import BancheCore
import BancheServer
import BancheStore
import BancheStorePG
import Foundation
import PGTestCluster
import BancheIO
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A database made by the real `banche` binary (init, import, plan, `serve token`, `serve user
/// add`) and a server over it, as `banche serve` builds one.
struct ServeFixture {
    /// The database the server runs on: a county's SQLite file, or the province's PostgreSQL as
    /// a county office's role (a real throwaway server, `PGTestCluster`).
    enum Kind: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var binary: String { ProcessInfo.processInfo.environment["BANCHE_BIN"] ?? root.appendingPathComponent(".build/debug/banche").path }
    static let now = "2027-02-13T05:20:00+08:00"
    static let password = "correct horse battery"

    var db: String
    var trip: String
    var passengers: [String]
    var stops: [String]
    var stopOf: [String: String]

    @discardableResult
    static func run(_ args: [String], stdin: String? = nil, now: String = now) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        var e = ProcessInfo.processInfo.environment
        e["BANCHE_NOW"] = now
        if ServeFixture.usesPostgres, let c = try? PGTestCluster.shared() { e["PGPASSFILE"] = c.passFile; e["PGPASSWORD"] = nil }
        p.environment = e
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out; p.standardError = err; p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), r = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: r, as: UTF8.self))
    }

    /// `banche serve` on the fixture's SQLite file, in its own process (stopped by the caller).
    static func startServer(_ f: ServeFixture, port: Int) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["serve", "--listen", "127.0.0.1:\(port)", "--db", f.db, "--checklist", "epidemic-2022"]
        var e = ProcessInfo.processInfo.environment
        e["BANCHE_NOW"] = now
        p.environment = e
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// The fixture planned for to-work; its last trip calls at two pickup stops.
    static func make(_ kind: Kind = .sqlite) throws -> ServeFixture {
        let db: String
        switch kind {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("banche-serve-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            db = dir + "/banche.sqlite"
            try #require(try run(["init", "--db", db]).status == 0)
        case .postgres:
            usesPostgres = true
            let c = try PGTestCluster.shared()
            let name = try c.newDatabase(), role = try c.newRole("banche_451425")
            let r = try run(["init", "--db", c.url(name), "--county", "451425", "--role", role])
            try #require(r.status == 0, "\(r.stderr)")
            db = c.url(name, user: role)
        }
        let imp = try run(["import", "--dir", root.appendingPathComponent("Fixtures/tiandeng-pengjiang").path, "--db", db])
        try #require(imp.status == 0, "\(imp.stderr)")
        let plan = try run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--format", "json", "--db", db])
        let o = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
        // The last trip that calls at two pickup stops or more with 20 people or more (a link
        // for one stop, the other stop's passengers refused).
        let trip = try #require((o["trip_details"] as? [[String: Any]])?.last { ($0["pickup_stops"] as? [String] ?? []).count >= 2 && ($0["passengers"] as? Int ?? 0) >= 20 }?["trip_id"] as? String)
        let s = try open(db)
        defer { _ = try? s.close() }
        let t = try #require(try s.trip(trip))
        return ServeFixture(db: db, trip: trip, passengers: t.passengers, stops: Set(t.pickupStops.values).sorted(), stopOf: t.pickupStops)
    }

    /// Set once a PostgreSQL fixture is made: the `banche` runs then find the cluster's .pgpass.
    nonisolated(unsafe) static var usesPostgres = false

    /// Opens the fixture's database as the server does.
    static func open(_ db: String) throws -> any ServeStore {
        switch try StoreLocation.parse(db) {
        case .sqlite(let path): try SQLiteStore(path: path)
        case .postgres(let address): try PostgresStore(address: address)
        }
    }

    /// `banche serve token …`: the printed link's secret.
    func token(stop: String? = nil, validHours: Int = 24, now: String = ServeFixture.now) throws -> (secret: String, id: String) {
        let r = try Self.run(["serve", "token", "--trip", trip, "--db", db, "--valid-hours", "\(validHours)"] + (stop.map { ["--stop", $0] } ?? []), now: now)
        try #require(r.status == 0, "\(r.stderr)")
        let link = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(link.hasPrefix("http://127.0.0.1:8080/t/"), "\(link)")
        let id = try #require(r.stderr.split(separator: " ").dropFirst().first.map(String.init))
        return (String(link.dropFirst("http://127.0.0.1:8080/t/".count)), id)
    }

    func addUser(_ name: String = "wang") throws {
        let r = try Self.run(["serve", "user", "add", name, "--db", db], stdin: Self.password + "\n")
        try #require(r.status == 0, "\(r.stderr)")
    }

    /// `n` simulated phones, each with a link (valid until 09:00) for the plan's trips in turn.
    func phones(_ n: Int) throws -> [LoadTest.Phone] {
        let s = try Self.open(db)
        defer { _ = try? s.close() }
        let trips = try s.latestTripIDs().compactMap { try s.trip($0) }
        return try (0..<n).map { i in
            let t = trips[i % trips.count], secret = Secrets.random()
            try s.addToken(id: Secrets.tokenID(), secretSHA256: Secrets.sha256(secret), trip: t.tripID, stop: nil,
                           expiresAt: Timestamp(iso: "2027-02-13T09:00:00+08:00", defaultZone: .china)!,
                           audit: AuditStamp(at: Timestamp(iso: Self.now, defaultZone: .china)!, osUser: "test", command: "test"))
            return LoadTest.Phone(trip: t.tripID, secret: secret, workers: t.passengers)
        }
    }

    func server(loginLimit: Int = 10, tokenLimit: Int = 20, at time: String = ServeFixture.now) throws -> (BoardingServer, any ServeStore) {
        let store = try Self.open(db)
        var config = ServeConfig(checklist: try Checklists.load("standard-2026"), clock: { Timestamp(iso: time, defaultZone: .china)! })
        config.loginLimit = loginLimit
        config.tokenLimit = tokenLimit
        return (BoardingServer(store: store, config: config), store)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
    /// `name=value` of the session cookie this response sets.
    var sessionCookie: String? {
        headers[values: .setCookie].first { $0.hasPrefix("banche_session=") }.map { String($0.split(separator: ";")[0]) }
    }
}

/// The csrf token in a page's `<meta name="csrf-token">`, or a form's hidden field.
func csrfToken(in page: String) -> String? {
    for marker in ["name=\"csrf-token\" content=\"", "name=\"csrf\" value=\""] {
        if let r = page.range(of: marker), let end = page[r.upperBound...].firstIndex(of: "\"") { return String(page[r.upperBound..<end]) }
    }
    return nil
}
