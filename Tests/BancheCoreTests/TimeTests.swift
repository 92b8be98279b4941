import Testing
@testable import BancheCore

@Suite struct TimeTests {
    @Test func civilDateRoundTripsThroughDayNumber() {
        for n in stride(from: -1000, to: 30000, by: 7) {
            let d = CivilDate(dayNumber: n)
            #expect(d.dayNumber == n)
            #expect(CivilDate(iso: d.description) == d)
        }
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(CivilDate(year: 2027, month: 2, day: 6)!.isoWeekday == 6) // Spring Festival 2027 is a Saturday
    }

    @Test func parsesExcelDates() {
        #expect(CivilDate(iso: "2027/2/6") == CivilDate(year: 2027, month: 2, day: 6))
        #expect(CivilDate(iso: "2027-2-6") == nil)
        #expect(CivilDate(iso: "2027-02-29") == nil)
        #expect(CivilDate(iso: "2028-02-29") != nil)
    }

    @Test func timestampsCarryAnOffset() throws {
        let t = try #require(Timestamp(iso: "2027-02-13T06:00", defaultZone: .china))
        #expect(t.iso(in: .china) == "2027-02-13T06:00:00+08:00")
        #expect(t.iso(in: .utc) == "2027-02-12T22:00:00+00:00")
        let z = try #require(Timestamp(iso: "2027-02-12T22:00:00Z", defaultZone: .china))
        #expect(z == t)
        let o = try #require(Timestamp(iso: "2027-02-13 07:00:00+09:00", defaultZone: .china))
        #expect(o == t)
        #expect(t.minuteOfDay(in: .china) == 360)
        #expect(Timestamp(iso: "2027-02-13T24:00", defaultZone: .china) == nil)
    }

    @Test func dateWindows() throws {
        let w = try #require(DateWindow("2027-02-11..2027-02-15"))
        #expect(w.days.count == 5)
        #expect(DateWindow("2027-02-15..2027-02-11") == nil)
        #expect(w.intersection(DateWindow("2027-02-15..2027-02-20")!) == DateWindow("2027-02-15"))
        #expect(w.intersection(DateWindow("2027-02-16..2027-02-20")!) == nil)
    }
}
