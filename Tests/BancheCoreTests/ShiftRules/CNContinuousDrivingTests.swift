import Testing
@testable import BancheCore

@Suite struct CNContinuousDrivingTests {
    let cn = RuleProfile.cnPassenger

    @Test func fourHoursPassesFourHoursOneFails() {
        #expect(rules(cn, [rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T12:00")]) == [])
        #expect(rules(cn, [rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T12:01")]) == ["CN-CONT-DAY"])
    }

    @Test func onlyATwentyMinutePauseEndsAStint() {
        let nineteen = [rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T10:00"), rec("D1", .break, "2027-02-13T10:00", "2027-02-13T10:19"),
                        rec("D1", .drive, "2027-02-13T10:19", "2027-02-13T12:20")]
        #expect(rules(cn, nineteen) == ["CN-CONT-DAY"])
        let twenty = [rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T10:00"), rec("D1", .break, "2027-02-13T10:00", "2027-02-13T10:20"),
                      rec("D1", .drive, "2027-02-13T10:20", "2027-02-13T12:21")]
        #expect(rules(cn, twenty) == [])
        // A gap with no record is off duty, and counts as a pause too.
        #expect(rules(cn, [rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T10:00"), rec("D1", .drive, "2027-02-13T10:20", "2027-02-13T12:21")]) == [])
    }

    @Test func nightCapCountsTheDrivingInsideTheNight() {
        // Issue #12 changed this reading: the 2 h cap is on the part of a stint inside
        // 22:00–06:00, the 4 h cap on the whole stint (docs/driver-rules.md).
        // 20:30–23:00 is 2 h 30 with half an hour after 22:00: legal.
        #expect(rules(cn, [rec("D1", .drive, "2027-02-13T20:30", "2027-02-13T23:00")]) == [])
        // 19:00–22:00 ends as the night begins: a daytime stint of 3 h 00.
        #expect(rules(cn, [rec("D1", .drive, "2027-02-13T19:00", "2027-02-13T22:00")]) == [])
        // Early morning: 05:00–09:00 is 4 h with an hour before 06:00: allowed; 05:00–09:01 is over the day cap.
        #expect(rules(cn, [rec("D1", .drive, "2027-02-13T05:00", "2027-02-13T09:00")]) == [])
        #expect(rules(cn, [rec("D1", .drive, "2027-02-13T05:00", "2027-02-13T09:01")]) == ["CN-CONT-DAY"])
        // 23:00–01:01 is 2 h 01 at night.
        #expect(rules(cn, [rec("D1", .drive, "2027-02-13T23:00", "2027-02-14T01:01")]) == ["CN-CONT-NIGHT"])
    }
}
