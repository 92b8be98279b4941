import Foundation
import Testing
import XLSXTestSupport

/// `roster check` on rosters as offices keep them.
@Suite struct RosterExcelCLITests {
    static let rows = [("D1", "drive", "2027-02-13T06:00", "2027-02-13T10:50"), ("D1", "break", "2027-02-13T10:50", "2027-02-13T11:40")]

    /// Times without an offset are China time under every profile: the same roster with
    /// `+08:00` written out gives the same verdict, to the minute, under eu-561.
    @Test func timesWithoutOffsetAreReadAtPlus8ForEveryProfile() throws {
        let dir = try CLI.tempDir()
        func write(_ name: String, suffix: String) throws -> String {
            let text = "driver_id,activity,start,end\n" + Self.rows.map { "\($0.0),\($0.1),\($0.2)\(suffix),\($0.3)\(suffix)\n" }.joined()
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
            return dir + "/" + name
        }
        let plain = try write("plain.csv", suffix: ""), explicit = try write("explicit.csv", suffix: "+08:00"), utc = try write("utc.csv", suffix: "Z")
        for profile in ["eu-561", "cn-passenger"] {
            let a = try CLI.run(["roster", "check", plain, "--profile", profile, "--format", "json", "--db", dir + "/none.sqlite"])
            let b = try CLI.run(["roster", "check", explicit, "--profile", profile, "--format", "json", "--db", dir + "/none.sqlite"])
            #expect(a.stdout == b.stdout && a.status == b.status, "\(profile)")
        }
        // The eu-561 verdict names the stint's start, so reading the times at UTC would show.
        let eu = try CLI.run(["roster", "check", plain, "--profile", "eu-561", "--format", "json", "--db", dir + "/none.sqlite"])
        let euUTC = try CLI.run(["roster", "check", utc, "--profile", "eu-561", "--format", "json", "--db", dir + "/none.sqlite"])
        #expect(eu.status == 1, "\(eu.stdout)")
        #expect(eu.stdout != euUTC.stdout)
    }

    @Test func aChineseWorkbookRoster() throws {
        let dir = try CLI.tempDir()
        let path = dir + "/排班.xlsx"
        try TestWorkbook([
            [.text("2027年春运排班表")],
            ["驾驶员编号", "活动", "开始", "结束"].map { .text($0) },
            [.text("D1"), .text("驾驶"), .formatted(46431.25, format: 22), .formatted(46431.4375, format: 22)],
            [.text("D1"), .text("间歇"), .text("2027/2/13 10:30"), .text("2027/2/13 10:50")],
        ]).write(to: path)
        // 4 h 30 min at the wheel from 06:00: over the 4-hour daytime limit.
        let r = try CLI.run(["roster", "check", path, "--db", dir + "/none.sqlite", "--format", "json"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("2027-02-13T06:00"), "\(r.stdout)")
        try TestWorkbook([
            ["驾驶员编号", "活动", "开始", "结束"].map { .text($0) },
            [.text("D1"), .text("驾驶"), .formatted(46431.25, format: 22), .formatted(46431.416666666664, format: 22)],
            [.text("D1"), .text("间歇"), .text("2027/2/13 10:00"), .text("2027/2/13 10:20")],
        ]).write(to: path)
        let ok = try CLI.run(["roster", "check", path, "--db", dir + "/none.sqlite"])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
    }
}
