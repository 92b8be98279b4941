import Foundation
import Testing
import BancheStore
import BancheCore

/// `board close --stop` and `board reopen`, through the built binary on the planned fixture.
@Suite struct BoardStopCloseCLITests {
    let now = ["BANCHE_NOW": "2027-02-13T05:20:00+08:00"]

    /// The fixture's last trip with two pickup stops (`CLI.plannedFixtureTrip`), every step recorded for the bus and its
    /// passengers, except: `blocked` refused the dangerous-goods check, `pending` has no record.
    struct Boarding {
        var db: String, trip: String
        var stop: String, other: String
        var here: [String], there: [String]
        var blocked: String, pending: String
    }

    func boarding() throws -> Boarding {
        let (db, trip, people) = try CLI.plannedFixtureTrip(env: now)
        let t = try #require(try using(SQLiteStore(path: db)) { try $0.trip(trip) })
        let stops = Set(t.pickupStops.values).sorted()
        try #require(stops.count >= 2, "the fixture's last trip should call at two pickup stops")
        let stop = stops[0], here = people.filter { t.pickupStops[$0] == stop }, there = people.filter { t.pickupStops[$0] != stop }
        try #require(here.count >= 3 && !there.isEmpty)
        let blocked = here[0], pending = here[1]
        var csv = "trip_id,worker_id,step,value,at\n"
        for v in ["vehicle-inspection", "charter-sign"] { csv += "\(trip),,\(v),,2027-02-13T05:00\n" }
        csv += "\(trip),,alcohol-test,0,2027-02-13T05:00\n"
        for p in people where p != pending {
            csv += "\(trip),\(p),id-check,,2027-02-13T05:10\n\(trip),\(p),safety-briefing,,2027-02-13T05:12\n"
            csv += "\(trip),\(p),prohibited-items,\(p == blocked ? "no" : "yes"),2027-02-13T05:14\n"
        }
        let file = try CLI.tempDir() + "/results.csv"
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        let imp = try CLI.run(["board", "import", file, "--db", db], env: now)
        try #require(imp.status == 0, "\(imp.stderr)")
        return Boarding(db: db, trip: trip, stop: stop, other: stops[1], here: here, there: there, blocked: blocked, pending: pending)
    }

    func using<T>(_ s: SQLiteStore, _ body: (SQLiteStore) throws -> T) throws -> T {
        defer { _ = try? s.close() }
        return try body(s)
    }

    func outcomes(_ b: Boarding) throws -> [String: String] { try using(SQLiteStore(path: b.db)) { try $0.outcomes(trip: b.trip) } }

    @Test func closingOneStopFreezesOnlyThatStop() throws {
        let b = try boarding()
        func board(_ args: [String], env: [String: String]? = nil) throws -> CLI.Result { try CLI.run(["board"] + args + ["--db", b.db], env: env ?? now) }

        let close = try board(["close", "--trip", b.trip, "--stop", b.stop])
        #expect(close.status == 0, "\(close.stderr)")
        #expect(close.stdout.contains("closed stop \(b.stop) of \(b.trip): \(b.here.count - 2) boarded, 2 released"))
        let frozen = try outcomes(b)
        #expect(Set(frozen.keys) == Set(b.here), "only the stop's passengers get an outcome")
        #expect(frozen[b.blocked] == "released" && frozen[b.pending] == "released")
        #expect(frozen[b.here[2]] == "boarded")

        // The stop is frozen; the bus's other stop is not.
        let late = try board(["record", "--trip", b.trip, "--worker", b.pending, "--step", "id-check"])
        #expect(late.status == 2 && late.stderr.contains("stop \(b.stop) of trip \(b.trip) is closed"), "\(late.stderr)")
        let other = try board(["record", "--trip", b.trip, "--worker", b.there[0], "--step", "id-check"])
        #expect(other.status == 0, "\(other.stderr)")
        #expect(try board(["close", "--trip", b.trip, "--stop", b.stop]).stderr.contains("already closed"))
        let nowhere = try board(["close", "--trip", b.trip, "--stop", "NOPE"])
        #expect(nowhere.status == 2 && nowhere.stderr.contains("boards at stop NOPE"))

        let status = try board(["status", "--trip", b.trip, "--format", "json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(doc["closed_stops"] as? [String] == [b.stop] && doc["closed"] as? Bool == false)

        // Closing the trip then freezes the rest and leaves the stop's outcomes as they were.
        let all = try board(["close", "--trip", b.trip])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("\(b.there.count) boarded, 0 released"), "\(all.stdout)")
        let after = try outcomes(b)
        #expect(after.count == b.here.count + b.there.count)
        for w in b.here { #expect(after[w] == frozen[w]) }
        #expect(try CLI.run(["history", "--db", b.db]).stdout.contains("closed stop \(b.stop) of trip \(b.trip)"))
    }

    /// A plan saved after one stop was closed keeps those who boarded there in their seats
    /// (they are on the bus), and takes the released off the trip (they ride a later day).
    /// Before the fix the boarded were dropped from the kept trip, their seats free to sell.
    @Test func replanningAfterAStopCloseKeepsTheBoardedSeated() throws {
        let b = try boarding()
        let close = try CLI.run(["board", "close", "--trip", b.trip, "--stop", b.stop, "--db", b.db], env: now)
        try #require(close.status == 0, "\(close.stderr)")
        let before = try #require(try using(SQLiteStore(path: b.db)) { try $0.trip(b.trip) })
        let plan = try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--db", b.db], env: now)
        #expect(plan.status == 0 || plan.status == 1, "\(plan.stderr)")
        let after = try #require(try using(SQLiteStore(path: b.db)) { try $0.trip(b.trip) })
        let boarded = Set(b.here).subtracting([b.blocked, b.pending])
        for w in boarded { #expect(after.passengers.contains(w), "\(w) boarded at \(b.stop) but lost the seat") }
        #expect(!after.passengers.contains(b.blocked) && !after.passengers.contains(b.pending))
        _ = before
    }

    @Test func aStopIsClosedOnlyWhenTheBusIsCleared() throws {
        let (db, trip, _) = try CLI.plannedFixtureTrip(env: now)
        let t = try #require(try using(SQLiteStore(path: db)) { try $0.trip(trip) })
        let stop = try #require(Set(t.pickupStops.values).sorted().first)
        let r = try CLI.run(["board", "close", "--trip", trip, "--stop", stop, "--db", db], env: now)
        #expect(r.status == 2 && r.stderr.contains("the bus of trip \(trip) is pending"), "\(r.stderr)")
        #expect(try using(SQLiteStore(path: db)) { try $0.outcomes(trip: trip) }.isEmpty)
    }

    @Test func reopenUndoesACloseOnTheSameDayOnly() throws {
        let b = try boarding()
        func board(_ args: [String], env: [String: String]? = nil) throws -> CLI.Result { try CLI.run(["board"] + args + ["--db", b.db], env: env ?? now) }
        let notClosed = try board(["reopen", "--trip", b.trip])
        #expect(notClosed.status == 2 && notClosed.stderr.contains("trip \(b.trip) is not closed"))

        // A stop closed by mistake, reopened: its passengers can be recorded again.
        #expect(try board(["close", "--trip", b.trip, "--stop", b.stop]).status == 0)
        let reopen = try board(["reopen", "--trip", b.trip, "--stop", b.stop])
        #expect(reopen.status == 0, "\(reopen.stderr)")
        #expect(reopen.stdout.contains("reopened stop \(b.stop) of \(b.trip): \(b.here.count - 2) boarded and 2 released"))
        #expect(try outcomes(b).isEmpty)
        #expect(try board(["record", "--trip", b.trip, "--worker", b.pending, "--step", "id-check"]).status == 0)

        // The whole trip: not on another day, not a stop of a closed trip, then undone.
        #expect(try board(["close", "--trip", b.trip]).status == 0)
        let stopOfClosed = try board(["reopen", "--trip", b.trip, "--stop", b.stop])
        #expect(stopOfClosed.status == 2 && stopOfClosed.stderr.contains("reopen the trip first"))
        let nextDay = try board(["reopen", "--trip", b.trip], env: ["BANCHE_NOW": "2027-02-14T08:00:00+08:00"])
        #expect(nextDay.status == 2 && nextDay.stderr.contains("only on the same day"), "\(nextDay.stderr)")
        #expect(try board(["reopen", "--trip", b.trip]).status == 0)
        let status = try board(["status", "--trip", b.trip, "--format", "json"])
        #expect(status.stdout.contains("\"closed\" : false"))
        #expect(try outcomes(b).isEmpty)
        let history = try CLI.run(["history", "--db", b.db]).stdout
        #expect(history.contains("reopened stop \(b.stop) of trip \(b.trip)") && history.contains("reopened trip \(b.trip)"))

        // After a new plan (which may have placed the released again) a close stays.
        #expect(try board(["close", "--trip", b.trip]).status == 0)
        let later = ["BANCHE_NOW": "2027-02-13T05:25:00+08:00"]
        let plan = try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--db", b.db], env: later)
        #expect(plan.status == 0 || plan.status == 1, "\(plan.stderr)")
        let refused = try board(["reopen", "--trip", b.trip], env: later)
        #expect(refused.status == 2 && refused.stderr.contains("after trip \(b.trip) was closed"), "\(refused.stderr)")
    }
}
