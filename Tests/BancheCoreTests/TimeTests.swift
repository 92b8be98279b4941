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

    /// `iso(in:)` is written byte by byte: it says what the parts say, across midnights, year
    /// ends, instants before 1970 and offsets on both sides of UTC, and reads back to the instant.
    @Test func isoIsTheDateTheClockAndTheOffset() throws {
        let zones = [ZoneOffset.china, .utc, ZoneOffset(seconds: -5 * 3600), ZoneOffset(seconds: 5 * 3600 + 45 * 60), ZoneOffset(seconds: -(9 * 3600 + 30 * 60))]
        for zone in zones {
            for n in stride(from: -3_000_000_000, to: 4_000_000_000, by: 98_765_431) + [0, -1, 59, 86_399, 1_798_761_599] {
                let t = Timestamp(seconds: n)
                let local = n + zone.seconds, sec = ((local % 86_400) + 86_400) % 86_400
                let expected = "\(t.date(in: zone))T\(pad2(sec / 3600)):\(pad2(sec / 60 % 60)):\(pad2(sec % 60))\(zone)"
                #expect(t.iso(in: zone) == expected)
                #expect(Timestamp(iso: t.iso(in: zone), defaultZone: .china) == t)
            }
        }
        #expect(Timestamp(seconds: 1_798_761_599).iso(in: .china) == "2027-01-01T07:59:59+08:00")
        #expect(Timestamp(seconds: -1).iso(in: .utc) == "1969-12-31T23:59:59+00:00")
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
