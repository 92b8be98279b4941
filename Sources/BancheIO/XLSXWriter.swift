import Foundation
import ZIPFoundation

/// One worksheet of a workbook `XLSXWriter` writes: a header row and rows of cell texts.
public struct XLSXSheet: Sendable, Equatable {
    /// The sheet's tab name as given; `XLSXWriter` makes it legal and unique (31 characters,
    /// none of `[]:*?/\`).
    public var name: String
    public var header: [String]
    public var rows: [[String]]
    /// Columns whose cells are written as numbers when they read as plain decimal numbers
    /// (seats, kilometres). Every other cell is an inline string — text to Excel, so an ID
    /// number or a phone never becomes a number, loses digits or turns into 4.5142E+17, and
    /// no cell is ever a formula.
    public var numberColumns: Set<Int>

    public init(name: String, header: [String], rows: [[String]], numberColumns: Set<Int> = []) {
        self.name = name; self.header = header; self.rows = rows; self.numberColumns = numberColumns
    }
}

/// Writes an Office Open XML workbook (.xlsx): one sheet per `XLSXSheet`, the header row bold
/// and frozen, column widths sized to the widest cell (CJK characters count double, as
/// `DisplayWidth` measures them). The ZIP container is ZIPFoundation's; the XML is written
/// here, escaped, with fixed entry dates, so the same sheets give the same bytes.
/// Linear in the number of cells.
public enum XLSXWriter {
    /// The date every entry of the archive carries (2000-01-01T00:00:00Z): no clock in the bytes.
    static let entryDate = Date(timeIntervalSince1970: 946_684_800)

    /// The workbook as bytes. Throws only if ZIPFoundation cannot build the archive in memory.
    public static func workbook(_ sheets: [XLSXSheet]) throws -> Data {
        let sheets = sheets.isEmpty ? [XLSXSheet(name: "Sheet1", header: [], rows: [])] : sheets
        var taken = Set<String>()
        let names = sheets.map { sheetName($0.name, taken: &taken) }
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(count: sheets.count)),
            ("_rels/.rels", rootRels),
            ("docProps/app.xml", appProps),
            ("xl/workbook.xml", workbookXML(names, filters: sheets.map(filterRange))),
            ("xl/_rels/workbook.xml.rels", workbookRels(count: sheets.count)),
            ("xl/styles.xml", styles),
        ]
        for (i, s) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", sheetXML(s))) }
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let bytes = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return bytes
    }

    /// A legal, unique tab name for `raw`: forbidden characters replaced by `_`, at most 31
    /// characters, a ` (2)` suffix when the name (case-insensitively) is taken. Never empty.
    public static func sheetName(_ raw: String, taken: inout Set<String>) -> String {
        var base = String(raw.map { "[]:*?/\\".contains($0) || $0.isNewline ? "_" : $0 })
            .trimmingCharacters(in: CharacterSet(charactersIn: "' ").union(.whitespaces))
        if base.isEmpty { base = "_" }
        base = String(base.prefix(31))
        var name = base, n = 2
        while taken.contains(name.lowercased()) {
            let suffix = " (\(n))"
            name = String(base.prefix(31 - suffix.count)) + suffix
            n += 1
        }
        taken.insert(name.lowercased())
        return name
    }

    /// The spreadsheet column letters of a zero-based index: 0 → A, 25 → Z, 26 → AA.
    public static func columnName(_ index: Int) -> String {
        var i = index + 1, s = ""
        while i > 0 { let r = (i - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; i = (i - 1) / 26 }
        return s
    }

    /// `s` escaped for XML text and attributes; characters XML 1.0 cannot hold (controls other
    /// than tab, newline and carriage return, lone surrogates, U+FFFE/U+FFFF) are dropped.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Column width in Excel's character units: the widest cell's display width plus 2,
    /// between 6 and 60.
    static func width(_ column: Int, _ sheet: XLSXSheet) -> Int {
        var w = column < sheet.header.count ? DisplayWidth.of(sheet.header[column]) : 0
        for r in sheet.rows where column < r.count { w = max(w, DisplayWidth.of(r[column])) }
        return min(60, max(6, w + 2))
    }

    /// A plain decimal number Excel reads back as the same text (no exponent, no leading zero,
    /// no `+`, at most 15 significant digits).
    static func isPlainNumber(_ s: String) -> Bool {
        let body = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        guard !body.isEmpty, body.count <= 15, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return false }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty, parts.count == 1 || !parts[1].isEmpty else { return false }
        return parts[0] == "0" || !parts[0].hasPrefix("0")
    }

    static func sheetXML(_ s: XLSXSheet) -> String {
        let columns = max(s.header.count, s.rows.map(\.count).max() ?? 0)
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        if columns > 0 {
            x += "<dimension ref=\"A1:\(columnName(columns - 1))\(s.rows.count + 1)\"/>"
        }
        x += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#
        x += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if columns > 0 {
            x += "<cols>"
            for c in 0..<columns { x += "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(width(c, s))\" customWidth=\"1\"/>" }
            x += "</cols>"
        }
        x += "<sheetData>"
        func row(_ cells: [String], _ r: Int, header: Bool) {
            x += "<row r=\"\(r)\">"
            for (c, v) in cells.enumerated() where !v.isEmpty {
                let ref = columnName(c) + String(r)
                let style = header ? " s=\"1\"" : ""
                if !header && s.numberColumns.contains(c) && isPlainNumber(v) {
                    x += "<c r=\"\(ref)\"\(style)><v>\(v)</v></c>"
                } else {
                    x += "<c r=\"\(ref)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(v))</t></is></c>"
                }
            }
            x += "</row>"
        }
        row(s.header, 1, header: true)
        for (i, r) in s.rows.enumerated() { row(r, i + 2, header: false) }
        x += "</sheetData>"
        if let range = filterRange(s) { x += "<autoFilter ref=\"\(range)\"/>" }
        x += #"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        x += "</worksheet>"
        return x
    }

    static func contentTypes(count: Int) -> String {
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        x += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        x += #"<Default Extension="xml" ContentType="application/xml"/>"#
        x += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for i in 1...count {
            x += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        x += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        x += #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
        return x + "</Types>"
    }

    static let rootRels = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#
        + "</Relationships>"

    static let appProps = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>banche</Application></Properties>"#

    /// The range a sheet's autofilter covers (`A1:Q54`), nil when it has none.
    static func filterRange(_ s: XLSXSheet) -> String? {
        let columns = max(s.header.count, s.rows.map(\.count).max() ?? 0)
        return columns > 0 && !s.header.isEmpty ? "A1:\(columnName(columns - 1))\(s.rows.count + 1)" : nil
    }

    /// The workbook part: the sheets in order, and for each autofilter the hidden name Excel
    /// keeps it under (`_xlnm._FilterDatabase`, absolute, the sheet name quoted).
    static func workbookXML(_ names: [String], filters: [String?]) -> String {
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        x += #"<bookViews><workbookView/></bookViews><sheets>"#
        for (i, n) in names.enumerated() { x += "<sheet name=\"\(escape(n))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>" }
        x += "</sheets>"
        let defined = zip(names, filters).enumerated().compactMap { i, pair -> String? in
            guard let range = pair.1 else { return nil }
            let absolute = range.split(separator: ":").map { ref -> String in
                let letters = ref.prefix { $0.isLetter }
                return "$\(letters)$\(ref.dropFirst(letters.count))"
            }.joined(separator: ":")
            let quoted = "'" + pair.0.replacingOccurrences(of: "'", with: "''") + "'"
            return "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(i)\" hidden=\"1\">\(escape(quoted))!\(absolute)</definedName>"
        }
        if !defined.isEmpty { x += "<definedNames>" + defined.joined() + "</definedNames>" }
        return x + "</workbook>"
    }

    static func workbookRels(count: Int) -> String {
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in 1...count {
            x += "<Relationship Id=\"rId\(i)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i).xml\"/>"
        }
        x += "<Relationship Id=\"rId\(count + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        return x + "</Relationships>"
    }

    /// Two cell formats: 0 the default, 1 bold (the header row). Font 宋体-compatible default
    /// left to Excel; number format General throughout.
    static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"
}
