import Foundation
import Testing

@Suite struct PlanCLITests {
    @Test func planJSONCarriesTheContractFields() throws {
        let db = try CLI.fixtureDatabase()
        let r = try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--format", "json", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["workers_placed"] as? Int == 619)
        #expect(o["workers_unplaced"] as? Int == 0)
        // 16 buses (the seed's season ran 17): the route caps what a bus gathers and where it sets down, which
        // the bound (12, every bus full) does not count.
        #expect(o["trips"] as? Int == 16 && o["lower_bound_trips"] as? Int == 12)
        #expect((o["bus_km"] as? Double ?? 0) > 0)
        #expect((o["unplaced"] as? [Any])?.isEmpty == true)
        #expect(o["plan_version"] as? Int == 1)
        // A second run is a new version; the first stays.
        #expect(try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--db", db]).status == 0)
        let list = try CLI.run(["plans", "--db", db])
        #expect(list.stdout.split(separator: "\n").count == 3)
        #expect(try CLI.run(["plans", "--show", "1", "--db", db]).stdout.contains("\"workers_placed\" : 619"))
    }

    /// Same input, same plan, byte for byte — across separate processes (hash seeds differ).
    @Test func planIsDeterministicAcrossProcesses() throws {
        let db = try CLI.fixtureDatabase()
        let args = ["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--format", "json", "--dry-run", "--db", db]
        let a = try CLI.run(args), b = try CLI.run(args)
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
    }

    @Test func unplacedWorkersExitOneWithReasons() throws {
        let db = try CLI.fixtureDatabase()
        // Half-full buses: the fleet can no longer carry everyone on the route's days.
        let r = try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-13", "--occupancy", "0.5", "--format", "json", "--db", db])
        #expect(r.status == 1)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let unplaced = try #require(o["unplaced"] as? [[String: Any]])
        #expect(!unplaced.isEmpty)
        #expect(unplaced.allSatisfy { ($0["reason"] as? String) != nil && ($0["worker_id"] as? String) != nil })
    }

    @Test func badDatesAreAUsageError() throws {
        let r = try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-15..2027-02-11"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--dates"))
    }

    @Test func demoRunsOnTheBundledFixture() throws {
        let dir = try CLI.tempDir()
        let r = try CLI.run(["demo", "--out", dir + "/out"], cwd: CLI.root.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("workers placed     619 of 619 (290 of 290 from formerly poor households)"))
        // 16 buses against a bound of 12: the demo says what the bound leaves out, not "as few as possible".
        #expect(r.stdout.contains("buses (trips)      16, lower bound 12 (the bound counts seats, pickup stops and pickup time; drop-off caps"))
        #expect(!r.stdout.contains("as few as possible"))
        #expect(r.stdout.contains("no bus over its seats"))
        #expect(r.stdout.contains("roster check (cn-passenger): compliant"))
        #expect(r.stdout.contains("boarded, 1 held back"))
        #expect(FileManager.default.fileExists(atPath: dir + "/out/manifests/manifest-TD-PJ-20270213-01.txt"))
        // Elsewhere (no Fixtures/ folder) the demo regenerates the same files.
        let r2 = try CLI.run(["demo", "--out", dir + "/out2"], cwd: dir)
        #expect(r2.status == 0)
        #expect(r2.stdout.components(separatedBy: "\n").filter { $0.contains("workers placed") } == r.stdout.components(separatedBy: "\n").filter { $0.contains("workers placed") })
        // In Chinese the 290 are people (脱贫人口), not households (脱贫户).
        let zh = try CLI.run(["demo", "--out", dir + "/out3", "--lang", "zh"], cwd: CLI.root.path)
        #expect(zh.status == 0 && zh.stdout.contains("已安排人数     619 / 619（脱贫人口 290 / 290）"), "\(zh.stdout)")
    }
}
