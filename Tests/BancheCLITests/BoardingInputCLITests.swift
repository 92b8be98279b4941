import Foundation
import Testing

/// Issue #10 at the command line: bad boarding values, times and roster distances are refused
/// with exit 2 and nothing stored; stale evidence shows as "stale".
@Suite struct BoardingInputCLITests {
    let now = ["BANCHE_NOW": "2027-02-13T05:20:00+08:00"]

    func planned() throws -> (db: String, trip: String, passengers: [String]) { try CLI.plannedFixtureTrip(env: now) }

    func statusJSON(_ db: String, _ trip: String, _ extra: [String] = []) throws -> [String: Any] {
        let st = try CLI.run(["board", "status", "--trip", trip, "--format", "json", "--db", db] + extra, env: now)
        return try #require(try JSONSerialization.jsonObject(with: Data(st.stdout.utf8)) as? [String: Any])
    }

    @Test func nonFiniteValuesAndFutureTimesAreRefused() throws {
        let (db, trip, _) = try planned()
        func record(_ args: [String]) throws -> CLI.Result { try CLI.run(["board", "record", "--trip", trip, "--vehicle", "--db", db] + args, env: now) }
        for v in ["-inf", "inf", "NaN", "nan", "0x1p3", "1e308", "-5", "1e7"] {
            let r = try record(["--step", "alcohol-test", "--value=\(v)"])
            #expect(r.status == 2, "\(v): \(r.stdout)")
            #expect(r.stderr.contains("alcohol-test"), "\(v): \(r.stderr)")
        }
        // 10 min 30 s ahead is refused, to the second; 10 min is tolerated.
        let ahead = try record(["--step", "charter-sign", "--at", "2027-02-13T05:30:30+08:00"])
        #expect(ahead.status == 2 && ahead.stderr.contains("in the future"), "\(ahead.stderr)")
        #expect(try record(["--step", "charter-sign", "--at", "2027-02-13T05:30:00+08:00"]).status == 0)
        let v = try #require(try statusJSON(db, trip)["vehicle"] as? [String: Any])
        let findings = try #require(v["findings"] as? [[String: Any]])
        // Nothing was stored for the alcohol test.
        #expect(findings.contains { $0["step"] as? String == "alcohol-test" && $0["status"] as? String == "pending" })
    }

    @Test func staleEvidenceIsShownAsStale() throws {
        let (db, trip, _) = try planned()
        for (step, value, at) in [("vehicle-inspection", nil, "2027-02-13T05:00"), ("charter-sign", nil, "2027-02-13T05:00"), ("alcohol-test", "0", "2001-02-13T05:00")] {
            let r = try CLI.run(["board", "record", "--trip", trip, "--vehicle", "--step", step, "--at", at, "--db", db] + (value.map { ["--value", $0] } ?? []), env: now)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let v = try #require(try statusJSON(db, trip)["vehicle"] as? [String: Any])
        #expect(v["status"] as? String == "pending")
        let findings = try #require(v["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["step"] as? String == "alcohol-test" && $0["status"] as? String == "stale" }, "\(findings)")
        let text = try CLI.run(["board", "status", "--trip", trip, "--db", db], env: now)
        #expect(text.status == 1 && text.stdout.contains("stale"), "\(text.stdout)")
        #expect(try CLI.run(["board", "close", "--trip", trip, "--db", db], env: now).status == 2)
    }

    @Test func customChecklistPassWordsAndValueSteps() throws {
        let (db, trip, _) = try planned()
        let dir = try CLI.tempDir()
        let file = dir + "/office.json"
        try #"""
        {"id": "office", "name": "office",
         "steps": [{"id": "brakes", "name_zh": "刹车", "name_en": "brakes", "applies_to": "vehicle", "blocking": true, "evidence": {"kind": "status", "pass": ["OK"]}},
                   {"id": "bp", "name_zh": "血压", "name_en": "driver blood pressure", "applies_to": "vehicle", "blocking": true, "evidence": {"kind": "value", "at_most": 140}}]}
        """#.write(toFile: file, atomically: true, encoding: .utf8)
        func record(_ args: [String]) throws -> CLI.Result {
            try CLI.run(["board", "record", "--trip", trip, "--vehicle", "--checklist", file, "--db", db] + args, env: now)
        }
        #expect(try record(["--step", "bp", "--value", "NaN"]).status == 2)
        #expect(try record(["--step", "bp", "--value", "2000000"]).status == 2)
        #expect(try record(["--step", "bp", "--value", "120"]).status == 0)
        #expect(try record(["--step", "brakes", "--value", " OK "]).status == 0)
        let v = try #require(try statusJSON(db, trip, ["--checklist", file])["vehicle"] as? [String: Any])
        #expect(v["status"] as? String == "cleared", "\(v)")
        // A misspelt key is an error naming it, not a limit that silently vanishes.
        try #"{"id": "o", "name": "o", "steps": [{"id": "bp", "name_zh": "血压", "name_en": "bp", "applies_to": "vehicle", "blocking": true, "evidence": {"kind": "value", "at_most": 140, "belwo": 90}}]}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try record(["--step", "bp", "--value", "120"])
        #expect(bad.status == 2 && bad.stderr.contains("belwo"), "\(bad.stderr)")
        // -1e308 limits used to crash board status.
        try #"{"id": "o", "name": "o", "steps": [{"id": "bp", "name_zh": "血压", "name_en": "bp", "applies_to": "vehicle", "blocking": true, "evidence": {"kind": "value", "below": -1e308}}]}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let huge = try CLI.run(["board", "status", "--trip", trip, "--checklist", file, "--db", db], env: now)
        #expect(huge.status == 2 && huge.stderr.contains("below"), "\(huge.status) \(huge.stderr)")
    }

    @Test func rosterTripKmOutOfRangeIsBadInputNotACrash() throws {
        let dir = try CLI.tempDir()
        for km in ["inf", "1e308", "nan", "5001", "0x1p3"] {
            let path = dir + "/roster.csv"
            try ("driver_id,activity,start,end,vehicle_id,trip_id,trip_km,relay\n"
                 + "D1,drive,2027-02-13T06:00,2027-02-13T09:00,B1,T1,\(km),no\nD2,available,2027-02-13T06:00,2027-02-13T09:00,B1,T1,\(km),no\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
            let r = try CLI.run(["roster", "check", path])
            #expect(r.status == 2, "\(km): \(r.status) \(r.stdout)")
            #expect(r.stderr.contains("roster.csv:2:7:"), "\(km): \(r.stderr)")
        }
    }
}
