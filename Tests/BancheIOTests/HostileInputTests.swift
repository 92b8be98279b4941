import Foundation
import Testing
import BancheCore
@testable import BancheIO

/// The hostile inputs of docs/reliability.md, each with the behaviour a user relies on.
@Suite struct HostileInputTests {
    let reader = CSVReader()
    let header = "worker_id,name,resident_id,direction,earliest_date,pickup_stop,dropoff_stop\n"

    func parseWorkers(_ text: String) throws -> (ImportRows, [ImportIssue]) {
        var k = KnownRecords(); k.stops = ["TD100": .township, "PJ100": .factory]
        var p = RowParser(kind: .workers, table: try reader.parse(text, file: "w.csv"), known: k, replace: false, today: CivilDate(year: 2026, month: 11, day: 24)!)
        let (rows, _) = p.parse()
        return (rows, p.issues)
    }

    @Test func invalidBytesInEitherEncoding() {
        #expect(throws: DecodingFailure.self) { try TextDecoder.decode(Data([0x61, 0x0A, 0xFF, 0xFE, 0x80]), as: .auto, file: "x") }
        #expect(throws: DecodingFailure.self) { try TextDecoder.decode(Data([0x61, 0x0A, 0x81, 0x20]), as: .gb18030, file: "x") }
    }

    @Test func nulBytes() {
        #expect(throws: CSVSyntaxError.self) { try reader.parse("a,b\n1,\u{0}\n", file: "x") }
    }

    @Test func tenMegabyteField() {
        let big = "a\n\"" + String(repeating: "x", count: 10_000_000) + "\"\n"
        #expect { try reader.parse(big, file: "x") } throws: { ($0 as? CSVSyntaxError)?.message.contains("longer than") == true }
    }

    @Test func millionColumnHeader() {
        let wide = String(repeating: "c,", count: 1_000_000) + "c\n"
        #expect { try reader.parse(wide, file: "x") } throws: { ($0 as? CSVSyntaxError)?.message.contains("more than 256 columns") == true }
    }

    @Test func unterminatedQuote() {
        #expect(throws: CSVSyntaxError.self) { try reader.parse("a,b\n\"1,2\n", file: "x") }
    }

    @Test func sqlLookingNamesAreJustText() throws {
        let (rows, issues) = try parseWorkers(header + "W1,\"'; DROP TABLE worker; --\",451425199001011233,to-work,2027-02-12,TD100,PJ100\n")
        #expect(issues.isEmpty)
        if case .workers(let w) = rows { #expect(w[0].name == "'; DROP TABLE worker; --") }
    }

    @Test func rightToLeftMarksAreRefused() throws {
        let (_, issues) = try parseWorkers(header + "W1,李\u{200F}春梅,451425199001011233,to-work,2027-02-12,TD100,PJ100\n")
        #expect(issues.first?.message.contains("U+200F") == true)
    }

    @Test func emojiAndExtensionBImportAndPrint() throws {
        let (rows, issues) = try parseWorkers(header + "W1,𠀾秀😀👩‍🔧,451425199001011233,to-work,2027-02-12,TD100,PJ100\n")
        #expect(issues.isEmpty)
        guard case .workers(let w) = rows else { Issue.record("no rows"); return }
        #expect(w[0].name == "𠀾秀😀👩\u{200D}🔧") // the joined emoji keeps its zero-width joiner
        #expect(DisplayWidth.of(w[0].name) == 8)
        #expect(DisplayWidth.pad(w[0].name, to: 10) == "𠀾秀😀👩‍🔧  ")
    }

    @Test func formulaCellsAreNeutralisedOnExport() {
        let w = CSVWriter(neutraliseFormulas: true)
        for cell in ["=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)", "-2+3", "\t=1"] { #expect(w.field(cell).hasPrefix("'") || w.field(cell).hasPrefix("\"'")) }
        #expect(w.field("-5") == "-5")
    }
}
