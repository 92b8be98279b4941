import Testing
import BancheCore
@testable import BancheIO

/// Divisions, home townships checked against them, stops given by name.
@Suite struct PlaceNamesTests {
    let today = CivilDate(year: 2026, month: 11, day: 24)!

    func known(divisions: Bool) -> KnownRecords {
        var k = KnownRecords()
        k.stops = ["TD100": .township, "TD101": .township, "PJ100": .factory]
        k.stopNames = ["天等镇上车点": "TD100", "龙茗镇上车点": "TD101", "蓬江工业园": "PJ100"]
        if divisions {
            for (c, n) in [("451425100", "天等镇"), ("451425101", "龙茗镇"), ("451425206", "上映乡"), ("451425200", "都康乡")] { k.divisionNames[n] = c; k.divisions.insert(c) }
        }
        return k
    }

    func parse(_ kind: ImportKind, _ text: String, divisions: Bool = true, replace: Bool = false) throws -> (rows: ImportRows, issues: [String], notes: [String], warnings: [String]) {
        var p = RowParser(kind: kind, table: try CSVReader().parse(text, file: "\(kind.rawValue).csv"), known: known(divisions: divisions), replace: replace, today: today)
        let (rows, _) = p.parse()
        return (rows, p.issues.map(\.description), p.notes, p.warnings)
    }

    static let header = "worker_id,name,resident_id,direction,earliest_date,pickup_stop,dropoff_stop,home_township"
    func worker(township: String, pickup: String = "TD100", dropoff: String = "PJ100") -> String {
        "\(Self.header)\nW1,农秀英,451425199001011233,to-work,2027-02-12,\(pickup),\(dropoff),\(township)\n"
    }

    @Test func divisionsParse() throws {
        let r = try parse(.divisions, "code,name,parent\n451425,天等县,451400\n451425206,上映乡,451425\n４５１４２５２０８,小山乡,\n", divisions: false)
        #expect(r.issues.isEmpty, "\(r.issues)")
        guard case .divisions(let d) = r.rows else { Issue.record("kind"); return }
        #expect(d == [Division(code: "451425", name: "天等县", parent: "451400"), Division(code: "451425206", name: "上映乡", parent: "451425"),
                      Division(code: "451425208", name: "小山乡", parent: nil)])
    }

    @Test func badDivisions() throws {
        let r = try parse(.divisions, "区划代码,名称,上级代码\n4514,天等县,\n451425206,上映乡,45\n451425206,上映乡,451425\n451425100,天等镇,451425\n", divisions: true)
        #expect(r.issues == [
            "divisions.csv:2:1: code \"4514\" must be 6, 9 or 12 digits (GB/T 2260 and its township extension)",
            "divisions.csv:3:3: parent \"45\" must be 6, 9 or 12 digits (GB/T 2260 and its township extension)",
            "divisions.csv:4:1: division 451425206 is already in the database; use --replace to update it",
            "divisions.csv:5:1: division 451425100 is already in the database; use --replace to update it",
        ])
        let twice = try parse(.divisions, "code,name\n451425300,甲乡\n451425300,乙乡\n", divisions: false)
        #expect(twice.issues == ["divisions.csv:3:1: division 451425300 appears twice in this file (also line 2)"])
    }

    @Test func aTownshipOnTheListIsTaken() throws {
        let r = try parse(.workers, worker(township: "上映乡"))
        #expect(r.issues.isEmpty && r.warnings.isEmpty)
    }

    @Test(arguments: [("上映", "上映乡"), ("上映镇", "上映乡"), ("天等", "天等镇"), ("都康乡政府", "都康乡"), ("龙茗乡", "龙茗镇")])
    func aNearTownshipIsRefusedWithTheName(_ written: String, _ meant: String) throws {
        let r = try parse(.workers, worker(township: written))
        #expect(r.issues == ["workers.csv:2:8: home_township \"\(written)\" is not in the divisions list; did you mean \(meant)?"])
    }

    @Test func aFarTownshipIsTakenWithAWarning() throws {
        let r = try parse(.workers, worker(township: "靖西市新靖镇"))
        #expect(r.issues.isEmpty)
        #expect(r.warnings == ["workers.csv:2:8: home_township \"靖西市新靖镇\" is not in the divisions list (imported as written)"])
    }

    @Test func withoutAListAnyTownshipIsTaken() throws {
        let r = try parse(.workers, worker(township: "上映"), divisions: false)
        #expect(r.issues.isEmpty && r.warnings.isEmpty)
    }

    @Test func aStopByNameOrInAnotherCaseIsResolved() throws {
        let r = try parse(.workers, worker(township: "", pickup: "天等镇上车点", dropoff: "pj100"))
        #expect(r.issues.isEmpty, "\(r.issues)")
        guard case .workers(let w) = r.rows else { Issue.record("kind"); return }
        #expect(w[0].pickupStop == "TD100" && w[0].dropoffStop == "PJ100")
        #expect(r.notes == ["workers.csv: dropoff_stop given by name or in another case, read as the stop's id: pj100 → PJ100",
                            "workers.csv: pickup_stop given by name or in another case, read as the stop's id: 天等镇上车点 → TD100"])
    }

    @Test func aNearStopIsSuggested() throws {
        #expect(try parse(.workers, worker(township: "", pickup: "TD1000")).issues == ["workers.csv:2:6: pickup_stop \"TD1000\" is not a known stop; did you mean TD100?"])
        #expect(try parse(.workers, worker(township: "", pickup: "龙茗镇")).issues == ["workers.csv:2:6: pickup_stop \"龙茗镇\" is not a known stop; did you mean TD101 (龙茗镇上车点)?"])
        // Equally near two stops: no guess.
        #expect(try parse(.workers, worker(township: "", pickup: "TD10")).issues == ["workers.csv:2:6: pickup_stop \"TD10\" is not a known stop; import stops.csv first or fix the id"])
        // A name two stops share is not resolved.
        var k = known(divisions: false)
        k.stopNames["上车点"] = .some(nil)
        var p = RowParser(kind: .workers, table: try CSVReader().parse(worker(township: "", pickup: "上车点"), file: "w.csv"), known: k, replace: false, today: today)
        _ = p.parse()
        #expect(p.issues.first?.message.hasPrefix("pickup_stop \"上车点\" is not a known stop") == true)
    }
}
