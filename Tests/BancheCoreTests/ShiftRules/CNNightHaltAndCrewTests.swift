import Testing
@testable import BancheCore

@Suite struct CNNightHaltAndCrewTests {
    let cn = RuleProfile.cnPassenger

    @Test func endingExactlyAtTwoIsLegal() {
        #expect(rules(cn, [rec("D1", .drive, "2027-02-14T00:30", "2027-02-14T02:00", km: 800)]) == [])
        #expect(rules(cn, [rec("D1", .drive, "2027-02-14T00:30", "2027-02-14T02:01", km: 800)]) == ["CN-NIGHT-HALT"])
        #expect(rules(cn, [rec("D1", .drive, "2027-02-14T05:00", "2027-02-14T06:30", km: 800)]) == [])
        #expect(rules(cn, [rec("D1", .drive, "2027-02-14T04:59", "2027-02-14T06:00", km: 800)]) == ["CN-NIGHT-HALT"])
    }

    @Test func relayAndShortRunsAreExempt() {
        #expect(rules(cn, [rec("D1", .drive, "2027-02-14T02:30", "2027-02-14T04:00", km: 800, relay: true)]) == [])
        #expect(rules(cn, [rec("D1", .drive, "2027-02-14T02:30", "2027-02-14T04:00", km: 200)]) == [])
        #expect(rules(cn, [rec("D1", .drive, "2027-02-14T02:30", "2027-02-14T04:00", km: 201)]) == ["CN-NIGHT-HALT"])
    }

    @Test func runsOverFourHundredKilometresCarryTwoDrivers() {
        let solo = [rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T11:00", trip: "T1", km: 401)]
        #expect(rules(cn, solo) == ["CN-CREW"])
        #expect(rules(cn, [rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T11:00", trip: "T1", km: 400)]) == [])
        let pair = solo + [rec("D2", .available, "2027-02-13T08:00", "2027-02-13T11:00", trip: "T1", km: 401)]
        #expect(rules(cn, pair) == [])
    }
}
