import Foundation
import Testing

/// The Chinese interface: the language follows --lang, then LC_ALL and LANG; it changes human
/// text only — JSON, codes, exit statuses and FILE:LINE:COLUMN: prefixes stay the same.
@Suite struct LanguageCLITests {
    @Test func helpFollowsLangAndTheOption() throws {
        let zh = try CLI.run(["plan", "--help"], env: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.status == 0 && zh.stdout.contains("给每位务工人员安排车辆、座位和上车点") && zh.stdout.contains("只排车并显示，不保存方案版本"))
        let en = try CLI.run(["plan", "--help"])
        #expect(en.stdout.contains("Assign every worker to a bus") && !en.stdout.contains("只排车"))
        // --lang beats the environment, anywhere on the line, and is not an option of the command.
        let forced = try CLI.run(["plan", "--help", "--lang", "en"], env: ["LC_ALL": "zh_CN.UTF-8"])
        #expect(forced.stdout.contains("Assign every worker to a bus"))
        let root = try CLI.run(["--lang=zh", "--help"])
        #expect(root.stdout.contains("退出状态") && root.stdout.contains("给每位务工人员安排车辆"))
        let bad = try CLI.run(["--lang", "fr", "init", "--db", try CLI.tempDir() + "/x.sqlite"])
        #expect(bad.status == 2 && bad.stderr.contains("--lang must be zh or en"))
    }

    @Test func planSpeaksChineseAndItsJSONDoesNot() throws {
        let db = try CLI.fixtureDatabase()
        let args = ["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--dry-run", "--db", db]
        let en = try CLI.run(args), zh = try CLI.run(args + ["--lang", "zh"])
        #expect(en.status == zh.status)
        #expect(en.stdout.contains("workers placed    619") && !en.stdout.contains("已安排"))
        #expect(zh.stdout.contains("已安排人数    619") && zh.stdout.contains("排车方案（试排，未保存）") && !zh.stdout.contains("workers placed"))
        // The bound not reached: what it leaves out, in each language.
        #expect(en.stdout.contains("lower bound 12 (the bound counts seats") && zh.stdout.contains("理论下限 12（下限只计座位"))
        let jsonEN = try CLI.run(args + ["--format", "json"]), jsonZH = try CLI.run(args + ["--format", "json"], env: ["LANG": "zh_CN.UTF-8"])
        #expect(jsonEN.stdout == jsonZH.stdout && !jsonEN.stdout.isEmpty)
    }

    @Test func theDirectionTakesTheWordsTheFilesTake() throws {
        let db = try CLI.fixtureDatabase()
        let base = ["plan", "--dates", "2027-02-11..2027-02-15", "--dry-run", "--format", "json", "--db", db]
        let english = try CLI.run(base + ["--direction", "to-work"])
        for word in ["返岗", "节后返岗", "节后接", "TO-WORK"] {
            let r = try CLI.run(base + ["--direction", word])
            #expect(r.status == english.status && r.stdout == english.stdout, "\(word): \(r.stderr)")
        }
        let home = try CLI.run(base + ["--direction", "返乡"])
        #expect(home.stdout.contains("\"direction\" : \"to-home\""))
        let wrong = try CLI.run(base + ["--direction", "回家"])
        #expect(wrong.status == 2)
    }

    @Test func errorsKeepTheirPositionPrefixAndExitStatus() throws {
        let dir = try CLI.tempDir()
        let db = dir + "/banche.sqlite"
        try #require(try CLI.run(["init", "--db", db]).status == 0)
        let bad = dir + "/stops.csv"
        try "stop_id,name,kind,latitude,longitude\nTD1,天等镇,township,123,107\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let en = try CLI.run(["import", "stops", bad, "--db", db]), zh = try CLI.run(["import", "stops", bad, "--db", db, "--lang", "zh"])
        #expect(en.status == 2 && zh.status == 2)
        let prefix = "\(bad):2:4: "
        #expect(en.stderr.contains(prefix) && zh.stderr.contains(prefix))
        #expect(en.stderr.contains("banche: 1 error; nothing was imported"))
        #expect(zh.stderr.contains("banche：1 处错误；什么都没有导入"))
        let noTrip = try CLI.run(["board", "status", "--trip", "NOPE", "--db", db], env: ["LANG": "zh_CN.UTF-8"])
        #expect(noTrip.status == 2 && noTrip.stderr.contains("任何方案版本中都没有班次 NOPE"))
    }

    @Test func boardStatusNamesPassengersWithAMaskedIDNumber() throws {
        let env = ["BANCHE_NOW": "2027-02-13T05:20:00+08:00"]
        let (db, trip, people) = try CLI.plannedFixtureTrip(env: env)
        let en = try CLI.run(["board", "status", "--trip", trip, "--db", db], env: env)
        #expect(en.status == 1)
        // "  W00038 谭梅林 451425********0196  pending": id, name, masked ID number.
        let line = try #require(en.stdout.split(separator: "\n").first { $0.hasPrefix("  \(people[0]) ") })
        #expect(line.contains("********") && line.hasSuffix("pending"))
        #expect(try Regex(#"^  W\d+ \p{Han}+ \d{6}\*{8}[\dX]{4}  pending$"#).wholeMatch(in: String(line)) != nil, "\(line)")
        let zh = try CLI.run(["board", "status", "--trip", trip, "--db", db, "--lang", "zh"], env: env)
        #expect(zh.stdout.contains("人待查") && zh.stdout.contains(String(line.dropLast("pending".count)) + "待查"))
        #expect(zh.stdout.contains("      实名制核验：尚未记录") && en.stdout.contains("      实名制核验 real-name ID check against the manifest: not recorded yet"))
        // No full ID number anywhere.
        #expect(try Regex(#"\d{17}[\dX]"#).firstMatch(in: en.stdout + zh.stdout) == nil)
    }

    @Test func planNamesTheUnplaced() throws {
        let db = try CLI.fixtureDatabase()
        // One day only, half-full buses: some are left over, each with a name and masked ID number.
        let r = try CLI.run(["plan", "--direction", "返岗", "--dates", "2027-02-11..2027-02-15", "--occupancy", "0.2", "--dry-run", "--db", db])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").filter { $0.hasPrefix("    W") }
        #expect(!lines.isEmpty)
        for l in lines { #expect(try Regex(#"^    W\d+ \p{Han}+ \d{6}\*{8}[\dX]{4}  [a-z_-]+  "#).firstMatch(in: String(l)) != nil, "\(l)") }
        // In Chinese the reason sentence is Chinese; the code stays.
        let zh = try CLI.run(["plan", "--direction", "返岗", "--dates", "2027-02-11..2027-02-15", "--occupancy", "0.2", "--dry-run", "--db", db, "--lang", "zh"])
        let first = try #require(zh.stdout.split(separator: "\n").first { $0.hasPrefix("    W") })
        #expect(first.contains("  pickup_limits  ") || first.contains("  no_bus_in_window  "))
        #expect(first.contains("此人可走的日期里") && !first.contains("the buses"), "\(first)")
        #expect(zh.stdout.contains("  未安排（原因：人数）"))
    }

    @Test func findAndPlansSpeakChinese() throws {
        let db = try CLI.fixtureDatabase()
        _ = try CLI.run(["plan", "--direction", "to-work", "--dates", "2027-02-11..2027-02-15", "--db", db])
        let en = try CLI.run(["find", "W00012", "--db", db]), zh = try CLI.run(["find", "W00012", "--db", db, "--lang", "zh"])
        #expect(en.stdout.contains("to-work 2027-") && en.stdout.contains("  plan v1: trip TD-PJ-") && en.stdout.hasSuffix("— planned\n"))
        #expect(zh.stdout.contains("节后返岗 2027-") && zh.stdout.contains("  方案第 1 版：班次 TD-PJ-") && zh.stdout.hasSuffix("——已排车\n"))
        #expect(try Regex(#"\d{17}[\dX]"#).firstMatch(in: zh.stdout) == nil)
        let none = try CLI.run(["find", "不存在的人", "--db", db], env: ["LANG": "zh_CN.UTF-8"])
        #expect(none.status == 1 && none.stdout.contains("没有找到与“不存在的人”相符的人"))
        let plans = try CLI.run(["plans", "--db", db, "--lang", "zh"])
        #expect(plans.stdout.hasPrefix("版本     创建时间"))
        let season = try CLI.run(["report", "season", "--db", db], env: ["LANG": "zh_CN.UTF-8"])
        #expect(season.stdout.hasPrefix("共16辆车、16趟次，运送务工人员619人，其中脱贫人口290人。\n座位利用率 "))
        #expect(season.stdout.contains("按乡镇：") && season.stdout.contains("  节后返岗  ") && !season.stdout.contains("By township"))
        let seasonEN = try CLI.run(["report", "season", "--db", db])
        #expect(seasonEN.stdout.hasPrefix("16 buses carried 619 workers") && seasonEN.stdout.contains("By township:"))
        let json = try CLI.run(["report", "season", "--format", "json", "--db", db])
        #expect(json.stdout == (try CLI.run(["report", "season", "--format", "json", "--db", db, "--lang", "zh"])).stdout)
    }
}

@Suite struct RosterNamesCLITests {
    @Test func rosterCheckNamesTheDriverWithAMaskedIDNumber() throws {
        let db = try CLI.fixtureDatabase()
        let roster = try CLI.tempDir() + "/roster.csv"
        // Six hours at the wheel by day: over the 4-hour limit.
        try "driver_id,activity,start,end\nD001,drive,2027-02-13T05:30+08:00,2027-02-13T11:30+08:00\n".write(toFile: roster, atomically: true, encoding: .utf8)
        let en = try CLI.run(["roster", "check", roster, "--db", db])
        #expect(en.status == 1)
        #expect(en.stdout.contains("  D001 农秀国 451425********7097  2027-02-13T05:30:00+08:00"), "\(en.stdout)")
        #expect(!en.stdout.contains("451425199508137097"))
        let zh = try CLI.run(["roster", "check", roster, "--db", db, "--lang", "zh"])
        #expect(zh.status == 1 && zh.stdout.contains("驾驶员排班检查") && zh.stdout.contains("D001 农秀国 451425********7097"))
        #expect(zh.stdout.contains("CN-CONT-DAY") && zh.stdout.contains("      白天连续驾驶超过上限") && zh.stdout.contains("6 小时 00 分（上限 4 小时 00 分）"))
        #expect(!en.stdout.contains("白天") && en.stdout.contains("6 h 00 min (limit 4 h 00 min)"))
        // Without a database there is no name to give: the id alone.
        let bare = try CLI.run(["roster", "check", roster, "--db", "/nonexistent/banche.sqlite"])
        #expect(bare.status == 1 && bare.stdout.contains("  D001  2027-02-13"))
        let json = try CLI.run(["roster", "check", roster, "--db", db, "--format", "json"])
        #expect(!json.stdout.contains("农秀国"))
    }
}
