import Foundation
import Testing
import BancheCore
@testable import BancheIO

/// Issue #10: numbers, checklists and times in boarding and rosters.
@Suite struct BoardingInputTests {
    let standard = try! Checklists.load("standard-2026")
    let departure = Timestamp(iso: "2027-02-13T06:00", defaultZone: .china)!

    func r(_ w: String?, _ step: String, _ value: String? = nil, _ at: String = "2027-02-13T05:30") -> BoardingRecord {
        BoardingRecord(tripID: "T", workerID: w, step: step, value: value, at: Timestamp(iso: at, defaultZone: .china)!)
    }

    func bus(alcohol: String, at: String = "2027-02-13T05:30") -> BoardingGate.Status {
        let rs = [r(nil, "vehicle-inspection"), r(nil, "charter-sign"), r(nil, "alcohol-test", alcohol, at)]
        return BoardingGate(checklist: standard).evaluate(passengers: [], records: rs, departure: departure).vehicle.status
    }

    static func json(_ steps: String, top: String = "") -> String {
        #"{"id": "x", "name": "x", \#(top) "steps": [\#(steps)]}"#
    }
    static let bp = #"{"id": "bp", "name_zh": "血压", "name_en": "blood pressure", "applies_to": "vehicle", "blocking": true, "evidence": {"kind": "value", "at_most": 140}}"#

    @Test func nonFiniteAndHexValuesNeverClearTheGate() throws {
        #expect(bus(alcohol: "0") == .cleared)
        for v in ["-inf", "NaN", "nan", "inf", "0x1p3", "-0x1p3", "1e308", "-1e9"] { #expect(bus(alcohol: v) == .blocked, "\(v)") }
        let c = try Checklists.decode(Self.json(Self.bp), source: "x.json")
        func gate(_ v: String) -> BoardingGate.Status {
            BoardingGate(checklist: c).evaluate(passengers: [], records: [r(nil, "bp", v)], departure: departure).vehicle.status
        }
        #expect(gate("120") == .cleared)
        #expect(gate("NaN") == .blocked)
        #expect(gate("-inf") == .blocked)
    }

    @Test func checklistLimitsMustBeFiniteAndSane() throws {
        let huge = Self.json(#"{"id": "a", "name_zh": "a", "name_en": "a", "applies_to": "vehicle", "blocking": true, "evidence": {"kind": "value", "below": -1e308}}"#)
        #expect(throws: ChecklistError.self) { try Checklists.decode(huge, source: "x.json") }
        let big = Self.json(#"{"id": "a", "name_zh": "a", "name_en": "a", "applies_to": "vehicle", "blocking": true, "evidence": {"kind": "value", "at_most": 1e300}}"#)
        #expect(throws: ChecklistError.self) { try Checklists.decode(big, source: "x.json") }
    }

    @Test func maxOccupancyIsReadInSnakeCaseAndEpidemicShipsItsCap() throws {
        #expect(try Checklists.load("epidemic-2022").maxOccupancy == 0.5)
        #expect(try Checklists.decode(Self.json(Self.bp, top: #""max_occupancy": 0.75,"#), source: "x").maxOccupancy == 0.75)
        for bad in ["0", "1.5", "-0.5"] {
            #expect(throws: ChecklistError.self) { try Checklists.decode(Self.json(Self.bp, top: #""max_occupancy": \#(bad),"#), source: "x") }
        }
    }

    @Test func unknownKeysAreNamed() throws {
        let e1 = #expect(throws: ChecklistError.self) { try Checklists.decode(Self.json(Self.bp, top: #""maxOccupancy": 0.5,"#), source: "x.json") }
        #expect(e1?.message.contains("maxOccupancy") == true)
        let misspelt = Self.json(#"{"id": "t", "name_zh": "t", "name_en": "t", "applies_to": "passenger", "blocking": true, "evidence": {"kind": "value", "below": 37.3, "at_mots": 40}}"#)
        let e2 = #expect(throws: ChecklistError.self) { try Checklists.decode(misspelt, source: "x.json") }
        #expect(e2?.message.contains("at_mots") == true)
    }

    @Test func aChecklistNeedsABlockingStep() throws {
        let none = Self.json(#"{"id": "t", "name_zh": "t", "name_en": "t", "applies_to": "passenger", "blocking": false, "evidence": {"kind": "done"}}"#)
        #expect(throws: ChecklistError.self) { try Checklists.decode(none, source: "x.json") }
        #expect(throws: ChecklistError.self) { try Checklists.decode(Self.json(""), source: "x.json") }
    }

    @Test func passWordsCompareCaseInsensitivelyAndValuesAreTrimmed() throws {
        let c = try Checklists.decode(Self.json(#"{"id": "brakes", "name_zh": "刹车", "name_en": "brakes", "applies_to": "vehicle", "blocking": true, "evidence": {"kind": "status", "pass": ["OK"]}}"#), source: "x")
        for v in ["OK", "ok", " Ok "] {
            #expect(BoardingGate(checklist: c).evaluate(passengers: [], records: [r(nil, "brakes", v)], departure: departure).vehicle.status == .cleared, "\(v)")
        }
        #expect(r(nil, "brakes", "  OK \t").value == "OK")
    }

    @Test func staleEvidenceCountsAsMissing() throws {
        // An alcohol test from 2001 does not clear the bus in 2027.
        #expect(bus(alcohol: "0", at: "2001-02-13T05:00") == .pending)
        // Vehicle evidence is good for 12 h before the first pickup by default.
        #expect(bus(alcohol: "0", at: "2027-02-12T18:00") == .cleared)
        #expect(bus(alcohol: "0", at: "2027-02-12T17:59") == .pending)
        let rs = [r(nil, "vehicle-inspection"), r(nil, "charter-sign"), r(nil, "alcohol-test", "0", "2001-02-13T05:00")]
        let v = BoardingGate(checklist: standard).evaluate(passengers: [], records: rs, departure: departure).vehicle
        #expect(v.findings.contains { $0.step == "alcohol-test" && $0.status.rawValue == "stale" && $0.reason.contains("stale") })
    }

    @Test func rosterTripKmMustBeAFiniteDistanceUpTo5000() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("banche-roster-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (km, ok) in [("800", true), ("0", true), ("5000", true), ("inf", false), ("1e308", false), ("nan", false), ("NaN", false),
                         ("0x1p3", false), ("5000.5", false), ("-1", false)] {
            let path = dir + "/r.csv"
            try "driver_id,activity,start,end,vehicle_id,trip_id,trip_km,relay\nD1,drive,2027-02-13T06:00,2027-02-13T09:00,B1,T1,\(km),no\n"
                .write(toFile: path, atomically: true, encoding: .utf8)
            let (records, issues) = RosterCSV.parse(try CSVReader().read(path: path), zone: .china)
            if ok { #expect(issues.isEmpty && records.count == 1, "\(km)") } else {
                #expect(issues.count == 1 && issues.first?.description.hasPrefix(path + ":2:7:") == true, "\(km): \(issues)")
            }
        }
    }

    @Test func recordCheckIsPureAndMeasuresTheFutureToTheSecond() throws {
        let now = Timestamp(iso: "2027-02-13T05:20:00", defaultZone: .china)!
        let check = RecordCheck(checklist: standard, tripID: "T", passengers: ["W1"], closed: false, now: now)
        #expect(check.problem(with: r(nil, "charter-sign", nil, "2027-02-13T05:30:00")) == nil)
        #expect(check.problem(with: r(nil, "charter-sign", nil, "2027-02-13T05:30:30"))?.contains("in the future") == true)
        #expect(check.problem(with: r(nil, "alcohol-test", "0")) == nil)
        for v in ["NaN", "-inf", "0x1p3", "-5", "501", ""] { #expect(check.problem(with: r(nil, "alcohol-test", v)) != nil, "\(v)") }
        #expect(check.problem(with: r("W2", "id-check"))?.contains("not on trip") == true)
        let closed = RecordCheck(checklist: standard, tripID: "T", passengers: ["W1"], closed: true, now: now)
        #expect(closed.problem(with: r("W1", "id-check"))?.contains("closed") == true)
    }

    @Test func passengerEvidenceIsMeasuredAgainstTheirOwnPickup() throws {
        // W1 boards at 04:00, W2 at 06:00. An ID check at 04:30 the day before is 23 h 30 min before
        // W1's pickup (fresh) but 25 h 30 min before W2's (stale: passenger evidence keeps 24 h).
        let times = BoardingGate.TripTimes(firstPickup: Timestamp(iso: "2027-02-13T04:00", defaultZone: .china)!,
                                           pickup: ["W1": Timestamp(iso: "2027-02-13T04:00", defaultZone: .china)!,
                                                    "W2": Timestamp(iso: "2027-02-13T06:00", defaultZone: .china)!])
        var rs = [r(nil, "vehicle-inspection", nil, "2027-02-13T03:00"), r(nil, "charter-sign", nil, "2027-02-13T03:00"), r(nil, "alcohol-test", "0", "2027-02-13T03:00")]
        for w in ["W1", "W2"] {
            rs += [r(w, "id-check", nil, "2027-02-12T04:30"), r(w, "safety-briefing", nil, "2027-02-13T03:30"), r(w, "prohibited-items", nil, "2027-02-13T03:30")]
        }
        let v = BoardingGate(checklist: standard).evaluate(passengers: ["W1", "W2"], records: rs, times: times)
        #expect(v.vehicle.status == .cleared)
        #expect(v.passengers.map(\.status) == [.cleared, .pending])
        #expect(v.passengers[1].findings.contains { $0.step == "id-check" && $0.status == .stale })
    }

    @Test func aChecklistBuiltInCodeWithAnEndlessWindowDoesNotTrap() {
        var c = standard
        c.steps = c.steps.map { var s = $0; s.evidence.validHours = .infinity; return s }
        let rs = [r(nil, "vehicle-inspection", nil, "1990-01-01T00:00"), r(nil, "charter-sign"), r(nil, "alcohol-test", "0")]
        #expect(BoardingGate(checklist: c).evaluate(passengers: [], records: rs, departure: departure).vehicle.status == .cleared)
        c.steps = c.steps.map { var s = $0; s.evidence.validHours = .nan; return s }
        #expect(BoardingGate(checklist: c).evaluate(passengers: [], records: rs, departure: departure).vehicle.status == .pending)
    }
}
