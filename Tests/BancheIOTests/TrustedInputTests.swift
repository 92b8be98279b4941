import Foundation
import Testing
import BancheCore
@testable import BancheIO

/// Issue #10, input side: what an import refuses, where it says so, and how fast.
@Suite struct TrustedInputTests {
    let today = CivilDate(year: 2026, month: 11, day: 24)!
    let workersHeader = "worker_id,name,resident_id,phone,household_id,direction,earliest_date,latest_date,pickup_stop,dropoff_stop,employer,home_township,priority,route_id\n"

    func known() -> KnownRecords {
        var k = KnownRecords()
        k.stops = ["TD100": .township, "PJ100": .factory, "RA01": .restArea, "DEP1": .depot]
        k.routes = ["TD-PJ": .toWork]
        return k
    }

    func parse(_ kind: ImportKind, _ text: String) throws -> (ImportRows, [ImportIssue]) {
        var p = RowParser(kind: kind, table: try CSVReader().parse(text, file: "\(kind.rawValue).csv"), known: known(), replace: false, today: today)
        let (rows, _) = p.parse()
        return (rows, p.issues)
    }

    /// One worker row with `cells` overriding the defaults.
    func worker(_ cells: [String: String]) -> String {
        let d = ["worker_id": "W1", "name": "农秀英", "resident_id": "451425199001011233", "phone": "", "household_id": "",
                 "direction": "to-work", "earliest_date": "2027-02-12", "latest_date": "", "pickup_stop": "TD100", "dropoff_stop": "PJ100",
                 "employer": "", "home_township": "", "priority": "", "route_id": ""].merging(cells) { $1 }
        let cols = workersHeader.dropLast().split(separator: ",").map(String.init)
        return workersHeader + cols.map { c in
            let v = d[c]!
            return v.contains(",") || v.contains("\"") ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
        }.joined(separator: ",") + "\n"
    }

    func tempFile(_ name: String) throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("banche-io-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d + "/" + name
    }

    // 1. An unclosed quote is reported where it opened, even when the field limit stops the reading.

    @Test func strayQuoteFollowedByMuchDataNamesItsLine() throws {
        let rows = (0..<2000).map { "W\($0),农秀英,451425199001011233" }.joined(separator: "\n")
        let text = "a,b,c\n" + String(repeating: "x,y,z\n", count: 99) + "W,\"stray,z\n" + rows + "\n"
        #expect { try CSVReader().parse(text, file: "f.csv") } throws: { e in
            guard let e = e as? CSVSyntaxError else { return false }
            return e.line == 101 && e.column == 2 && e.message.contains("a quoted field opened here is never closed (or is longer than 65536 bytes)")
        }
    }

    // 2. The reader streams: a huge one-line file is refused after reading one field's worth.

    @Test func twentyMegabyteLineIsRefusedQuickly() throws {
        let path = try tempFile("huge.csv")
        var block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        FileManager.default.createFile(atPath: path, contents: Data("a\n\"".utf8))
        let h = try #require(FileHandle(forWritingAtPath: path))
        try h.seekToEnd()
        for _ in 0..<20 { h.write(block) }
        try h.close()
        block = Data()
        let t0 = Date()
        #expect { try CSVReader().read(path: path, displayName: "huge.csv") } throws: { e in
            guard let e = e as? CSVSyntaxError else { return false }
            return e.line == 2 && e.column == 1 && e.message.contains("never closed")
        }
        #expect(Date().timeIntervalSince(t0) < 0.3, "took \(Date().timeIntervalSince(t0)) s")

        let plain = try tempFile("plain.csv")
        FileManager.default.createFile(atPath: plain, contents: Data("a,b\n1,".utf8) + Data(repeating: UInt8(ascii: "y"), count: 20 << 20))
        let t1 = Date()
        #expect { try CSVReader().read(path: plain, displayName: "plain.csv") } throws: { e in
            (e as? CSVSyntaxError).map { $0.line == 2 && $0.column == 2 && $0.message.contains("longer than 65536 bytes") } ?? false
        }
        #expect(Date().timeIntervalSince(t1) < 0.3, "took \(Date().timeIntervalSince(t1)) s")
    }

    @Test func streamingReaderMatchesTheTextParser() throws {
        let text = "a,b,c\r\n1,\"x, y\",\"line1\r\nline2\"\r\n\r\n2,\"say \"\"hi\"\"\",  z \r\n3,𠀾秀😀,👩‍🔧\n"
        let path = try tempFile("s.csv")
        for chunk in [7, 64, 1 << 16] {
            var r = CSVReader(); r.chunkBytes = chunk
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let a = try r.read(path: path, displayName: "s.csv"), b = try CSVReader().parse(text, file: "s.csv")
            #expect(a.header == b.header && a.rows.map(\.fields) == b.rows.map(\.fields) && a.rows.map(\.line) == b.rows.map(\.line))
            let gb = try #require(text.data(using: TextEncoding.gb18030Foundation))
            try gb.write(to: URL(fileURLWithPath: path))
            let c = try r.read(path: path, displayName: "s.csv")
            #expect(c.encoding == .gb18030 && c.rows.map(\.fields) == b.rows.map(\.fields))
        }
        var utf16 = Data([0xFF, 0xFE]); utf16.append(text.data(using: .utf16LittleEndian)!)
        try utf16.write(to: URL(fileURLWithPath: path))
        #expect(try CSVReader().read(path: path).rows.map(\.fields) == CSVReader().parse(text, file: "s").rows.map(\.fields))
    }

    @Test func invalidBytesAreLocatedWhileStreaming() throws {
        let path = try tempFile("bad.csv")
        try (Data("a,b\n1,2\n3,".utf8) + Data([0xFF, 0xFF]) + Data("\n".utf8)).write(to: URL(fileURLWithPath: path))
        #expect { try CSVReader().read(path: path, encoding: .utf8, displayName: "bad.csv") } throws: { e in
            (e as? DecodingFailure).map { $0.line == 3 && $0.column == 2 } ?? false
        }
    }

    // 4. Invisible characters.

    @Test func invisibleCharactersInIdentifiersAreRefused() throws {
        for ch in ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{200E}", "\u{200F}", "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{061C}"] {
            let (_, issues) = try parse(.workers, worker(["worker_id": "W\(ch)1"]))
            #expect(issues.first.map { $0.column == 1 && $0.message.contains("invisible control character U+") } == true, "\(issues)")
        }
    }

    @Test func invisibleCharactersInTextAreRefusedButJoinedEmojiImport() throws {
        for ch in ["\u{200B}", "\u{2060}", "\u{202E}", "\u{2067}"] {
            let (_, issues) = try parse(.workers, worker(["name": "李\(ch)春梅"]))
            #expect(issues.first.map { $0.column == 2 && $0.message.contains("invisible") } == true, "\(issues)")
        }
        let (_, joinedHan) = try parse(.workers, worker(["employer": "江门\u{200D}电子厂"]))
        #expect(joinedHan.first?.message.contains("U+200D") == true)
        let (rows, issues) = try parse(.workers, worker(["name": "秀👩‍🔧👨‍👩‍👧", "employer": "मित्र\u{200D}क्ष"]))
        #expect(issues.isEmpty, "\(issues)")
        if case .workers(let w) = rows { #expect(w.first?.name == "秀👩‍🔧👨‍👩‍👧") }
    }

    @Test func byteOrderMarkInsideTheFileIsRefusedWithItsPosition() throws {
        let text = workersHeader + "W1,农秀英,451425199001011233,,,to-work,2027-02-12,,TD100,PJ100,,,,\n\u{FEFF}W1,农秀英,451425199001011233,,,to-work,2027-02-12,,TD100,PJ100,,,,\n"
        #expect { try CSVReader().parse(text, file: "w.csv") } throws: { e in
            (e as? CSVSyntaxError).map { $0.line == 3 && $0.column == 1 && $0.message.contains("U+FEFF") } ?? false
        }
        let path = try tempFile("w.csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect { try CSVReader().read(path: path, displayName: "w.csv") } throws: { e in
            (e as? CSVSyntaxError).map { $0.line == 3 && $0.column == 1 } ?? false
        }
    }

    // 5. Identifiers that become file names.

    @Test func identifiersCannotWalkOutOfAFolder() throws {
        let (_, r) = try parse(.routes, "route_id,name,direction,service_from,service_to,depart_earliest,depart_latest\nTD/../../x,r,to-work,2027-02-11,2027-02-15,05:30,09:00\n")
        #expect(r.first.map { $0.line == 2 && $0.column == 1 && $0.message.contains("must not contain") } == true, "\(r)")
        for bad in ["..", "a..b", "a\\b", "a/b", "W\u{7}1"] {
            let (_, w) = try parse(.workers, worker(["worker_id": bad]))
            #expect(w.first?.column == 1, "\(bad): \(w)")
            let (_, h) = try parse(.workers, worker(["household_id": bad]))
            #expect(h.first?.column == 5, "\(bad): \(h)")
        }
        let (_, s) = try parse(.stops, "stop_id,name,kind,latitude,longitude\nS/1,村,township,23.1,107.2\n")
        #expect(s.first?.column == 1)
        let (_, ok) = try parse(.workers, worker(["worker_id": "W-2027.001_a", "household_id": "H.1"]))
        #expect(ok.isEmpty, "\(ok)")
    }

    // 6. A resident ID number used as a worker or household id.

    @Test func residentIDAsWorkerIDIsRefusedAndNotEchoed() throws {
        let (_, w) = try parse(.workers, worker(["worker_id": "451425199505051239"]))
        #expect(w.first.map { $0.column == 1 && $0.message.contains("own numbering") && !$0.message.contains("451425199505051239") } == true, "\(w)")
        let (_, h) = try parse(.workers, worker(["household_id": "451425199505051239"]))
        #expect(h.first.map { $0.column == 5 && $0.message.contains("own numbering") && !$0.message.contains("199505051239") } == true, "\(h)")
    }

    // 7. Dates.

    @Test func datesOutsideTheSaneYearsAndLongWindowsAreRefused() throws {
        let (_, a) = try parse(.workers, worker(["earliest_date": "2027-02-12", "latest_date": "9999-12-31"]))
        #expect(a.first.map { $0.column == 8 && $0.message.contains("year 9999") } == true, "\(a)")
        let (_, b) = try parse(.workers, worker(["earliest_date": "2027-02-12", "latest_date": "2028-02-14"]))
        #expect(b.first.map { $0.column == 8 && $0.message.contains("more than 366 days") } == true, "\(b)")
        let (_, c) = try parse(.routes, "route_id,name,direction,service_from,service_to,depart_earliest,depart_latest\nR,r,to-work,1066-10-14,2027-02-15,05:30,09:00\n")
        #expect(c.first.map { $0.column == 4 && $0.message.contains("year 1066") } == true, "\(c)")
    }

    // 8. Numbers.

    @Test func nonFiniteHexAndOutlandishNumbersAreRefused() throws {
        for bad in ["NaN", "inf", "-inf", "infinity", "0x1p3", "1e999"] {
            let (_, s) = try parse(.stops, "stop_id,name,kind,latitude,longitude\nS1,村,township,\(bad),107.2\n")
            #expect(s.first?.column == 4, "\(bad): \(s)")
            let (_, l) = try parse(.legs, "from_stop,to_stop,distance_km,minutes\nTD100,RA01,\(bad),35\n")
            #expect(l.first?.column == 3, "\(bad): \(l)")
        }
        let (_, l) = try parse(.legs, "from_stop,to_stop,distance_km,minutes\nTD100,RA01,5000.5,35\n")
        #expect(l.first?.column == 3)
        let (_, m) = try parse(.legs, "from_stop,to_stop,distance_km,minutes\nTD100,RA01,50,-3\n")
        #expect(m.first?.column == 4)
    }

    // 9. No full ID number or phone in any message, whatever column it was typed in.

    @Test func personalDataIsMaskedInEveryEcho() throws {
        let id = "451425198301260157", phone = "13812345678"
        var texts: [(ImportKind, String)] = []
        for col in ["worker_id", "household_id", "direction", "earliest_date", "latest_date", "pickup_stop", "dropoff_stop", "priority", "route_id"] {
            texts.append((.workers, worker([col: id])))
            // A phone-like worker or household id is allowed (it is no ID number).
            if col != "worker_id" && col != "household_id" { texts.append((.workers, worker([col: phone]))) }
        }
        texts.append((.workers, "worker_id,\(id)\n"))
        texts.append((.stops, "stop_id,name,kind,latitude,longitude,division_code\nS1,村,\(id),\(id),\(phone),\(id)\n"))
        texts.append((.buses, "bus_id,plate,seats,available_from,available_to\nB1,\(phone),\(id),2027-02-08,2027-02-21\n"))
        texts.append((.drivers, "driver_id,name,phone,licence_class,licence_expiry,available_from,available_to\nD1,韦,13912345678,\(id),2030-01-01,2027-02-08,2027-02-21\n"))
        texts.append((.routes, "route_id,name,direction,service_from,service_to,depart_earliest,depart_latest,rest_stops\nR,r,to-work,2027-02-11,2027-02-15,\(phone),09:00,\(id)\n"))
        for (kind, text) in texts {
            let (_, issues) = try parse(kind, text)
            #expect(!issues.isEmpty, "\(text)")
            for i in issues {
                #expect(i.description.firstRange(of: /[0-9]{11}/) == nil, "\(i)")
            }
        }
    }
}
