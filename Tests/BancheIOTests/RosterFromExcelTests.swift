import Foundation
import Testing
import BancheCore
@testable import BancheIO
import XLSXTestSupport

/// Rosters as offices keep them: Chinese headers and activities, Excel date-times, workbooks.
@Suite struct RosterFromExcelTests {
    func parse(_ text: String) throws -> ([DutyRecord], [String]) {
        let (r, i) = RosterCSV.parse(try CSVReader().parse(text, file: "r.csv"), zone: RosterCSV.fileZone)
        return (r, i.map(\.description))
    }

    let at0530 = Timestamp(iso: "2027-02-13T05:30+08:00", defaultZone: .utc)!
    let at0930 = Timestamp(iso: "2027-02-13T09:30+08:00", defaultZone: .utc)!

    @Test func chineseHeadersAndActivities() throws {
        let (r, issues) = try parse("序号,驾驶员编号,活动,开始,结束,车辆编号,班次,里程,地点\n1,D1,驾驶,2027/2/13 5:30,2027/2/13 9:30,B1,T1,400,\n2,D1,间歇,2027/2/13 9:30,2027/2/13 9:50,B1,T1,400,RA01\n3,D1,休息,2027年2月13日 9:50,2027-2-13 18:00,,,,\n")
        #expect(issues.isEmpty, "\(issues)")
        #expect(r.map(\.activity) == [.drive, .break, .rest])
        #expect(r[0].start == at0530 && r[0].end == at0930 && r[0].vehicleID == "B1" && r[0].tripKm == 400)
        #expect(r[1].place == "RA01")
        #expect(RosterCSV.hasPlaces(try CSVReader().parse("驾驶员编号,活动,开始,结束,地点\n", file: "r.csv")))
    }

    @Test(arguments: [
        ("2027-02-13T05:30", true), ("2027-02-13 05:30", true), ("2027/2/13 5:30", true), ("2027/02/13 05:30:00", true),
        ("2027年2月13日 5:30", true), ("46431.2291666667", true), ("2027-02-13T05:30+08:00", true), ("2027-02-12T21:30Z", true),
        ("２０２７/２/１３ ５:３０", true), ("2027/2/13", false), ("5:30", false), ("2027/2/13 25:30", false),
    ])
    func timesAsExcelWritesThem(_ text: String, _ ok: Bool) throws {
        let (r, issues) = try parse("driver_id,activity,start,end\nD1,drive,\(text),2027-02-13T09:30\n")
        if ok {
            #expect(issues.isEmpty, "\(issues)")
            #expect(r.first?.start == at0530)
        } else {
            #expect(issues == ["r.csv:2:3: start \"\(text)\" is not a time such as 2027-02-13T05:30+08:00 or 2027/2/13 5:30"])
        }
    }

    @Test func aWholeSerialIsMidnight() throws {
        let (r, issues) = try parse("driver_id,activity,start,end\nD1,rest,46431,46431.2291666667\n")
        #expect(issues.isEmpty)
        #expect(r.first?.start == Timestamp(iso: "2027-02-13T00:00+08:00", defaultZone: .utc) && r.first?.end == at0530)
    }

    /// One zone for every profile: a roster checked under eu-561 reads 05:30 as 05:30 at +08:00.
    @Test func timesWithoutOffsetAreChinaTimeForEveryProfile() {
        #expect(RosterCSV.fileZone == .china)
        #expect(RuleProfile.eu561.zone != RosterCSV.fileZone) // the profile's own zone is not used for reading
    }

    @Test func unknownActivityAndColumn() throws {
        let (_, issues) = try parse("驾驶员编号,活动,开始,结束,天气\nD1,开车,2027/2/13 5:30,2027/2/13 9:30,晴\n")
        #expect(issues == ["r.csv:1:5: unknown column \"天气\"; a roster takes: driver_id, activity, start, end, vehicle_id, trip_id, trip_km, relay, service, place (or 驾驶员编号, 活动, 开始, 结束 …)"])
        let (_, bad) = try parse("驾驶员编号,活动,开始,结束\nD1,开车,2027/2/13 5:30,2027/2/13 9:30\n")
        #expect(bad == ["r.csv:2:2: activity \"开车\" must be one of drive, break, other_work, available, rest (驾驶, 间歇, 其他工作, 待命, 休息)"])
    }

    @Test func aRosterWorkbookWithDateTimeCells() throws {
        let path = try xlsxTempPath("roster.xlsx")
        try TestWorkbook([
            ["驾驶员编号", "活动", "开始", "结束"].map { .text($0) },
            [.text("D1"), .text("驾驶"), .formatted(46431.229166666664, format: 22), .formatted(46431.395833333336, format: 22)],
            [.text("D1"), .text("间歇"), .formatted(46431.395833333336, format: 22), .text("2027/2/13 9:50")],
            [.text("D1"), .text("驾驶"), .number(46431.40972222222), .text("2027/2/13 25:00")],
        ]).write(to: path)
        let (r, issues) = RosterCSV.parse(try TableReader().read(path: path, displayName: "roster.xlsx"), zone: RosterCSV.fileZone)
        #expect(issues.map(\.description) == ["roster.xlsx:Sheet1!D4: end \"2027/2/13 25:00\" is not a time such as 2027-02-13T09:30+08:00 or 2027/2/13 9:30"])
        #expect(r.count == 2 && r[0].start == at0530 && r[0].end == at0930)
    }
}
