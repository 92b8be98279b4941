import Foundation
import Testing

/// Runs the built `banche` executable (`.build/debug/banche`, or `BANCHE_BIN`).
enum CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var binary: String {
        if let b = ProcessInfo.processInfo.environment["BANCHE_BIN"] { return b }
        return root.appendingPathComponent(".build/debug/banche").path
    }
    static func fixture(_ rel: String) -> String { root.appendingPathComponent("Fixtures/" + rel).path }

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    @discardableResult
    static func run(_ args: [String], env: [String: String] = [:], cwd: String? = nil) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        var e = ProcessInfo.processInfo.environment
        e["BANCHE_NOW"] = "2026-11-24T09:00:00+08:00"
        // English unless a test asks for another language: the messages follow LC_ALL and LANG.
        e["LC_ALL"] = nil
        e["LANG"] = "C.UTF-8"
        for (k, v) in env { e[k] = v }
        p.environment = e
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let r = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: r, as: UTF8.self))
    }

    static func tempDir() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("banche-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    /// A database holding the whole Tiandeng fixture.
    static func fixtureDatabase() throws -> String {
        let db = try tempDir() + "/banche.sqlite"
        try #require(try run(["init", "--db", db]).status == 0)
        let r = try run(["import", "--dir", fixture("tiandeng-pengjiang"), "--db", db])
        try #require(r.status == 0, "\(r.stderr)")
        return db
    }

    /// The fixture planned for to-work, its last trip with two pickup stops or more and 20 people
    /// or more, and that trip's passengers.
    static func plannedFixtureTrip(env: [String: String]) throws -> (db: String, trip: String, passengers: [String]) {
        let db = try fixtureDatabase()
        let r = try run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--format", "json", "--db", db])
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let trips = try #require(o["trip_details"] as? [[String: Any]])
        // The last trip that calls at two pickup stops or more with 20 people or more (the
        // boarding tests close one stop and keep the other open).
        let trip = try #require(trips.last { ($0["pickup_stops"] as? [String] ?? []).count >= 2 && ($0["passengers"] as? Int ?? 0) >= 20 }?["trip_id"] as? String)
        let status = try run(["board", "status", "--trip", trip, "--format", "json", "--db", db], env: env)
        let s = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let people = try #require(s["passengers"] as? [[String: Any]]).compactMap { $0["worker_id"] as? String }
        return (db, trip, people)
    }
}
