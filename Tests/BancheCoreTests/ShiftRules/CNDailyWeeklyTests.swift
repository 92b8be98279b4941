import Testing
@testable import BancheCore

@Suite struct CNDailyWeeklyTests {
    let cn = RuleProfile.cnPassenger

    @Test func rollingTwentyFourHoursNotCalendarDays() {
        // 4 h each calendar day, but 8 h 01 within 24 h of 16:00 on the first day.
        let over = [rec("D1", .drive, "2027-02-13T16:00", "2027-02-13T20:00"), rec("D1", .drive, "2027-02-14T08:00", "2027-02-14T12:00"),
                    rec("D1", .drive, "2027-02-14T12:30", "2027-02-14T12:31")]
        #expect(rules(cn, over) == ["CN-DAILY"])
        let exact = [rec("D1", .drive, "2027-02-13T16:00", "2027-02-13T20:00"), rec("D1", .drive, "2027-02-14T08:00", "2027-02-14T12:00")]
        #expect(rules(cn, exact) == [])
        // The same driving spread so no 24 h holds more than 8 h.
        let spread = [rec("D1", .drive, "2027-02-13T08:00", "2027-02-13T12:00"), rec("D1", .drive, "2027-02-14T08:00", "2027-02-14T12:00"),
                      rec("D1", .drive, "2027-02-14T12:30", "2027-02-14T12:31")]
        #expect(rules(cn, spread) == [])
    }

    @Test func fortyFourHoursInAnySevenDays() {
        // 4 h 00 driving at 08:00 and 3 h 20 at 15:00 each day for six days = 44 h.
        var legal: [DutyRecord] = []
        for day in 11...16 {
            legal.append(rec("D1", .drive, "2027-02-\(day)T08:00", "2027-02-\(day)T12:00"))
            legal.append(rec("D1", .drive, "2027-02-\(day)T15:00", "2027-02-\(day)T18:20"))
        }
        #expect(rules(cn, legal) == [])
        var over = legal
        over.append(rec("D1", .drive, "2027-02-17T07:00", "2027-02-17T07:01"))
        #expect(rules(cn, over) == ["CN-WEEKLY"])
    }
}
