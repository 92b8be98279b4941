import BancheCore
import Foundation

/// The rows of one `banche export` kind, with the documented (English) column names and
/// values, before they become CSV, JSON or a workbook. `localized` gives the Chinese headers
/// and values; `groups` cuts it into sheets or files.
public struct ExportTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String]]

    public init(columns: [String], rows: [[String]]) { self.columns = columns; self.rows = rows }

    /// Columns written as numbers in a workbook; every other cell (IDs, phones, dates) is text.
    public static let numberColumns: Set<String> = ["seat", "trip_km"]

    /// The table with headers and values in `language`: for zh the headers from the catalogue
    /// (`column.NAME`), gender as 男/女, priority groups as 脱贫;残疾… — words the importer
    /// accepts. English returns the table unchanged. IDs, codes and times never change.
    public func localized(_ language: Language) -> ExportTable {
        guard language == .zh else { return self }
        let m = Messages(.zh)
        let header = columns.map { m("column.\($0)") }
        let gender = columns.firstIndex(of: "gender"), priority = columns.firstIndex(of: "priority")
        let body = rows.map { r -> [String] in
            var r = r
            if let g = gender, g < r.count, let v = Gender(rawValue: r[g]) { r[g] = v.chinese }
            if let p = priority, p < r.count, !r[p].isEmpty {
                r[p] = r[p].split(separator: ";").map { PriorityGroup(rawValue: String($0))?.chinese ?? String($0) }.joined(separator: ";")
            }
            return r
        }
        return ExportTable(columns: header, rows: body)
    }

    /// The rows cut by the value of `column` (in order of first appearance), each group keeping
    /// the rows' order. Nil when the table has no such column.
    public func groups(by column: String) -> [(key: String, table: ExportTable)]? {
        guard let c = columns.firstIndex(of: column) else { return nil }
        var order: [String] = [], by: [String: [[String]]] = [:]
        for r in rows {
            let k = c < r.count ? r[c] : ""
            if by[k] == nil { order.append(k) }
            by[k, default: []].append(r)
        }
        return order.map { ($0, ExportTable(columns: columns, rows: by[$0]!)) }
    }

    /// One workbook sheet a group (`groupColumn`), or one sheet named `single` holding every
    /// row; headers and values in `language`. An empty table gives one sheet with its header.
    public func sheets(groupColumn: String?, single: String, language: Language) -> [XLSXSheet] {
        let numbers = Set(columns.indices.filter { Self.numberColumns.contains(columns[$0]) })
        let m = Messages(language)
        guard let groupColumn, let groups = groups(by: groupColumn), !groups.isEmpty else {
            let t = localized(language)
            return [XLSXSheet(name: single, header: t.columns, rows: t.rows, numberColumns: numbers)]
        }
        return groups.map { g in
            let t = g.table.localized(language)
            return XLSXSheet(name: g.key.isEmpty ? m("sheet.none") : g.key, header: t.columns, rows: t.rows, numberColumns: numbers)
        }
    }

    /// A file name for a group's value: characters a file system refuses or a shell mangles
    /// replaced by `_`, never empty, never `.` or `..`.
    public static func fileName(_ key: String) -> String {
        let s = String(key.map { "/\\:*?\"<>|".contains($0) || $0.isNewline || $0.asciiValue.map { $0 < 32 } == true ? "_" : $0 })
            .trimmingCharacters(in: .whitespaces)
        // File names are limited to 255 bytes (a temporary name is longer still): a long
        // employer name keeps its first 120 bytes, whole characters only.
        var cut = ""
        for c in s { if cut.utf8.count + String(c).utf8.count > 120 { break }; cut.append(c) }
        return cut.isEmpty || cut == "." || cut == ".." ? "_" : cut
    }
}

extension RosterCSV {
    /// The roster's rows in the columns of `header`, as `write` prints them.
    public static func rows(_ records: [DutyRecord], zone: ZoneOffset) -> [[String]] {
        records.map { r in
            [r.driverID, r.activity.rawValue, r.start.iso(in: zone), r.end.iso(in: zone), r.vehicleID ?? "", r.tripID ?? "",
             r.tripKm.map { String(format1($0)) } ?? "", r.relay ? "yes" : "no", r.service.rawValue, r.place ?? ""]
        }
    }
}
