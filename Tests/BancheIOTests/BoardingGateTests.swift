import Foundation
import Testing
import BancheCore
@testable import BancheIO

@Suite struct BoardingGateTests {
    let epidemic = try! Checklists.load("epidemic-2022")
    let standard = try! Checklists.load("standard-2026")
    let departure = Timestamp(iso: "2027-02-13T06:00", defaultZone: .china)!

    func r(_ w: String?, _ step: String, _ value: String? = nil, _ at: String = "2027-02-13T05:30", seq: Int = 0) -> BoardingRecord {
        BoardingRecord(tripID: "T", workerID: w, step: step, value: value, at: Timestamp(iso: at, defaultZone: .china)!, sequence: seq)
    }

    /// Everything an epidemic-2022 passenger needs, with the temperature and test given.
    func passenger(temp: String, testAt: String, result: String = "negative") -> [BoardingRecord] {
        [r("W1", "id-registration"), r("W1", "nucleic-acid", result, testAt), r("W1", "temperature", temp), r("W1", "health-code", "green"),
         r(nil, "disinfection")]
    }

    func status(_ rs: [BoardingRecord], _ c: Checklist? = nil) -> BoardingGate.Status {
        BoardingGate(checklist: c ?? epidemic).evaluate(passengers: ["W1"], records: rs, departure: departure).passengers[0].status
    }

    @Test func temperatureBoundary() {
        #expect(status(passenger(temp: "37.2", testAt: "2027-02-12T10:00")) == .cleared)
        #expect(status(passenger(temp: "37.3", testAt: "2027-02-12T10:00")) == .blocked)
    }

    @Test func testValidityWindow() {
        // 47 h 59 min before departure: valid; 48 h 01 min: stale, which counts as not recorded.
        #expect(status(passenger(temp: "36.5", testAt: "2027-02-11T06:01")) == .cleared)
        #expect(status(passenger(temp: "36.5", testAt: "2027-02-11T05:59")) == .pending)
        #expect(status(passenger(temp: "36.5", testAt: "2027-02-12T10:00", result: "positive")) == .blocked)
    }

    @Test func missingIsPendingFailedIsBlocked() {
        var rs = passenger(temp: "36.5", testAt: "2027-02-12T10:00")
        rs.removeAll { $0.step == "health-code" }
        #expect(status(rs) == .pending)
        rs.append(r("W1", "health-code", "yellow"))
        #expect(status(rs) == .blocked)
    }

    @Test func nonBlockingStepsDoNotStopBoarding() {
        // The care pack is informational.
        let v = BoardingGate(checklist: epidemic).evaluate(passengers: ["W1"], records: passenger(temp: "36.5", testAt: "2027-02-12T10:00"), departure: departure)
        #expect(v.passengers[0].status == .cleared)
        #expect(v.passengers[0].findings.contains { $0.step == "care-pack" })
    }

    @Test func vehicleStepsGateTheWholeTrip() {
        var rs = passenger(temp: "36.5", testAt: "2027-02-12T10:00")
        rs.removeAll { $0.workerID == nil }
        let v = BoardingGate(checklist: epidemic).evaluate(passengers: ["W1"], records: rs, departure: departure)
        #expect(v.vehicle.status == .pending)
        #expect(v.passengers[0].status == .pending)
        // Standard: an alcohol reading of 20 mg/100 ml blocks the bus.
        let s = [r(nil, "vehicle-inspection"), r(nil, "charter-sign"), r(nil, "alcohol-test", "20")]
        #expect(BoardingGate(checklist: standard).evaluate(passengers: [], records: s, departure: departure).vehicle.status == .blocked)
        let ok = [r(nil, "vehicle-inspection"), r(nil, "charter-sign"), r(nil, "alcohol-test", "0")]
        #expect(BoardingGate(checklist: standard).evaluate(passengers: [], records: ok, departure: departure).vehicle.status == .cleared)
    }

    @Test func laterRecordsSupersede() {
        var rs = passenger(temp: "37.8", testAt: "2027-02-12T10:00")
        #expect(status(rs) == .blocked)
        rs.append(r("W1", "temperature", "36.9", "2027-02-13T05:45", seq: 9))
        #expect(status(rs) == .cleared)
        // A record taken earlier but entered later does not override a later measurement.
        rs.append(r("W1", "temperature", "38.0", "2027-02-13T05:00", seq: 10))
        #expect(status(rs) == .cleared)
    }

    @Test func shippedChecklistsEqualTheFixtureFiles() throws {
        for id in ["standard-2026", "epidemic-2022"] {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let file = try String(contentsOf: root.appendingPathComponent("Fixtures/checklists/\(id).json"), encoding: .utf8)
            #expect(try Checklists.decode(file, source: id) == Checklists.load(id))
            #expect(file == Checklists.builtIn[id]! + "\n")
        }
        #expect(throws: ChecklistError.self) { try Checklists.decode(#"{"id":"x","name":"x","steps":[{"id":"t","name_zh":"t","name_en":"t","applies_to":"passenger","blocking":true,"evidence":{"kind":"value"}}]}"#, source: "x") }
    }
}
