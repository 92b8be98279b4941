import Foundation
import Testing
@testable import BancheIO

@Suite struct JSONTableTests {
    func reference(_ columns: [String], _ rows: [[String]]) throws -> String {
        let o = rows.map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
        return String(decoding: try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]), as: UTF8.self) + "\n"
    }

    @Test func sameBytesAsJSONSerialization() throws {
        // The export's passenger columns (lower-case snake_case keys: byte order is Foundation's order).
        let columns = ["trip_id", "date", "departure", "plate", "seat", "worker_id", "name", "gender", "resident_id", "phone",
                       "pickup_stop", "pickup_name", "dropoff_name", "employer", "home_township", "priority"]
        let tricky = ["quote \" here", "back\\slash", "line\nbreak\r\t", "\u{01}\u{1F}\u{08}\u{0C}", "a/b", "黄美玲 𠀋 😀", "", " spaced ", "'=cmd|' /C calc'!A0"]
        var rows: [[String]] = []
        for (i, t) in tricky.enumerated() { rows.append(["T\(i)", "2027-02-13", "2027-02-13T05:30:00+08:00", t, "\(i)", "W1", t, "女", "451425********1234", "138****5678",
                                                       "S1", t, "江门", "厂", "镇", "disabled;elderly"]) }
        #expect(JSONTable.text(columns: columns, rows: rows) == (try reference(columns, rows)))
        #expect(JSONTable.text(columns: columns, rows: []) == (try reference(columns, [])))
        #expect(JSONTable.text(columns: columns, rows: [rows[0]]) == (try reference(columns, [rows[0]])))
    }
}
