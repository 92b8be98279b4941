import Testing
@testable import BancheCore

@Suite struct EURulesTests {
    let eu = RuleProfile.eu561

    func utc(_ d: String, _ a: DutyActivity, _ s: String, _ e: String, vehicle: String? = "B1") -> DutyRecord {
        rec(d, a, s + "Z", e + "Z", vehicle: vehicle)
    }

    @Test func breakAfterFourAndAHalfHours() {
        #expect(rules(eu, [utc("D1", .drive, "2027-02-15T06:00", "2027-02-15T10:30")]) == [])
        #expect(rules(eu, [utc("D1", .drive, "2027-02-15T06:00", "2027-02-15T10:31")]) == ["EU-BREAK"])
    }

    @Test func splitBreakOrderMatters() {
        func day(firstBreakEnds: String, secondBreakStarts: String) -> [DutyRecord] {
            [utc("D1", .drive, "2027-02-15T06:00", "2027-02-15T08:00"), utc("D1", .break, "2027-02-15T08:00", "2027-02-15T\(firstBreakEnds)"),
             utc("D1", .drive, "2027-02-15T\(firstBreakEnds)", "2027-02-15T\(secondBreakStarts)"),
             utc("D1", .break, "2027-02-15T\(secondBreakStarts)", "2027-02-15T11:00"), utc("D1", .drive, "2027-02-15T11:00", "2027-02-15T13:00")]
        }
        // 15 then 30 is a full break: the 2 h after it start afresh.
        #expect(rules(eu, day(firstBreakEnds: "08:15", secondBreakStarts: "10:30")) == [])
        // 30 then 15 is not: 2 h + 2 h 15 + 2 h with no qualifying break passes 4 h 30.
        #expect(rules(eu, day(firstBreakEnds: "08:30", secondBreakStarts: "10:45")) == ["EU-BREAK"])
    }

    @Test func tenHourDaysAtMostTwiceAWeek() {
        // Mon 2027-02-15 … Sun 2027-02-21. Each day: 5 h, 45 min break, 5 h, then 13 h rest.
        func tenHourDay(_ d: Int) -> [DutyRecord] {
            let day = "2027-02-\(d)"
            return [utc("D1", .drive, "\(day)T06:00", "\(day)T10:30"), utc("D1", .break, "\(day)T10:30", "\(day)T11:15"),
                    utc("D1", .drive, "\(day)T11:15", "\(day)T16:45")]
        }
        #expect(rules(eu, tenHourDay(15) + tenHourDay(16)).filter { $0 == "EU-DAILY-DRIVE" } == [])
        #expect(rules(eu, tenHourDay(15) + tenHourDay(16) + tenHourDay(17)).filter { $0 == "EU-DAILY-DRIVE" } == ["EU-DAILY-DRIVE"])
    }

    @Test func dailyRestWithinTwentyFourHours() {
        // Work 06:00–18:00 then rest 11 h, then work again: legal.
        let legal = [utc("D1", .drive, "2027-02-15T06:00", "2027-02-15T10:00"), utc("D1", .break, "2027-02-15T10:00", "2027-02-15T10:45"),
                     utc("D1", .otherWork, "2027-02-15T10:45", "2027-02-15T19:00"), utc("D1", .rest, "2027-02-15T19:00", "2027-02-16T06:00"),
                     utc("D1", .drive, "2027-02-16T06:00", "2027-02-16T08:00")]
        #expect(rules(eu, legal).filter { $0 == "EU-DAILY-REST" } == [])
        // Only 8 h 59 off before the next day's work: no daily rest within 24 h.
        let short = [utc("D1", .drive, "2027-02-15T06:00", "2027-02-15T10:00"), utc("D1", .break, "2027-02-15T10:00", "2027-02-15T10:45"),
                     utc("D1", .otherWork, "2027-02-15T10:45", "2027-02-15T21:01"), utc("D1", .rest, "2027-02-15T21:01", "2027-02-16T06:00"),
                     utc("D1", .otherWork, "2027-02-16T06:00", "2027-02-16T08:00")]
        #expect(rules(eu, short).contains("EU-DAILY-REST"))
    }

    @Test func restOnAMovingBusIsNotRest() {
        // D1 "rests" 10 h on the bus while D2 drives it: not a daily rest in multi-manning.
        let rs = [utc("D1", .drive, "2027-02-15T06:00", "2027-02-15T10:00"),
                  utc("D1", .rest, "2027-02-15T10:00", "2027-02-15T20:00"),
                  utc("D2", .drive, "2027-02-15T10:00", "2027-02-15T14:00"), utc("D2", .break, "2027-02-15T14:00", "2027-02-15T14:45"),
                  utc("D2", .drive, "2027-02-15T14:45", "2027-02-15T18:45"),
                  utc("D1", .drive, "2027-02-15T20:00", "2027-02-16T00:00"), utc("D1", .otherWork, "2027-02-16T00:00", "2027-02-16T13:00")]
        #expect(RuleEngine(profile: eu).violations(rs).contains { $0.rule == "EU-DAILY-REST" && $0.driverID == "D1" })
    }

    @Test func weeklyDrivingLimit() {
        // Six days of 9 h 20 = 56 h: legal; one more minute is not.
        var week: [DutyRecord] = []
        for d in 15...20 {
            let day = "2027-02-\(d)"
            week += [utc("D1", .drive, "\(day)T06:00", "\(day)T10:30"), utc("D1", .break, "\(day)T10:30", "\(day)T11:15"),
                     utc("D1", .drive, "\(day)T11:15", "\(day)T16:05")]
        }
        #expect(rules(eu, week).filter { $0 == "EU-WEEKLY-DRIVE" } == [])
        let over = week + [utc("D1", .drive, "2027-02-21T06:00", "2027-02-21T06:01")]
        #expect(rules(eu, over).contains("EU-WEEKLY-DRIVE"))
    }
}

@Suite struct EUCycleRulesTests {
    let eu = RuleProfile.eu561
    func utc(_ a: DutyActivity, _ s: String, _ e: String) -> DutyRecord { rec("D1", a, s + "Z", e + "Z") }

    /// Five days of 9 h (4 h 30, 45 min break, 4 h 30), 11 h rest between.
    func week(_ days: ClosedRange<Int>, month: String = "02") -> [DutyRecord] {
        days.flatMap { d -> [DutyRecord] in
            let day = "2027-\(month)-\(d < 10 ? "0" : "")\(d)"
            return [utc(.drive, "\(day)T06:00", "\(day)T10:30"), utc(.break, "\(day)T10:30", "\(day)T11:15"), utc(.drive, "\(day)T11:15", "\(day)T15:45")]
        }
    }

    @Test func ninetyHoursInTwoWeeks() {
        // Mon 15 – Fri 19 and Mon 22 – Fri 26: 45 h + 45 h = 90 h, legal.
        let legal = week(15...19) + week(22...26)
        #expect(!rules(eu, legal).contains("EU-FORTNIGHT-DRIVE"))
        // Saturday 27 adds an hour: 91 h in the second and first weeks together.
        let over = legal + [utc(.drive, "2027-02-27T06:00", "2027-02-27T07:00")]
        #expect(rules(eu, over).contains("EU-FORTNIGHT-DRIVE"))
    }

    @Test func weeklyRestWithinSixDays() {
        // Six working days in a row (Mon 15 – Sat 20) then Sunday off: the weekly rest begins within 144 h.
        let six = week(15...20) + [utc(.rest, "2027-02-20T15:45", "2027-02-22T06:00"), utc(.drive, "2027-02-22T06:00", "2027-02-22T08:00")]
        #expect(!rules(eu, six).contains("EU-WEEKLY-REST"))
        // Eight working days with only daily rests: no weekly rest within six 24-hour periods.
        let eight = week(15...22)
        #expect(rules(eu, eight).contains("EU-WEEKLY-REST"))
    }

    @Test func atMostThreeReducedDailyRests() {
        // Each day ends at 21:00 and the next starts at 06:00: 9 h rests (reduced).
        func day(_ d: Int) -> [DutyRecord] {
            let s = "2027-02-\(d)"
            return [utc(.drive, "\(s)T06:00", "\(s)T10:00"), utc(.break, "\(s)T10:00", "\(s)T10:45"), utc(.otherWork, "\(s)T10:45", "\(s)T21:00")]
        }
        let three = (15...18).flatMap(day)
        #expect(!rules(eu, three).contains("EU-REDUCED-RESTS"))
        let four = (15...19).flatMap(day)
        #expect(rules(eu, four).contains("EU-REDUCED-RESTS"))
    }
}
