import Foundation
import Testing
import BancheStore
import GRDB

/// `banche serve token|user` and the demo's link, through the built binary.
@Suite struct ServeCLITests {
    let now = ["BANCHE_NOW": "2027-02-13T05:20:00+08:00"]

    @Test func linksAreCheckedPrintedOnceAndStoredHashed() throws {
        let (db, trip, _) = try CLI.plannedFixtureTrip(env: now)
        func serve(_ args: [String]) throws -> CLI.Result { try CLI.run(["serve"] + args + ["--db", db], env: now) }
        #expect(try serve(["token", "--trip", "NOPE"]).stderr.contains("no trip NOPE"))
        let badStop = try serve(["token", "--trip", trip, "--stop", "NOPE"])
        #expect(badStop.status == 2 && badStop.stderr.contains("its pickup stops"))
        #expect(try serve(["token", "--trip", trip, "--valid-hours", "0"]).status == 2)
        let ok = try serve(["token", "--trip", trip, "--valid-hours", "2", "--base-url", "https://checkin.example.cn/"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let link = ok.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(link.hasPrefix("https://checkin.example.cn/t/"))
        let secret = String(link.split(separator: "/").last!)
        #expect(secret.count == 43)
        #expect(ok.stderr.contains("valid until 2027-02-13T07:20:00+08:00"))
        // Only the hash is in the file; the list never shows the secret.
        let q = try DatabaseQueue(path: db)
        let dump = try q.read { try String.fetchAll($0, sql: "SELECT id || secret_sha256 || trip_id FROM serve_token") }.joined()
        try q.close()
        #expect(!dump.contains(secret) && dump.contains(trip))
        let list = try serve(["token", "list"])
        #expect(list.stdout.contains(trip) && list.stdout.contains("valid") && !list.stdout.contains(secret))
        let id = String(ok.stderr.split(separator: " ")[1])
        #expect(try serve(["token", "revoke", "--id", id]).stdout.contains("revoked 1 link"))
        #expect(try serve(["token", "list"]).stdout.contains("revoked"))
        #expect(try serve(["token", "revoke", "--id", "tk-nope"]).status == 2)
        #expect(try serve(["token", "revoke"]).status == 2)
    }

    @Test func demoPrintsAServeCommandAndAWorkingLink() throws {
        let dir = try CLI.tempDir()
        let r = try CLI.run(["demo", "--out", dir + "/out"], cwd: CLI.root.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("banche serve --db \(dir)/out/banche.sqlite"))
        let line = try #require(r.stdout.split(separator: "\n").first { $0.contains("http://127.0.0.1:8080/t/") })
        let secret = try #require(line.split(separator: "/").last?.split(separator: " ").first)
        #expect(secret.count == 43)
        let list = try CLI.run(["serve", "token", "list", "--db", dir + "/out/banche.sqlite"])
        #expect(list.stdout.contains("valid"), "\(list.stdout)")
    }
}
