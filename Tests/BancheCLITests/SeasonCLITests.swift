import Foundation
import Testing
import BancheCore
import BancheStore

/// A season that changes (issue #11): cancellations, late sign-ups, re-plans that keep their
/// word, what changed, notices, figures for officials.
@Suite(.serialized) struct SeasonCLITests {
    static let dates = "2027-02-11..2027-02-15"

    func plan(_ db: String, _ extra: [String] = []) throws -> [String: Any] {
        let r = try CLI.run(["plan", "--direction", "to-work", "--dates", Self.dates, "--format", "json", "--db", db] + extra)
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    /// Seats by worker of a version: worker → "trip#seat".
    func seats(_ db: String, _ version: Int) throws -> [String: String] {
        let s = try SQLiteStore(path: db)
        defer { _ = try? s.close() }
        return try s.placements(version: version).mapValues { "\($0.tripID)#\($0.seat)" }
    }

    static func residentID(_ body: String) -> String { body + String(ResidentID.checkCharacter(for: body)) }

    /// Two late sign-ups: one at 福新镇 (TD105) on 02-13, the day of the cancelled W00001's
    /// trip from the same stop; one at 龙茗镇 (TD101) who can only travel on 02-14.
    func lateSignUps(_ dir: String) throws -> String {
        let header = try String(contentsOfFile: CLI.fixture("tiandeng-pengjiang/workers.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline)[0].replacingOccurrences(of: "\u{FEFF}", with: "")
        let rows = [
            "W90001,新人甲,\(Self.residentID("45142519900101123")),13800000001,,to-work,2027-02-13,2027-02-15,TD105,PJ100,江门华禾电子有限公司,福新镇,,no,",
            "W90002,新人乙,\(Self.residentID("45142519910202234")),13800000002,,to-work,2027-02-14,2027-02-14,TD101,PJ101,江门华禾电子有限公司,龙茗镇,,no,",
        ]
        let path = dir + "/late.csv"
        try ([String(header)] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The issue's "done when", on the Tiandeng fixture.
    @Test func replanAfterNoticesKeepsEveryoneElsesSeat() throws {
        let db = try CLI.fixtureDatabase()
        let v1 = try plan(db)
        #expect(v1["workers_placed"] as? Int == 619)
        #expect(try CLI.run(["publish", "--db", db]).stdout.contains("published 16 trips"))
        #expect(try CLI.run(["worker", "cancel", "W00001", "--reason", "found work near home", "--db", db]).status == 0)
        // A phone and an ID number typed into a reason are not kept in the history (it outlives a purge).
        #expect(try CLI.run(["worker", "cancel", "W00002", "--reason", "本人电话13800138000说身份证451425199912318881丢了", "--db", db]).status == 0)
        for out in [try CLI.run(["history", "--db", db]).stdout, try CLI.run(["worker", "show", "W00002", "--db", db]).stdout,
                    try String(decoding: Data(contentsOf: URL(fileURLWithPath: db)), as: UTF8.self)] {
            #expect(!out.contains("13800138000") && !out.contains("451425199912318881"))
        }
        #expect(try CLI.run(["worker", "restore", "W00002", "--db", db]).status == 0)
        let imported = try CLI.run(["import", "workers", try lateSignUps(try CLI.tempDir()), "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        let v2 = try plan(db)
        #expect(v2["workers_placed"] as? Int == 620)
        #expect((v2["kept_trips"] as? [String])?.count == 16)
        #expect((v2["broken_pins"] as? [Any])?.isEmpty == true)

        let before = try seats(db, 1), after = try seats(db, 2)
        let others = before.keys.filter { $0 != "W00001" }
        #expect(others.count == 618)
        #expect(others.filter { before[$0] != after[$0] }.isEmpty, "workers moved although their trips were published")
        #expect(after["W90001"] != nil && after["W90002"] != nil)
        #expect(after["W00001"] == nil)

        let diff = try CLI.run(["plans", "diff", "1", "2", "--format", "json", "--db", db])
        let d = try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as! [String: Any]
        #expect((d["removed"] as! [[String: Any]]).map { $0["worker_id"] as! String } == ["W00001"])
        #expect((d["added"] as! [[String: Any]]).map { $0["worker_id"] as! String } == ["W90001", "W90002"])
        #expect((d["moved"] as! [Any]).isEmpty)
        #expect(Set(d.keys) == ["from", "to", "added", "removed", "moved", "trips_added", "trips_removed", "trips_changed"])

        let notices = try CLI.run(["export", "notices", "--changed-since", "1", "--format", "json", "--db", db])
        #expect(notices.status == 0, "\(notices.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(notices.stdout.utf8)) as! [[String: String]]
        #expect(rows.map { $0["worker_id"]! } == ["W90001", "W90002"])
        for n in rows {
            #expect(n["phone"]!.contains("****"), "phones are masked unless --show-personal-data")
            #expect(n["message"]!.contains(n["pickup_time"]!) && n["message"]!.contains(n["plate"]!))
            // The time to be there is the bus's arrival at that stop, as the manifest prints it.
            let manifest = try CLI.run(["manifest", "--trip", n["trip_id"]!, "--db", db]).stdout
            let stopLine = manifest.split(separator: "\n").first { $0.contains(n["pickup_name"]!) && $0.contains("pickup") }
            #expect(stopLine?.contains("  " + n["pickup_time"]! + "-") == true, "\(n) vs \(String(describing: stopLine))")
        }
        // A new busload gets an id never used before.
        let v1IDs = Set((v1["trip_details"] as! [[String: Any]]).map { $0["trip_id"] as! String })
        let added = d["trips_added"] as! [String]
        #expect(!added.isEmpty && added.allSatisfy { !v1IDs.contains($0) })
    }

    @Test func closedTripsStayExactlyAsBoardedAndIdsNameOneBusload() throws {
        let db = try CLI.fixtureDatabase()
        let v1 = try plan(db)
        let trip = (v1["trip_details"] as! [[String: Any]])[0]["trip_id"] as! String
        // Board the whole bus except one passenger, then close.
        let store = try SQLiteStore(path: db)
        let passengers = try #require(try store.trip(trip)).passengers
        try store.close()
        for step in ["vehicle-inspection", "alcohol-test", "charter-sign"] {
            let args = ["board", "record", "--trip", trip, "--vehicle", "--step", step, "--at", "2027-02-13T05:00+08:00"] + (step == "alcohol-test" ? ["--value", "0"] : [])
            #expect(try CLI.run(args + ["--db", db], env: ["BANCHE_NOW": "2027-02-13T05:05:00+08:00"]).status == 0)
        }
        for w in passengers.dropFirst() {
            for step in ["id-check", "safety-briefing", "prohibited-items"] {
                _ = try CLI.run(["board", "record", "--trip", trip, "--worker", w, "--step", step, "--at", "2027-02-13T05:00+08:00", "--db", db],
                                env: ["BANCHE_NOW": "2027-02-13T05:05:00+08:00"])
            }
        }
        let closed = try CLI.run(["board", "close", "--trip", trip, "--db", db], env: ["BANCHE_NOW": "2027-02-13T05:10:00+08:00"])
        #expect(closed.status == 0, "\(closed.stderr)")
        // Even --replan-all keeps a closed trip, with exactly its boarded passengers.
        let v2 = try plan(db, ["--replan-all"])
        #expect((v2["kept_trips"] as? [String]) == [trip])
        let after = try seats(db, 2)
        let onClosed = Set(after.filter { $0.value.hasPrefix(trip + "#") }.keys)
        #expect(onClosed == Set(passengers.dropFirst()))
        // The one left behind rides later, on a trip whose id was never used.
        let left = try #require(passengers.first)
        let v1IDs = Set((v1["trip_details"] as! [[String: Any]]).map { $0["trip_id"] as! String })
        if let other = after[left] { #expect(!other.hasPrefix(trip + "#")) }
        // Every id reused in v2 names the same bus on the same day, passengers in common seated alike.
        let s = try SQLiteStore(path: db)
        defer { _ = try? s.close() }
        let t1 = Dictionary(uniqueKeysWithValues: try s.trips(version: 1).map { ($0.id, $0) })
        for t in try s.trips(version: 2) where v1IDs.contains(t.id) {
            let o = t1[t.id]!
            #expect(o.busID == t.busID && o.date == t.date)
            let seatsNow = Dictionary(uniqueKeysWithValues: t.passengers.map { ($0.workerID, $0.seat) })
            #expect(o.passengers.allSatisfy { p in seatsNow[p.workerID].map { $0 == p.seat } ?? true }, "\(t.id) reused for another busload")
        }
    }

    @Test func aWithdrawnBusBreaksItsPinAndSaysSo() throws {
        let db = try CLI.fixtureDatabase()
        let v1 = try plan(db)
        #expect(try CLI.run(["publish", "--db", db]).status == 0)
        let first = (v1["trip_details"] as! [[String: Any]])[0]
        let bus = first["bus_id"] as! String
        let dir = try CLI.tempDir()
        let buses = try String(contentsOfFile: CLI.fixture("tiandeng-pengjiang/buses.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map(String.init)
        let changed = buses.map { $0.hasPrefix(bus + ",") ? $0.replacingOccurrences(of: "2027-02-08,2027-02-21", with: "2027-02-16,2027-02-21") : $0 }
        try changed.joined(separator: "\n").write(toFile: dir + "/buses.csv", atomically: true, encoding: .utf8)
        #expect(try CLI.run(["import", "buses", dir + "/buses.csv", "--replace", "--db", db]).status == 0)
        let text = try CLI.run(["plan", "--direction", "to-work", "--dates", Self.dates, "--dry-run", "--db", db])
        #expect(text.stdout.contains("NOT KEPT"), "\(text.stdout)")
        let v2 = try plan(db)
        let broken = v2["broken_pins"] as! [[String: Any]]
        #expect(broken.map { $0["trip_id"] as! String } == [first["trip_id"] as! String])
        #expect((broken.first?["reason"] as? String)?.contains(bus) == true)
        #expect(broken.first?["kept"] as? Bool == false)
        #expect((v2["kept_trips"] as! [String]).count == 15)
        // The broken trip's passengers are placed again or told why not (here a household that
        // needs the accessible seats every free bus lacks); no one on a kept trip moves.
        #expect((v2["workers_placed"] as! Int) + (v2["workers_unplaced"] as! Int) == 619)
        let before = try seats(db, 1), after = try seats(db, 2)
        for (w, seat) in before where !seat.hasPrefix((first["trip_id"] as! String) + "#") { #expect(after[w] == seat) }
        // Anyone not placed again is named with the true reason, and `plans diff` says so.
        for u in v2["unplaced"] as! [[String: String]] { #expect(u["reason"] == "no_accessible_seat", "\(u)") }
        let diff = try CLI.run(["plans", "diff", "1", "2", "--db", db]).stdout
        #expect((v2["workers_unplaced"] as! Int) == 0 || diff.contains("NOT PLACED: no_accessible_seat"), "\(diff)")
    }

    /// A published trip that a rule change (a stricter province profile) makes illegal is kept
    /// as it is and reported with the rule; only --replan-all changes it (issue #12).
    @Test func aRuleChangeReportsButKeepsPublishedTrips() throws {
        let db = try CLI.fixtureDatabase()
        let v1 = try plan(db)
        #expect(try CLI.run(["publish", "--db", db]).status == 0)
        let dir = try CLI.tempDir()
        let strict = try String(contentsOfFile: CLI.fixture("profiles/cn-passenger.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"id\": \"cn-passenger\"", with: "\"id\": \"cn-strict\"")
            .replacingOccurrences(of: "\"daily\": 480", with: "\"daily\": 300")
        try strict.write(toFile: dir + "/strict.json", atomically: true, encoding: .utf8)
        let v2 = try plan(db, ["--profile", dir + "/strict.json"])
        let kept = v2["kept_trips"] as! [String]
        #expect(kept.count == (v1["trip_details"] as! [Any]).count)
        let broken = (v2["broken_pins"] as! [[String: Any]]).filter { $0["kept"] as? Bool == true }
        #expect(!broken.isEmpty)
        #expect(broken.allSatisfy { ($0["reason"] as! String).contains("CN-DAILY") || ($0["reason"] as! String).hasPrefix("CN-") }, "\(broken)")
        #expect(try seats(db, 1) == seats(db, 2), "kept trips keep every seat")
    }

    @Test func workerCommandsAndTheirRefusals() throws {
        let db = try CLI.fixtureDatabase()
        _ = try plan(db)
        let shown = try CLI.run(["worker", "show", "W00001", "--db", db])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("苏文明") && shown.stdout.contains("seat") && shown.stdout.contains("planned"))
        #expect(!shown.stdout.contains("451425198301260157"), "ID numbers are masked")
        // find: by name, by the last digits of the ID number and of the phone.
        for q in ["苏文明", "0157", "7528", "W00001"] {
            let r = try CLI.run(["find", q, "--db", db])
            #expect(r.status == 0 && r.stdout.contains("W00001"), "find \(q)")
        }
        #expect(try CLI.run(["find", "nobody-like-this", "--db", db]).status == 1)
        // Refusals write nothing.
        let unknown = try CLI.run(["worker", "cancel", "W00001", "W99999", "--db", db])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("W99999"))
        #expect(try CLI.run(["worker", "show", "W00001", "--db", db]).stdout.contains("cancelled") == false)
        #expect(try CLI.run(["worker", "restore", "W00001", "--db", db]).status == 2, "not cancelled")
        #expect(try CLI.run(["publish", "--trip", "NO-SUCH-TRIP", "--db", db]).status == 2)
        // Cancel, re-plan: never placed; restore, re-plan: placed again.
        #expect(try CLI.run(["worker", "cancel", "W00001", "--db", db]).status == 0)
        #expect(try seats(db, 2 - 1)["W00001"] != nil)
        _ = try plan(db)
        #expect(try seats(db, 2)["W00001"] == nil)
        #expect(try CLI.run(["worker", "show", "W00001", "--db", db]).stdout.contains("cancelled"))
        #expect(try CLI.run(["worker", "restore", "W00001", "--db", db]).status == 0)
        _ = try plan(db)
        #expect(try seats(db, 3)["W00001"] != nil)
        let history = try CLI.run(["history", "--db", db]).stdout
        #expect(history.contains("plan v3"))
        #expect(history.contains("cancel worker W00001") && history.contains("restore worker W00001"), "\(history)")
        // Messages never echo a full ID number, even one typed where a worker id belongs.
        let typed = try CLI.run(["find", "451425198301260158", "--db", db])
        #expect(typed.status == 1 && !typed.stdout.contains("451425198301260158"))
        let trip = try #require(try seats(db, 3)["W00002"]?.split(separator: "#").first.map(String.init))
        let wrong = try CLI.run(["board", "record", "--trip", trip, "--worker", "451425198301260157", "--step", "id-check", "--db", db])
        #expect(wrong.status == 2 && !wrong.stderr.contains("451425198301260157") && wrong.stderr.contains("451425********0157"), "\(wrong.stderr)")
    }

    @Test func replaceReportsNewUpdatedUnchangedAndMissing() throws {
        let db = try CLI.fixtureDatabase()
        let dir = try CLI.tempDir()
        let lines = try String(contentsOfFile: CLI.fixture("tiandeng-pengjiang/workers.csv"), encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        // Drop the last two workers, change one's latest date.
        var kept = Array(lines.dropLast(2))
        kept[1] = kept[1].replacingOccurrences(of: "2027-02-13,2027-02-15", with: "2027-02-13,2027-02-16")
        try kept.joined(separator: "\n").write(toFile: dir + "/w.csv", atomically: true, encoding: .utf8)
        let r = try CLI.run(["import", "workers", dir + "/w.csv", "--replace", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("0 new, 1 updated, 616 unchanged"), "\(r.stdout)")
        #expect(r.stdout.contains("2 stored workers are missing"), "\(r.stdout)")
        #expect(r.stdout.contains("W00619"))
        #expect(try CLI.run(["import", "workers", dir + "/w.csv", "--withdraw-missing", "--db", db]).status == 2, "needs --replace")
        let w = try CLI.run(["import", "workers", dir + "/w.csv", "--replace", "--withdraw-missing", "--db", db])
        #expect(w.stdout.contains("withdrew 2 workers"), "\(w.stdout)")
        let v = try plan(db)
        #expect(v["workers_placed"] as? Int == 617)
    }

    /// Days that have passed are not planned, and trips that have left are kept even by
    /// --replan-all; `board status` on a closed trip shows who boarded.
    @Test func theClockIsRespected() throws {
        let db = try CLI.fixtureDatabase()
        let v1 = try plan(db)
        let later = ["BANCHE_NOW": "2027-02-13T06:00:00+08:00"]
        let r = try CLI.run(["plan", "--direction", "to-work", "--dates", Self.dates, "--replan-all", "--format", "json", "--db", db], env: later)
        #expect(r.stderr.contains("days before today"), "\(r.stderr)")
        let v2 = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let left = (v1["trip_details"] as! [[String: Any]]).filter { ($0["departure"] as! String) <= "2027-02-13T06:00:00+08:00" }.map { $0["trip_id"] as! String }
        #expect(!left.isEmpty)
        #expect(Set(v2["kept_trips"] as! [String]).isSuperset(of: left), "trips that have left must be kept")
        #expect((v2["trip_details"] as! [[String: Any]]).allSatisfy { ($0["date"] as! String) >= "2027-02-13" })
        let past = try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-12", "--db", db], env: later)
        #expect(past.status == 2 && past.stderr.contains("have passed"))
    }

    @Test func outsideDatesAreNamed() throws {
        let db = try CLI.fixtureDatabase()
        // An import warns about a window that meets no service day of the route.
        let dir = try CLI.tempDir()
        let header = try String(contentsOfFile: CLI.fixture("tiandeng-pengjiang/workers.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline)[0].replacingOccurrences(of: "\u{FEFF}", with: "")
        try "\(header)\nW90009,迟到者,\(Self.residentID("45142519920303345")),,,to-work,2027-03-01,2027-03-02,TD105,PJ100,厂,福新镇,,no,\n"
            .write(toFile: dir + "/late.csv", atomically: true, encoding: .utf8)
        let warned = try CLI.run(["import", "workers", dir + "/late.csv", "--db", db])
        #expect(warned.status == 0 && warned.stderr.contains("W90009") && warned.stderr.contains("no service day"), "\(warned.stderr)")
        let r = try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-14..2027-02-15", "--format", "json", "--db", db])
        let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let outside = o["outside_dates"] as! [String]
        #expect(outside.count == o["workers_outside_dates"] as! Int)
        #expect(!outside.isEmpty)
        let text = try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-14..2027-02-15", "--dry-run", "--db", db])
        #expect(text.stdout.contains(outside[0]))
    }

    @Test func seasonReportIsComputedAndSurvivesPurge() throws {
        let db = try CLI.fixtureDatabase()
        let p = try plan(db)
        let json = try CLI.run(["report", "season", "--format", "json", "--db", db])
        let r = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(r["people"] as? Int == p["workers_placed"] as? Int)
        #expect(r["trips"] as? Int == p["trips"] as? Int)
        #expect(r["formerly_poor"] as? Int == 290)
        let townships = r["by_township"] as! [[String: Any]]
        #expect(townships.reduce(0) { $0 + ($1["people"] as! Int) } == 619)
        for key in ["trips", "buses", "people", "formerly_poor", "priority", "seats_filled", "by_direction", "by_day", "by_township", "by_employer"] {
            #expect(r[key] != nil, "missing \(key)")
        }
        let text = try CLI.run(["report", "season", "--db", db]).stdout
        #expect(text.hasPrefix("\(p["trips"]!) buses carried 619 workers, 290 of them from formerly poor households"), "\(text.prefix(120))")
        // A season that has not ended is refused (exit 2), then purged once it has.
        let early = try CLI.run(["purge", "--before", "2100-01-01", "--db", db])
        #expect(early.status == 2 && early.stderr.contains("after today"))
        #expect(try CLI.run(["purge", "--before", "2100-01-01", "--db", db], env: ["BANCHE_NOW": "2100-01-02T09:00:00+08:00"]).status == 0)
        let after = try CLI.run(["report", "season", "--format", "json", "--db", db])
        #expect(after.stdout == json.stdout, "the report changed after purge")
    }
}
