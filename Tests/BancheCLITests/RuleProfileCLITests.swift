import Foundation
import Testing

@Suite struct RuleProfileCLITests {
    @Test func profileFileIsReadLikeTheShippedOne() throws {
        let roster = CLI.fixture("rosters/violations.csv")
        let shipped = try CLI.run(["roster", "check", roster])
        let file = try CLI.run(["roster", "check", roster, "--profile", CLI.fixture("profiles/cn-passenger.json")])
        #expect(file.status == 1)
        #expect(file.stdout == shipped.stdout)
    }

    @Test func aVariantChangesTheLimits() throws {
        let dir = try CLI.tempDir()
        let path = dir + "/cn-5h.json"
        try #"{"id": "cn-5h", "jurisdiction": "china", "zone": "+08:00", "rules": {"continuousDay": 300}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["roster", "check", CLI.fixture("rosters/violations.csv"), "--profile", path])
        #expect(r.stdout.contains("profile cn-5h"))
        #expect(!r.stdout.contains("CN-CONT-DAY"))
    }

    @Test func unknownKeyIsRefusedByName() throws {
        let dir = try CLI.tempDir()
        let path = dir + "/bad.json"
        try #"{"id": "bad", "jurisdiction": "china", "zone": "+08:00", "rules": {"nightStrat": 1320}}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["roster", "check", CLI.fixture("rosters/compliant.csv"), "--profile", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown key \"rules.nightStrat\""), "\(r.stderr)")
        let plan = try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-13", "--profile", path, "--db", dir + "/none.db"])
        #expect(plan.stderr.contains("rules.nightStrat"), "\(plan.stderr)")
        let missing = try CLI.run(["roster", "check", CLI.fixture("rosters/compliant.csv"), "--profile", "cn-nowhere"])
        #expect(missing.stderr.contains("neither"))
    }
}
