import Foundation
import Testing

@Suite struct RosterCLITests {
    @Test func violationsExitOneAndNameRuleDriverAndLimit() throws {
        let r = try CLI.run(["roster", "check", CLI.fixture("rosters/violations.csv")])
        #expect(r.status == 1)
        #expect(r.stdout.contains("CN-CONT-DAY  D1"))
        #expect(r.stdout.contains("4 h 01 min (limit 4 h 00 min)"))
        #expect(r.stdout.contains("CN-NIGHT-HALT  D3"))
        #expect(r.stdout.contains("CN-CREW"))
    }

    @Test func jsonShape() throws {
        let r = try CLI.run(["roster", "check", CLI.fixture("rosters/violations.csv"), "--format", "json"])
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["profile"] as? String == "cn-passenger")
        #expect(o["compliant"] as? Bool == false)
        #expect(o["drivers_checked"] as? Int == 3)
        let v = try #require((o["violations"] as? [[String: Any]])?.first)
        for key in ["rule", "driver_id", "start", "end", "measured_minutes", "limit_minutes", "message"] { #expect(v[key] != nil, "\(key)") }
        #expect(v["start"] as? String == "2027-02-13T06:00:00+08:00")
    }

    @Test func compliantExitsZero() throws {
        let r = try CLI.run(["roster", "check", CLI.fixture("rosters/compliant.csv")])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("compliant"))
    }

    @Test func contradictionsExitTwoWithLines() throws {
        let path = CLI.fixture("rosters/contradictions.csv")
        let r = try CLI.run(["roster", "check", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(path):3: driver D1 is already in the record on line 2"))
        #expect(r.stderr.contains("\(path):4: vehicle B1 is driven by D1"))
        #expect(r.stderr.contains("\(path):5: end"))
    }

    /// Before any plan: said so, not "no plan version 0" (found by a walk-through). A version
    /// that does not exist is still named.
    @Test func beforeAnyPlanTheMessageSaysSo() throws {
        let db = try CLI.fixtureDatabase()
        for args in [["roster", "check", "--plan"], ["roster", "export"], ["manifest", "--all", "--out", try CLI.tempDir()]] {
            let r = try CLI.run(args + ["--db", db])
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains("no plan is saved in this database yet") && !r.stderr.contains("version 0"), "\(args): \(r.stderr)")
        }
        let seven = try CLI.run(["roster", "check", "--plan", "7", "--db", db])
        #expect(seven.status == 2 && seven.stderr.contains("no plan version 7"), "\(seven.stderr)")
    }

    /// A year mistyped: nobody travels on those dates, so nothing is saved (an empty version
    /// would have become the latest, the one manifests and notices read). Found by a walk-through.
    @Test func datesNobodyTravelsOnSaveNothing() throws {
        let db = try CLI.fixtureDatabase()
        let r = try CLI.run(["plan", "--direction", "to-work", "--dates", "2028-02-11..2028-02-15", "--db", db])
        #expect(r.status == 2)
        #expect(r.stderr.contains("nobody travels to-work on 2028-02-11..2028-02-15 (619 workers' days lie outside them)"), "\(r.stderr)")
        #expect(try CLI.run(["plans", "--db", db]).stdout.contains("TD-PJ") == false)
        #expect(try CLI.run(["roster", "check", "--plan", "--db", db]).stderr.contains("no plan is saved"))
    }

    /// A time cap shorter than one stop (10 pickup minutes against 15 of boarding) is refused,
    /// naming the route and the column, and nothing is saved: before, every household rode
    /// alone (61 buses for 324 people; found by a walk-through as a dispatcher).
    @Test(arguments: [("max_pickup_minutes", "10", "15"), ("max_dropoff_minutes", "1", "10")])
    func aTimeCapShorterThanOneStopIsRefused(column: String, cap: String, stop: String) throws {
        let dir = try CLI.tempDir()
        for f in ["stops", "legs", "routes", "buses", "drivers", "workers", "divisions"] {
            try FileManager.default.copyItem(atPath: CLI.fixture("tiandeng-pengjiang/\(f).csv"), toPath: dir + "/\(f).csv")
        }
        // The fixture's CSV ends its lines with CR LF (one Character in Swift).
        var lines = try String(contentsOfFile: dir + "/routes.csv", encoding: .utf8).split(whereSeparator: \.isNewline)
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        try #require(lines.count == 2)
        let k = try #require(lines[0].firstIndex(of: column))
        lines[1][k] = cap
        try (lines.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n").write(toFile: dir + "/routes.csv", atomically: true, encoding: .utf8)
        let db = dir + "/banche.sqlite"
        try #require(try CLI.run(["init", "--db", db]).status == 0)
        try #require(try CLI.run(["import", "--dir", dir, "--db", db]).status == 0)
        for extra in [[], ["--dry-run"]] {
            let r = try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--db", db] + extra)
            #expect(r.status == 2)
            #expect(r.stderr.contains("route TD-PJ: \(column) is \(cap), less than one stop takes (\(stop) minutes)"), "\(r.stderr)")
        }
        #expect(try CLI.run(["plans", "--db", db]).stdout.contains("TD-PJ") == false)
    }

    @Test func thePlannedRosterIsLegalAndExportsInTheCheckFormat() throws {
        let db = try CLI.fixtureDatabase()
        #expect(try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--db", db]).status == 0)
        let check = try CLI.run(["roster", "check", "--plan", "--db", db])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("32 drivers"))   // two a bus, 16 buses
        let out = try CLI.tempDir() + "/roster.csv"
        #expect(try CLI.run(["roster", "export", "--db", db, "--out", out]).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try CLI.run(["roster", "check", out, "--db", db])
        #expect(again.status == 0)
        #expect(again.stdout == check.stdout)
        #expect(try CLI.run(["roster", "check", "--plan", "1", "--db", db]).status == 0)
        #expect(try CLI.run(["roster", "check", "--plan", "9", "--db", db]).status == 2)
    }
}
