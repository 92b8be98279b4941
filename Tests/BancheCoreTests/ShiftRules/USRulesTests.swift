import Testing
@testable import BancheCore

@Suite struct USRulesTests {
    let us = RuleProfile.usFMCSAPassenger

    @Test func tenHoursDrivingAfterEightOff() {
        let ten = [rec("D1", .drive, "2027-02-13T06:00", "2027-02-13T11:00"), rec("D1", .break, "2027-02-13T11:00", "2027-02-13T11:30"),
                   rec("D1", .drive, "2027-02-13T11:30", "2027-02-13T16:30")]
        #expect(rules(us, ten) == [])
        let over = [rec("D1", .drive, "2027-02-13T06:00", "2027-02-13T11:00"), rec("D1", .break, "2027-02-13T11:00", "2027-02-13T11:30"),
                    rec("D1", .drive, "2027-02-13T11:30", "2027-02-13T16:31")]
        #expect(rules(us, over) == ["US-DRIVE-10"])
        // Eight hours off resets the count.
        let reset = ten + [rec("D1", .drive, "2027-02-14T00:30", "2027-02-14T02:00")]
        #expect(rules(us, reset) == [])
    }

    @Test func fifteenHoursOnDutyWithOffDutyGapsNotCounted() {
        // 6 h work, 3 h off, 8 h work, then an hour's drive: 15 h on duty when the drive ends.
        let legal = [rec("D1", .otherWork, "2027-02-13T05:00", "2027-02-13T11:00"), rec("D1", .break, "2027-02-13T11:00", "2027-02-13T14:00"),
                     rec("D1", .otherWork, "2027-02-13T14:00", "2027-02-13T22:00"), rec("D1", .drive, "2027-02-13T22:00", "2027-02-13T23:00")]
        #expect(rules(us, legal) == [])
        let over = [rec("D1", .otherWork, "2027-02-13T05:00", "2027-02-13T11:00"), rec("D1", .break, "2027-02-13T11:00", "2027-02-13T14:00"),
                    rec("D1", .otherWork, "2027-02-13T14:00", "2027-02-13T22:01"), rec("D1", .drive, "2027-02-13T22:01", "2027-02-13T23:01")]
        #expect(rules(us, over) == ["US-ONDUTY-15"])
        // Riding as co-driver in a moving bus is on duty.
        let riding = [rec("D1", .available, "2027-02-13T05:00", "2027-02-13T19:00"), rec("D1", .drive, "2027-02-13T19:00", "2027-02-13T20:01")]
        #expect(rules(us, riding) == ["US-ONDUTY-15"])
    }

    @Test func sixtyHoursInSevenDays() {
        var week: [DutyRecord] = []
        for d in 11...16 { week.append(rec("D1", .drive, "2027-02-\(d)T08:00", "2027-02-\(d)T18:00")) }   // 60 h
        #expect(rules(us, week) == [])
        week.append(rec("D1", .drive, "2027-02-17T07:00", "2027-02-17T07:30"))
        #expect(rules(us, week) == ["US-60-70"])
    }
}
