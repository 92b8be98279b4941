import Testing
@testable import BancheCore

@Suite struct RosterInputErrorTests {
    let engine = RuleEngine(profile: .cnPassenger)

    @Test func endBeforeStart() {
        let e = engine.inputErrors([rec("D1", .drive, "2027-02-13T10:00", "2027-02-13T09:00", line: 2)])
        #expect(e.map(\.line) == [2])
        #expect(e.first?.message.contains("is not after start") == true)
    }

    @Test func driverInTwoRecordsAtOnce() {
        let e = engine.inputErrors([rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T10:00", line: 2),
                                    rec("D1", .break, "2027-02-13T09:30", "2027-02-13T10:30", line: 3)])
        #expect(e.map(\.line) == [3])
        #expect(e.first?.message.contains("already in the record on line 2") == true)
    }

    @Test func twoDriversDrivingOneVehicle() {
        let e = engine.inputErrors([rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T10:00", vehicle: "B1", line: 2),
                                    rec("D2", .drive, "2027-02-13T09:00", "2027-02-13T11:00", vehicle: "B1", line: 3)])
        #expect(e.map(\.line) == [3])
        #expect(engine.inputErrors([rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T10:00", vehicle: "B1"),
                                    rec("D2", .drive, "2027-02-13T10:00", "2027-02-13T11:00", vehicle: "B1")]).isEmpty)
    }
}
