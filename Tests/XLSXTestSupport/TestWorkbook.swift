import Foundation
import ZIPFoundation

/// A tiny .xlsx writer for tests only: real ZIP archives (ZIPFoundation, deflated) holding the
/// parts Excel writes — content types, workbook and its relationships, shared strings, styles
/// and one worksheet per sheet — so the reader is tested on the format, not on a mock.
/// Parts can be replaced or left out to build damaged and hostile workbooks.
public struct TestWorkbook {
    public enum Cell: Equatable {
        /// A shared string (what Excel writes for typed text).
        case text(String)
        /// An inline string (what some exporters write).
        case inline(String)
        case number(Double)
        /// A number shown through a number format (built-in id, or a custom id from `formats`).
        case formatted(Double, format: Int)
        case bool(Bool)
        /// A formula with its saved result.
        case formulaText(String)
        case error(String)
        case empty
    }

    public var sheets: [(name: String, rows: [[Cell]])]
    public var date1904 = false
    /// Custom number formats by id (164 and up).
    public var formats: [Int: String] = [:]
    /// Parts to write instead of the generated ones (or in addition), by path.
    public var replacedParts: [String: Data] = [:]
    /// Generated parts to leave out.
    public var omittedParts: Set<String> = []
    /// Row numbers to write per sheet index (default 1, 2, 3…), to leave gaps as Excel does.
    public var rowNumbers: [Int: [Int]] = [:]

    public init(sheets: [(name: String, rows: [[Cell]])]) { self.sheets = sheets }
    public init(_ rows: [[Cell]], sheet: String = "Sheet1") { self.sheets = [(sheet, rows)] }

    /// Every field a shared string (as a clerk who formats every column as 文本 would save it).
    public static func text(_ rows: [[String]], sheet: String = "Sheet1") -> TestWorkbook {
        TestWorkbook(rows.map { $0.map { $0.isEmpty ? .empty : .text($0) } }, sheet: sheet)
    }

    public static func columnName(_ c: Int) -> String {
        var n = c, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }

    static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    public func parts() -> [String: Data] {
        var shared: [String] = [], sharedIndex: [String: Int] = [:]
        var styleIDs: [Int] = [0], styleIndex: [Int: Int] = [0: 0]
        var out: [String: String] = [:]
        for (si, sheet) in sheets.enumerated() {
            var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            x += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>"#
            for (ri, row) in sheet.rows.enumerated() {
                let r = rowNumbers[si]?[ri] ?? ri + 1
                x += "<row r=\"\(r)\">"
                for (ci, cell) in row.enumerated() {
                    let ref = "\(Self.columnName(ci + 1))\(r)"
                    switch cell {
                    case .empty: continue
                    case .text(let s):
                        let i = sharedIndex[s] ?? { shared.append(s); sharedIndex[s] = shared.count - 1; return shared.count - 1 }()
                        x += "<c r=\"\(ref)\" t=\"s\"><v>\(i)</v></c>"
                    case .inline(let s): x += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Self.esc(s))</t></is></c>"
                    case .number(let v): x += "<c r=\"\(ref)\"><v>\(v)</v></c>"
                    case .formatted(let v, let f):
                        let s = styleIndex[f] ?? { styleIDs.append(f); styleIndex[f] = styleIDs.count - 1; return styleIDs.count - 1 }()
                        x += "<c r=\"\(ref)\" s=\"\(s)\"><v>\(v)</v></c>"
                    case .bool(let b): x += "<c r=\"\(ref)\" t=\"b\"><v>\(b ? 1 : 0)</v></c>"
                    case .formulaText(let s): x += "<c r=\"\(ref)\" t=\"str\"><f>CONCAT(\"\")</f><v>\(Self.esc(s))</v></c>"
                    case .error(let e): x += "<c r=\"\(ref)\" t=\"e\"><v>\(Self.esc(e))</v></c>"
                    }
                }
                x += "</row>"
            }
            x += "</sheetData></worksheet>"
            out["xl/worksheets/sheet\(si + 1).xml"] = x
        }
        out["xl/sharedStrings.xml"] = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(shared.count)" uniqueCount="\#(shared.count)">"#
            + shared.map { "<si><t xml:space=\"preserve\">\(Self.esc($0))</t></si>" }.joined() + "</sst>"
        out["xl/styles.xml"] = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + "<numFmts count=\"\(formats.count)\">" + formats.sorted { $0.key < $1.key }.map { "<numFmt numFmtId=\"\($0.key)\" formatCode=\"\(Self.esc($0.value))\"/>" }.joined() + "</numFmts>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"\(styleIDs.count)\">" + styleIDs.map { "<xf numFmtId=\"\($0)\" xfId=\"0\" applyNumberFormat=\"1\"/>" }.joined() + "</cellXfs></styleSheet>"
        out["xl/workbook.xml"] = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
            + (date1904 ? "<workbookPr date1904=\"1\"/>" : "<workbookPr/>") + "<sheets>"
            + sheets.enumerated().map { "<sheet name=\"\(Self.esc($0.element.name))\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined()
            + "</sheets></workbook>"
        let n = sheets.count
        out["xl/_rels/workbook.xml.rels"] = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + (0..<n).map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined()
            + "<Relationship Id=\"rId\(n + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            + "<Relationship Id=\"rId\(n + 2)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
            + "</Relationships>"
        out["_rels/.rels"] = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
        out["[Content_Types].xml"] = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#
        var data = out.mapValues { Data($0.utf8) }
        for p in omittedParts { data[p] = nil }
        for (p, d) in replacedParts { data[p] = d }
        return data
    }

    /// Writes the workbook as a deflated ZIP archive at `path`.
    public func write(to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        try Self.zip(parts(), to: path)
    }

    /// Writes `parts` as a deflated ZIP archive.
    public static func zip(_ parts: [String: Data], to path: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create, pathEncoding: nil)
        for (p, d) in parts.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: p, type: .file, uncompressedSize: Int64(d.count), compressionMethod: .deflate) { pos, size in
                d.subdata(in: Int(pos)..<Int(pos) + size)
            }
        }
    }
}
