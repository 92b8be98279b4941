import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation
import BancheCore

/// A problem with a workbook, naming the file and, where known, the sheet and cell:
/// `workers.xlsx:Sheet1!D102: message` (the row as Excel numbers it).
public struct SpreadsheetError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let sheet: String?
    /// `D102`, when the problem is in one cell.
    public let cell: String?
    public let message: String
    public init(file: String, sheet: String? = nil, cell: String? = nil, message: String) {
        self.file = file; self.sheet = sheet; self.cell = cell; self.message = message
    }
    public var description: String {
        if let sheet, let cell { return "\(file):\(CellRef.sheetPrefix(sheet))\(cell): \(message)" }
        if let sheet { return "\(file):\(CellRef.sheetPrefix(sheet)): \(message)" }
        return "\(file): \(message)"
    }
}


/// Reads one sheet of an Office Open XML workbook (`.xlsx`, as Excel, WPS and LibreOffice save
/// it) into the same `CSVTable` the CSV reader produces, so one row parser serves both: each
/// cell as the text it stands for, each row with the number Excel gives it (`CSVRow.line`),
/// the header being the first row with any text.
///
/// Cells: shared and inline strings (rich text joined, phonetic guides dropped), numbers
/// (whole numbers without `.0`, others to 15 significant digits as Excel shows them, numbers
/// of 16 or more digits in Excel's scientific form, since Excel has already dropped their
/// last digits), booleans as `TRUE`/`FALSE`, error values as Excel shows them (`#N/A`), and
/// numbers whose cell format is a date or time as `2027-02-13`, `2027-02-13 05:30` or `05:30`
/// (serials in the 1900 date system, with Excel's fictitious 1900-02-29, or the 1904 system
/// when the workbook says so). A formula cell gives its saved result. Leading and trailing
/// spaces are trimmed as in an unquoted CSV field; rows with no text are skipped.
///
/// Limits keep hostile files from exhausting memory or time: every part is inflated with a
/// counter and refused past `maxPartBytes` (a zip bomb stops there, whatever its headers
/// claim), at most `maxColumns` columns with text, `maxRows` rows, `maxFieldBytes` per cell.
public struct XLSXReader: Sendable {
    public var maxPartBytes = 256 << 20
    public var maxColumns = 256
    public var maxRows = 1_048_576
    public var maxFieldBytes = 65_536
    public init() {}

    /// The names of the workbook's sheets, in order.
    public func sheetNames(path: String, displayName: String? = nil) throws -> [String] {
        let name = displayName ?? path
        let archive = try open(path, name)
        return try workbook(archive, name).sheets.map(\.name)
    }

    /// Reads the sheet called `sheet` (the first sheet when nil).
    public func read(path: String, sheet: String? = nil, displayName: String? = nil) throws -> CSVTable {
        let name = displayName ?? path
        let archive = try open(path, name)
        let book = try workbook(archive, name)
        guard let chosen = sheet.map({ s in book.sheets.first { $0.name == s } ?? book.sheets.first { $0.name.lowercased() == s.lowercased() } }) ?? book.sheets.first else {
            if let sheet {
                throw SpreadsheetError(file: name, message: "no sheet called \"\(sheet)\"; the workbook has: \(book.sheets.map(\.name).joined(separator: ", "))")
            }
            throw SpreadsheetError(file: name, message: "the workbook has no sheet")
        }
        let strings = try book.sharedStringsPath.map { try sharedStrings(archive, $0, name) } ?? []
        let styles = try book.stylesPath.map { try dateStyles(archive, $0, name) } ?? []
        let data = try part(archive, chosen.path, name, required: true)!
        let handler = SheetHandler(file: name, sheet: chosen.name, strings: strings, styles: styles, date1904: book.date1904,
                                   maxColumns: maxColumns, maxRows: maxRows, maxFieldBytes: maxFieldBytes)
        try parseXML(data, handler, file: name, part: chosen.path, sheet: chosen.name)
        guard let first = handler.rows.first else {
            throw SpreadsheetError(file: name, sheet: chosen.name, message: "the sheet is empty: a header row is needed")
        }
        return CSVTable(file: name, header: Array(first.fields), rows: Array(handler.rows.dropFirst()), encoding: .utf8,
                        sheet: chosen.name, headerLine: first.line)
    }

    // MARK: parts

    func open(_ path: String, _ name: String) throws -> Archive {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
              let h = FileHandle(forReadingAtPath: path) else {
            throw SpreadsheetError(file: name, message: "cannot read the file (missing or not readable)")
        }
        let head = (try? h.read(upToCount: 8)) ?? Data()
        try? h.close()
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw SpreadsheetError(file: name, message: "an old Excel 97-2003 workbook (.xls), or one protected by a password; open it in Excel or WPS and save it, without a password, as Excel Workbook (.xlsx) or CSV UTF-8")
        }
        guard head.starts(with: [0x50, 0x4B]), let archive = try? Archive(url: URL(fileURLWithPath: path), accessMode: .read, pathEncoding: nil) else {
            throw SpreadsheetError(file: name, message: "not an .xlsx workbook (not a ZIP archive); save the sheet as Excel Workbook (.xlsx) or CSV UTF-8")
        }
        return archive
    }

    struct TooLarge: Error {}

    /// The inflated bytes of one part, counted as they come: at most `maxPartBytes`.
    func part(_ archive: Archive, _ path: String, _ name: String, required: Bool) throws -> Data? {
        guard let entry = archive[path] else {
            if required { throw SpreadsheetError(file: name, message: "the workbook has no part \(path) (damaged or not saved by a spreadsheet program); save it again as .xlsx") }
            return nil
        }
        let limit = maxPartBytes
        func tooLarge() -> SpreadsheetError {
            SpreadsheetError(file: name, message: "\(path) inflates to more than \(limit >> 20) MiB; a sheet that large is refused (is the file a zip bomb?)")
        }
        if entry.uncompressedSize > UInt64(limit) { throw tooLarge() }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if data.count + chunk.count > limit { throw TooLarge() }
                data.append(chunk)
            }
        } catch is TooLarge { throw tooLarge() } catch {
            throw SpreadsheetError(file: name, message: "cannot unpack \(path) (\(error)); the file is damaged: save it again as .xlsx")
        }
        return data
    }

    struct Workbook {
        var sheets: [(name: String, path: String)]
        var date1904: Bool
        var sharedStringsPath: String?
        var stylesPath: String?
    }

    func workbook(_ archive: Archive, _ name: String) throws -> Workbook {
        let bookPath = "xl/workbook.xml"
        let wb = WorkbookHandler()
        try parseXML(try part(archive, bookPath, name, required: true)!, wb, file: name, part: bookPath, sheet: nil)
        var targets: [String: (type: String, target: String)] = [:]
        let relsPath = "xl/_rels/workbook.xml.rels"
        if let rels = try part(archive, relsPath, name, required: false) {
            let r = RelsHandler()
            try parseXML(rels, r, file: name, part: relsPath, sheet: nil)
            targets = r.targets
        }
        func resolve(_ t: String) -> String {
            if t.hasPrefix("/") { return String(t.dropFirst()) }
            var parts = ["xl"]
            for p in t.split(separator: "/") {
                if p == ".." { if !parts.isEmpty { parts.removeLast() } } else if p != "." { parts.append(String(p)) }
            }
            return parts.joined(separator: "/")
        }
        let sheets = wb.sheets.enumerated().map { i, s in
            (name: s.name, path: s.rid.flatMap { targets[$0] }.map { resolve($0.target) } ?? "xl/worksheets/sheet\(i + 1).xml")
        }
        func byType(_ suffix: String, _ fallback: String) -> String? {
            targets.values.first { $0.type.hasSuffix(suffix) }.map { resolve($0.target) } ?? (archive[fallback] != nil ? fallback : nil)
        }
        return Workbook(sheets: sheets, date1904: wb.date1904,
                        sharedStringsPath: byType("/sharedStrings", "xl/sharedStrings.xml"),
                        stylesPath: byType("/styles", "xl/styles.xml"))
    }

    func sharedStrings(_ archive: Archive, _ path: String, _ name: String) throws -> [String] {
        guard let data = try part(archive, path, name, required: false) else { return [] }
        let h = SharedStringsHandler(maxFieldBytes: maxFieldBytes)
        try parseXML(data, h, file: name, part: path, sheet: nil)
        return h.strings
    }

    /// For each cell style (`s="N"`), whether its number format shows a date, a time or both.
    func dateStyles(_ archive: Archive, _ path: String, _ name: String) throws -> [DateKind] {
        guard let data = try part(archive, path, name, required: false) else { return [] }
        let h = StylesHandler()
        try parseXML(data, h, file: name, part: path, sheet: nil)
        return h.cellFormats.map { id in h.customFormats[id].map(DateKind.init(formatCode:)) ?? DateKind(builtIn: id) }
    }

    func parseXML(_ data: Data, _ handler: XMLHandler, file: String, part: String, sheet: String?) throws {
        // Through a stream, which the parser reads in chunks: given the whole `Data` at once,
        // libxml2 refuses a part over about 10 MB ("huge input lookup"), a sheet of ~12,000 rows.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        let ok = parser.parse()
        if let e = handler.failure { throw e }
        // On Linux `parse()` may return true after an error; the error is still recorded.
        if !ok || parser.parserError != nil {
            let why = parser.parserError.map { " (XML error \(($0 as NSError).code))" } ?? ""
            throw SpreadsheetError(file: file, sheet: sheet, message: "\(part) is not well-formed XML at line \(parser.lineNumber)\(why); the file is damaged: save it again as .xlsx")
        }
    }
}



// MARK: - SAX handlers

/// The delegate base: every callback is declared here and overridden by the handlers (on
/// Linux the protocol's witnesses are the base class's methods, so a subclass's own method
/// that the base lacks would never be called).
class XMLHandler: NSObject, XMLParserDelegate {
    /// Set by a handler that stops the parse itself (a limit, a bad cell).
    var failure: SpreadsheetError?
    func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName q: String?, attributes a: [String: String] = [:]) {}
    func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName q: String?) {}
    func parser(_ parser: XMLParser, foundCharacters s: String) {}
}

final class WorkbookHandler: XMLHandler {
    var sheets: [(name: String, rid: String?)] = []
    var date1904 = false
    override func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName q: String?, attributes a: [String: String] = [:]) {
        switch local(e) {
        case "sheet":
            if let n = a["name"] { sheets.append((n, a["r:id"] ?? a.first { $0.key.hasSuffix(":id") }?.value)) }
        case "workbookPr":
            if let v = a["date1904"] { date1904 = v == "1" || v.lowercased() == "true" }
        default: break
        }
    }
}

final class RelsHandler: XMLHandler {
    var targets: [String: (type: String, target: String)] = [:]
    override func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName q: String?, attributes a: [String: String] = [:]) {
        if local(e) == "Relationship", let id = a["Id"], let t = a["Target"] { targets[id] = (a["Type"] ?? "", t) }
    }
}

final class StylesHandler: XMLHandler {
    var customFormats: [Int: String] = [:]
    var cellFormats: [Int] = []
    var inCellXfs = false
    override func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName q: String?, attributes a: [String: String] = [:]) {
        switch local(e) {
        case "numFmt": if let id = a["numFmtId"].flatMap(Int.init), let code = a["formatCode"] { customFormats[id] = code }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs: cellFormats.append(a["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }
    override func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName q: String?) {
        if local(e) == "cellXfs" { inCellXfs = false }
    }
}

final class SharedStringsHandler: XMLHandler {
    let maxFieldBytes: Int
    var strings: [String] = []
    var current = "", inItem = false, inText = false, phonetic = 0
    init(maxFieldBytes: Int) { self.maxFieldBytes = maxFieldBytes }
    override func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName q: String?, attributes a: [String: String] = [:]) {
        switch local(e) {
        case "si": inItem = true; current = ""
        case "rPh": phonetic += 1
        case "t": inText = inItem && phonetic == 0
        default: break
        }
    }
    override func parser(_ parser: XMLParser, foundCharacters s: String) {
        guard inText else { return }
        current += s
        if current.utf8.count > maxFieldBytes { current = String(current.prefix(maxFieldBytes)) }
    }
    override func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName q: String?) {
        switch local(e) {
        case "si": strings.append(CellText.unescaped(current)); inItem = false
        case "rPh": phonetic -= 1
        case "t": inText = false
        default: break
        }
    }
}

final class SheetHandler: XMLHandler {
    let file: String, sheet: String
    let strings: [String], styles: [DateKind], date1904: Bool
    let maxColumns: Int, maxRows: Int, maxFieldBytes: Int
    var rows: [CSVRow] = []
    var rowNumber = 0, nextColumn = 1
    var fields: [String] = []
    // The cell being read.
    var cellColumn = 0, cellType = "", cellStyle = 0, value = "", inValue = false, inInline = false, phonetic = 0

    init(file: String, sheet: String, strings: [String], styles: [DateKind], date1904: Bool, maxColumns: Int, maxRows: Int, maxFieldBytes: Int) {
        self.file = file; self.sheet = sheet; self.strings = strings; self.styles = styles; self.date1904 = date1904
        self.maxColumns = maxColumns; self.maxRows = maxRows; self.maxFieldBytes = maxFieldBytes
    }

    func fail(_ parser: XMLParser, cell: String?, _ message: String) {
        if failure == nil { failure = SpreadsheetError(file: file, sheet: sheet, cell: cell, message: message) }
        parser.abortParsing()
    }
    var here: String { CellRef.name(column: cellColumn, row: rowNumber) }

    override func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName q: String?, attributes a: [String: String] = [:]) {
        guard failure == nil else { return }
        switch local(e) {
        case "row":
            if let r = a["r"] {
                guard let n = Int(r), n > rowNumber else { return fail(parser, cell: nil, "row number \"\(r)\" is not a row after \(rowNumber); the file is damaged") }
                rowNumber = n
            } else { rowNumber += 1 }
            if rowNumber > maxRows { return fail(parser, cell: nil, "more than \(maxRows) rows") }
            fields.removeAll(keepingCapacity: true); nextColumn = 1
        case "c":
            if let r = a["r"] {
                guard let (c, row) = CellRef.parse(r), row == rowNumber, c >= nextColumn else {
                    return fail(parser, cell: nil, "cell reference \"\(r)\" in row \(rowNumber) is out of place; the file is damaged")
                }
                cellColumn = c
            } else { cellColumn = nextColumn }
            nextColumn = cellColumn + 1
            cellType = a["t"] ?? "n"; cellStyle = a["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v": inValue = true
        case "is": inInline = true
        case "rPh": phonetic += 1
        case "t": inValue = inInline && phonetic == 0
        default: break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters s: String) {
        guard inValue, failure == nil else { return }
        value += s
        if value.utf8.count > maxFieldBytes { fail(parser, cell: here, "a cell longer than \(maxFieldBytes) bytes") }
    }

    override func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName q: String?) {
        guard failure == nil else { return }
        switch local(e) {
        case "v", "t": inValue = false
        case "is": inInline = false
        case "rPh": phonetic -= 1
        case "c":
            guard let text = cellText(parser) else { return }
            let t = text.trimmingSpaces()
            guard !t.isEmpty else { return }
            if cellColumn > maxColumns { return fail(parser, cell: here, "text in column \(CellRef.columnName(cellColumn)), beyond the \(maxColumns) columns read; delete what is there") }
            while fields.count < cellColumn - 1 { fields.append("") }
            fields.append(t)
        case "row":
            if !fields.isEmpty { rows.append(CSVRow(line: rowNumber, fields: fields)) }
        default: break
        }
    }

    /// The text a cell stands for (nil after a failure).
    func cellText(_ parser: XMLParser) -> String? {
        switch cellType {
        case "s":
            guard !value.isEmpty else { return "" }
            guard let i = Int(value.trimmingSpaces()), i >= 0, i < strings.count else {
                fail(parser, cell: here, "refers to shared string \(value) but the workbook has \(strings.count); the file is damaged"); return nil
            }
            return strings[i]
        case "inlineStr", "str": return CellText.unescaped(value)
        case "e": return value
        case "b": return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
        case "d": return value.replacingOccurrences(of: "T", with: " ")
        default:
            let raw = value.trimmingSpaces()
            if raw.isEmpty { return "" }
            guard let v = Double(raw), v.isFinite else { fail(parser, cell: here, "the number \"\(raw.prefix(20))\" is not a number; the file is damaged"); return nil }
            let kind = cellStyle < styles.count ? styles[cellStyle] : .number
            if kind != .number {
                guard let d = CellText.date(serial: v, kind: kind, date1904: date1904) else {
                    fail(parser, cell: here, "a date cell holding \(CellText.number(v)), which is no date Excel can show (########)"); return nil
                }
                return d
            }
            return CellText.number(v)
        }
    }
}

/// The local name of an element (`x:row` → `row`): some writers prefix the main namespace.
@inline(__always) func local(_ name: String) -> Substring {
    guard let i = name.lastIndex(of: ":") else { return Substring(name) }
    return name[name.index(after: i)...]
}
