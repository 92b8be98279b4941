import Foundation
import BancheCore

// The pure parts of reading a spreadsheet: cell names, number formats, Excel's numbers and
// date serials as text. No ZIP or XML here (scripts/fuzz.sh compiles this file without them).

/// Cell references as Excel writes them: column letters (A…Z, AA…), row numbers from 1.
public enum CellRef {
    /// `4` → `D`, `27` → `AA` (columns count from 1).
    public static func columnName(_ column: Int) -> String {
        var n = max(column, 1), s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }
    /// `D102` for column 4, row 102.
    public static func name(column: Int, row: Int) -> String { "\(columnName(column))\(row)" }
    /// `Sheet1!`, or `'My sheet'!` when the name needs quotes (as Excel writes a reference).
    public static func sheetPrefix(_ sheet: String) -> String {
        let plain = sheet.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "." }
        return plain && !sheet.isEmpty ? "\(sheet)!" : "'\(sheet.replacingOccurrences(of: "'", with: "''"))'!"
    }
    /// Parses `D102` into (column 4, row 102); nil unless letters then digits.
    public static func parse(_ ref: String) -> (column: Int, row: Int)? {
        var col = 0, row = 0, sawDigit = false, letters = 0
        for b in ref.utf8 {
            switch b {
            case 65...90, 97...122:
                guard !sawDigit, letters < 4 else { return nil }
                col = col * 26 + Int((b & 0xDF) - 64); letters += 1
            case 48...57:
                guard letters > 0, row < 100_000_000 else { return nil }
                sawDigit = true; row = row * 10 + Int(b - 48)
            case 36: continue // $A$1
            default: return nil
            }
        }
        return letters > 0 && sawDigit && row > 0 ? (col, row) : nil
    }
}

/// What a cell's number format shows.
enum DateKind: Equatable {
    case number, date, time, dateTime

    /// Excel's built-in formats: 14–17 dates, 18–21 and 45–47 times, 22 date and time; the
    /// East Asian built-ins 27–36 and 50–58 (年月日, 时分) as Chinese Excel assigns them.
    init(builtIn id: Int) {
        switch id {
        case 14...17, 27...31, 36, 50...54, 57, 58: self = .date
        case 18...21, 32...35, 45...47, 55, 56: self = .time
        case 22: self = .dateTime
        default: self = .number
        }
    }

    /// A custom format code: a date when it shows years, days or months, a time when it shows
    /// hours or seconds (quoted text, `\`-escaped characters and `[…]` sections aside; `m` is
    /// minutes next to hours or seconds).
    init(formatCode: String) {
        var plain = ""
        var inQuote = false, inBracket = false, escape = false
        for c in formatCode.lowercased() {
            if escape { escape = false; continue }
            if inQuote { if c == "\"" { inQuote = false }; continue }
            if inBracket { if c == "]" { inBracket = false }; continue }
            switch c {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\", "_", "*": escape = true
            default: plain.append(c)
            }
        }
        if formatCode.lowercased().contains("[h]") || formatCode.lowercased().contains("[m]") { plain += "h" }
        let hasTime = plain.contains("h") || plain.contains("s")
        let hasDate = plain.contains("y") || plain.contains("d") || (plain.contains("m") && !hasTime)
        switch (hasDate, hasTime) {
        case (true, true): self = .dateTime
        case (true, false): self = .date
        case (false, true): self = .time
        default: self = .number
        }
    }
}

/// The cell text conversions, pure.
enum CellText {
    /// A number as Excel's General format shows it: whole numbers in full up to 15 digits,
    /// others to 15 significant digits, `E+` for 16 digits or more.
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        var s = String(format: "%.15g", v)
        if s.contains("e") {
            s = s.replacingOccurrences(of: "e", with: "E")
        }
        return s
    }

    static func civil(_ daysFrom1970: Int) -> (y: Int, m: Int, d: Int) {
        let c = CivilDate(dayNumber: daysFrom1970)
        return (c.year, c.month, c.day)
    }

    /// Text with Office's `_xHHHH_` escapes decoded (`_x000D_` is a carriage return, `_x005F_`
    /// an underscore): how Excel stores characters XML cannot hold in a string.
    static func unescaped(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        return s.replacing(/_x([0-9A-Fa-f]{4})_/) { m in
            UInt32(m.1, radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? String(m.0)
        }
    }

    /// An Excel serial as a date, time or both; nil when out of range (before 1900 or after 9999).
    static func date(serial: Double, kind: DateKind, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var day = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(day)) * 86_400).rounded())
        if seconds >= 86_400 { day += 1; seconds -= 86_400 }
        let hh = seconds / 3600, mm = seconds / 60 % 60, ss = seconds % 60
        let time = ss == 0 ? String(format: "%02d:%02d", hh, mm) : String(format: "%02d:%02d:%02d", hh, mm, ss)
        if kind == .time { return time }
        // Days from 1970-01-01 of serial 0 (1900 system: 1899-12-30 for serials from 61 on,
        // 1899-12-31 below 60; 60 is Excel's 1900-02-29, a day that never was).
        let civil: (y: Int, m: Int, d: Int)
        if date1904 {
            civil = Self.civil(day - 24_107)
        } else if day == 60 {
            civil = (1900, 2, 29)
        } else if day == 0 {
            civil = (1900, 1, 0)
        } else {
            civil = Self.civil(day - (day < 60 ? 25_568 : 25_569))
        }
        let date = String(format: "%04d-%02d-%02d", civil.y, civil.m, civil.d)
        return kind == .dateTime ? "\(date) \(time)" : date
    }
}
