import Testing
import BancheCore
@testable import BancheIO

@Suite struct RowParserTests {
    let today = CivilDate(year: 2026, month: 11, day: 24)!

    func known() -> KnownRecords {
        var k = KnownRecords()
        k.stops = ["TD100": .township, "TD101": .township, "PJ100": .factory, "RA01": .restArea, "DEP1": .depot]
        k.routes = ["TD-PJ": .toWork]
        return k
    }

    func parse(_ kind: ImportKind, _ text: String, known k: KnownRecords? = nil, replace: Bool = false) throws -> (ImportRows, [ImportIssue]) {
        let table = try CSVReader().parse(text, file: "\(kind.rawValue).csv")
        var p = RowParser(kind: kind, table: table, known: k ?? known(), replace: replace, today: today)
        let (rows, _) = p.parse()
        return (rows, p.issues)
    }

    @Test func chineseHeadersInAnyOrder() throws {
        let text = "上车点,姓名,身份证号,编号,方向,最早出行日期,下车点\nTD100,农秀英,451425199001011233,W1,返岗,2027/2/12,PJ100\n"
        let (rows, issues) = try parse(.workers, text)
        #expect(issues.isEmpty)
        guard case .workers(let w) = rows else { Issue.record("wrong kind"); return }
        #expect(w.count == 1)
        #expect(w[0].direction == .toWork)
        #expect(w[0].window.first == w[0].window.last)
    }

    @Test func everyBadRowIsReportedNotJustTheFirst() throws {
        let text = """
        worker_id,name,resident_id,direction,earliest_date,pickup_stop,dropoff_stop
        W1,甲,451425199001011234,to-work,2027-02-12,TD100,PJ100
        W2,乙,451425199001011233,to-work,2027-02-32,TD100,PJ100
        W3,丙,451425198505054566,to-work,2027-02-12,TD100,TD101

        """
        let (_, issues) = try parse(.workers, text)
        #expect(issues.map { "\($0.line):\($0.column)" } == ["2:3", "3:5", "4:7"])
    }

    @Test func replaceAllowsStoredIDs() throws {
        var k = known()
        k.workers = ["W1"]; k.workerResidentIDs = ["451425199001011233": "W1"]
        let text = "worker_id,name,resident_id,direction,earliest_date,pickup_stop,dropoff_stop\nW1,甲,451425199001011233,to-work,2027-02-12,TD100,PJ100\n"
        #expect(try parse(.workers, text, known: k).1.count == 1)
        #expect(try parse(.workers, text, known: k, replace: true).1.isEmpty)
    }

    @Test func emojiAndExtensionBNamesImport() throws {
        let text = "worker_id,name,resident_id,direction,earliest_date,pickup_stop,dropoff_stop\nW1,𠀀秀😀,451425199001011233,to-work,2027-02-12,TD100,PJ100\n"
        let (rows, issues) = try parse(.workers, text)
        #expect(issues.isEmpty)
        if case .workers(let w) = rows { #expect(w[0].name == "𠀀秀😀") }
    }

    @Test func phonesAndPlatesAreNormalised() {
        #expect(TextRules.mobile("+86 138-1234-5678") == "13812345678")
        #expect(TextRules.mobile("12812345678") == nil)
        #expect(TextRules.plate("桂F·12345") == "桂F12345")
        #expect(TextRules.plate("桂FD12345") == "桂FD12345") // new-energy plates have 6 characters after the letter
        #expect(TextRules.plate("XF12345") == nil)
    }

    @Test func stopsLegsRoutesBusesDrivers() throws {
        let (s, i1) = try parse(.stops, "stop_id,name,kind,latitude,longitude\nS1,某村,township,23.1,107.2\n")
        #expect(i1.isEmpty && s.count == 1)
        let (_, i2) = try parse(.legs, "from_stop,to_stop,distance_km,minutes\nTD100,TD100,5,10\n")
        #expect(i2.first?.message.contains("same as from_stop") == true)
        let (_, i3) = try parse(.routes, "route_id,name,direction,service_from,service_to,depart_earliest,depart_latest,rest_stops\nR,r,to-work,2027-02-11,2027-02-15,09:00,05:30,TD100\n")
        #expect(i3.map(\.column).sorted() == [7, 8])
        let (_, i4) = try parse(.buses, "bus_id,plate,seats,depot_stop,available_from,available_to\nB1,桂F12345,53,TD100,2027-02-08,2027-02-21\n")
        #expect(i4.first?.message.contains("a depot stop is needed") == true)
        let (d, i5) = try parse(.drivers, "driver_id,name,phone,licence_class,licence_expiry,available_from,available_to\nD1,韦,13912345678,a1,2030-01-01,2027-02-08,2027-02-21\n")
        #expect(i5.isEmpty && d.count == 1)
    }
}
