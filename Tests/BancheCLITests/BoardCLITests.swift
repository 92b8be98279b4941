import Foundation
import Testing
import BancheStore
import BancheCore

@Suite struct BoardCLITests {
    let now = ["BANCHE_NOW": "2027-02-13T05:20:00+08:00"]

    func planned() throws -> (db: String, trip: String, passengers: [String]) { try CLI.plannedFixtureTrip(env: now) }

    @Test func badRecordsAreRefusedAndChangeNothing() throws {
        let (db, trip, people) = try planned()
        func record(_ args: [String]) throws -> CLI.Result { try CLI.run(["board", "record", "--trip", trip, "--db", db] + args, env: now) }
        let unknown = try record(["--worker", people[0], "--step", "temperature", "--value", "36.5"])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown step \"temperature\""))
        let notOnTrip = try record(["--worker", "W99999", "--step", "id-check"])
        #expect(notOnTrip.status == 2 && notOnTrip.stderr.contains("is not on trip"))
        let notNumber = try record(["--vehicle", "--step", "alcohol-test", "--value", "none"])
        #expect(notNumber.status == 2 && notNumber.stderr.contains("takes a number"))
        let future = try record(["--worker", people[0], "--step", "id-check", "--at", "2027-02-13T06:00+08:00"])
        #expect(future.status == 2 && future.stderr.contains("in the future"))
        let status = try CLI.run(["board", "status", "--trip", trip, "--format", "json", "--db", db], env: now)
        #expect(!status.stdout.contains("\"cleared\" : 1"))
        #expect(status.stdout.contains("\"cleared\" : 0"))
    }

    @Test func closeReleasesTheBlockedAndThePlannerPlacesThemAgain() throws {
        let (db, trip, people) = try planned()
        let dir = try CLI.tempDir()
        // Results gathered at the pickup point: everyone passes but the first, who refuses the dangerous-goods check.
        var csv = "trip_id,worker_id,step,value,at\n"
        for v in ["vehicle-inspection", "charter-sign"] { csv += "\(trip),,\(v),,2027-02-13T05:00\n" }
        csv += "\(trip),,alcohol-test,0,2027-02-13T05:00\n"
        for p in people {
            csv += "\(trip),\(p),id-check,,2027-02-13T05:10\n\(trip),\(p),safety-briefing,,2027-02-13T05:12\n"
            csv += "\(trip),\(p),prohibited-items,\(p == people[0] ? "no" : "yes"),2027-02-13T05:14\n"
        }
        try csv.write(toFile: dir + "/results.csv", atomically: true, encoding: .utf8)
        let imp = try CLI.run(["board", "import", dir + "/results.csv", "--db", db], env: now)
        #expect(imp.status == 0, "\(imp.stderr)")
        let st = try CLI.run(["board", "status", "--trip", trip, "--db", db], env: now)
        #expect(st.status == 1)
        // The passenger is named: id, name and masked ID number, then the verdict.
        #expect(st.stdout.split(separator: "\n").contains { $0.hasPrefix("  \(people[0]) ") && $0.hasSuffix("  blocked") && $0.contains("********") })
        let close = try CLI.run(["board", "close", "--trip", trip, "--db", db], env: now)
        #expect(close.status == 0, "\(close.stderr)")
        #expect(close.stdout.contains("\(people.count - 1) boarded, 1 released"))
        // A closed trip's status is its frozen list, not the gate's verdicts.
        let frozen = try CLI.run(["board", "status", "--trip", trip, "--db", db], env: now)
        #expect(frozen.status == 0 && frozen.stdout.contains("\(people.count - 1) boarded, 1 released") && frozen.stdout.contains(people[0]), "\(frozen.stdout)")
        let frozenJSON = try CLI.run(["board", "status", "--trip", trip, "--format", "json", "--db", db], env: now)
        let doc = try JSONSerialization.jsonObject(with: Data(frozenJSON.stdout.utf8)) as! [String: Any]
        #expect((doc["released"] as? [String]) == [people[0]] && (doc["boarded"] as? [String])?.count == people.count - 1)
        #expect(try CLI.run(["board", "record", "--trip", trip, "--worker", people[1], "--step", "id-check", "--db", db], env: now).status == 2)
        // Re-planning: the closed trip stays with exactly those who boarded; the released one
        // rides a later day.
        let r = try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--format", "json", "--db", db])
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["workers_placed"] as? Int == 619)
        let trips = try #require(o["trip_details"] as? [[String: Any]])
        #expect(trips.first { $0["trip_id"] as? String == trip }?["passengers"] as? Int == people.count - 1)
        #expect(trips.contains { ($0["date"] as? String ?? "") > "2027-02-13" })
        let s = try SQLiteStore(path: db)
        let latest = try #require(try s.latestVersion())
        let later = try #require(try s.placements(version: latest)[people[0]])
        try s.close()
        #expect(later.date > CivilDate(year: 2027, month: 2, day: 13)!)
    }
}
