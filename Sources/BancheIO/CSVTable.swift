import Foundation
import BancheCore

/// One record of a CSV file with the line it starts on.
public struct CSVRow: Sendable {
    /// 1-based physical line where the record starts (a quoted field may span lines).
    public let line: Int
    public let fields: CSVFields
    public init(line: Int, fields: CSVFields) { self.line = line; self.fields = fields }
    public init(line: Int, fields: [String]) { self.line = line; self.fields = CSVFields(fields) }
}

/// The fields of one record, packed in a single allocation (a million-row file holds a
/// million of these): a 2-byte count, the end offset of each field (4 bytes each), then the
/// fields' UTF-8 bytes. Reads like an array of strings.
public struct CSVFields: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral, CustomStringConvertible {
    let packed: [UInt8]

    init(packed: [UInt8]) { self.packed = packed }
    public init(_ strings: [String]) {
        var p: [UInt8] = [UInt8(strings.count & 0xFF), UInt8(strings.count >> 8)]
        var end = 0
        for s in strings { end += s.utf8.count; CSVFields.put(UInt32(end), into: &p) }
        for s in strings { p.append(contentsOf: s.utf8) }
        packed = p
    }
    public init(arrayLiteral elements: String...) { self.init(elements) }

    static func put(_ v: UInt32, into p: inout [UInt8]) {
        p.append(UInt8(v & 0xFF)); p.append(UInt8(v >> 8 & 0xFF)); p.append(UInt8(v >> 16 & 0xFF)); p.append(UInt8(v >> 24))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(packed[0]) | Int(packed[1]) << 8 }
    @inline(__always) func end(_ k: Int) -> Int {
        let o = 2 + 4 * k
        return Int(packed[o]) | Int(packed[o + 1]) << 8 | Int(packed[o + 2]) << 16 | Int(packed[o + 3]) << 24
    }
    public subscript(i: Int) -> String {
        precondition(i >= 0 && i < endIndex, "field index out of range")
        let base = 2 + 4 * endIndex
        let a = base + (i == 0 ? 0 : end(i - 1)), b = base + end(i)
        return packed.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[a..<b]), as: UTF8.self) }
    }
    public static func == (a: Self, b: Self) -> Bool { a.packed == b.packed }
    /// Whether every field is empty (a line of only commas, as Excel saves formatted empty rows).
    public var isBlank: Bool { endIndex == 0 || end(endIndex - 1) == 0 }
    public var description: String { Array(self).description }
}

/// A parsed CSV file or spreadsheet sheet: header and records, each with its line number
/// (for a sheet: the row number as Excel shows it).
public struct CSVTable: Sendable {
    public let file: String
    public var header: [String]
    public var rows: [CSVRow]
    public let encoding: TextEncoding
    /// The sheet the table was read from (nil for CSV): positions then read `Sheet1!D102`.
    public var sheet: String? = nil
    /// The line (or sheet row) of the header.
    public var headerLine: Int = 1

    public init(file: String, header: [String], rows: [CSVRow], encoding: TextEncoding, sheet: String? = nil, headerLine: Int = 1) {
        self.file = file; self.header = header; self.rows = rows; self.encoding = encoding; self.sheet = sheet; self.headerLine = headerLine
    }

    /// The table with its header found below title rows: when the first row names fewer than
    /// two columns that `isColumn` knows and one of the next nine rows names two or more, that
    /// row becomes the header and the rows above it are dropped; rows with no text are dropped
    /// too. Returns the table and the lines of the title rows skipped.
    public func locatingHeader(_ isColumn: (String) -> Bool) -> (table: CSVTable, titleRows: ClosedRange<Int>?) {
        func known(_ fields: CSVFields) -> Int { fields.filter(isColumn).count }
        var t = self
        var skipped: ClosedRange<Int>? = nil
        if known(CSVFields(header)) < 2, let k = rows.prefix(9).firstIndex(where: { known($0.fields) >= 2 }) {
            skipped = headerLine...(k == 0 ? headerLine : rows[k - 1].line)
            t.header = Array(rows[k].fields)
            t.headerLine = rows[k].line
            t.rows.removeSubrange(...k)
        }
        if t.rows.contains(where: \.fields.isBlank) { t.rows.removeAll { $0.fields.isBlank } }
        return (t, skipped)
    }

    /// Where a cell is, as the user finds it: `FILE:LINE:COLUMN` for CSV, `FILE:Sheet1!D102` for a sheet.
    public func position(line: Int, column: Int) -> String {
        Position.format(file: file, sheet: sheet, line: line, column: column)
    }
}

/// How positions in input files are written.
public enum Position {
    /// `file:12:4` for a text file, `file:Sheet1!D12` for a sheet.
    public static func format(file: String, sheet: String?, line: Int, column: Int) -> String {
        guard let sheet else { return "\(file):\(line):\(column)" }
        return "\(file):\(CellRef.sheetPrefix(sheet))\(CellRef.name(column: column, row: line))"
    }
}

/// A CSV syntax problem (RFC 4180), with its position.
public struct CSVSyntaxError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// Reads RFC 4180 CSV: comma separated, `"` quoted with `""` escapes, fields may hold commas
/// and line breaks, LF or CRLF line ends, blank lines skipped. Limits keep hostile files from
/// exhausting memory: `maxColumns` fields per record, `maxFieldBytes` bytes per field.
///
/// Files are read in chunks of `chunkBytes` and split on the raw bytes: `"`, `,`, CR and LF
/// are ASCII and never occur inside a multi-byte character in UTF-8 or GB18030, so each field
/// is decoded on its own once complete, and a field over the limit stops the reading at once
/// (a 1 GB one-line file costs one chunk). UTF-16 files (rare: Excel's "Unicode text") are
/// decoded whole, up to `maxUTF16FileBytes`.
public struct CSVReader: Sendable {
    public var maxColumns = 256
    public var maxFieldBytes = 65_536
    /// Bytes read from the file at a time.
    public var chunkBytes = 1 << 20
    /// Largest UTF-16 file accepted (it is decoded whole).
    public var maxUTF16FileBytes = 64 << 20
    public init() {}

    /// Reads and decodes the file at `path`, streaming.
    public func read(path: String, encoding: TextEncoding = .auto, displayName: String? = nil) throws -> CSVTable {
        let name = displayName ?? path
        func unreadable() -> CSVSyntaxError {
            CSVSyntaxError(file: name, line: 0, column: 0, message: "cannot read the file (missing or not readable)")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
              let h = FileHandle(forReadingAtPath: path) else { throw unreadable() }
        defer { try? h.close() }
        let head: Data
        do { head = try h.read(upToCount: 3) ?? Data() } catch { throw unreadable() }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            let size: UInt64
            do { size = try h.seekToEnd(); try h.seek(toOffset: 0) } catch { throw unreadable() }
            guard size <= UInt64(maxUTF16FileBytes) else {
                throw DecodingFailure(file: name, line: 1, column: 1,
                                      message: "a UTF-16 file larger than \(maxUTF16FileBytes >> 20) MiB; save the sheet as \"CSV UTF-8\"")
            }
            let data: Data
            do { data = try h.readToEnd() ?? Data() } catch { throw unreadable() }
            let (text, used) = try TextDecoder.decode(data, as: encoding, file: name)
            return try parse(text, file: name, encoding: used)
        }
        func pass(_ mode: ByteCSVParser.Mode) throws -> CSVTable {
            do { try h.seek(toOffset: 0) } catch { throw unreadable() }
            var p = ByteCSVParser(file: name, mode: mode, maxColumns: maxColumns, maxFieldBytes: maxFieldBytes)
            var first = true
            while true {
                let chunk: Data
                do {
                    guard let c = try h.read(upToCount: chunkBytes), !c.isEmpty else { break }
                    chunk = c
                } catch { throw unreadable() }
                var bytes = chunk[...]
                if first {
                    first = false
                    if mode != .gb18030 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
                }
                try bytes.withUnsafeBytes { try p.feed($0) }
            }
            return try p.finish(encoding: mode == .gb18030 ? .gb18030 : .utf8)
        }
        switch encoding {
        case .utf8: return try pass(.utf8)
        case .gb18030: return try pass(.gb18030)
        case .auto:
            do { return try pass(.utf8Auto) } catch let utf as ByteCSVParser.NotUTF8 {
                // Not UTF-8: read it as GB18030. When that breaks earlier than UTF-8 did, the
                // file is most likely UTF-8 with a few bad bytes: report the UTF-8 position.
                do { return try pass(.gb18030) } catch let gb as DecodingFailure {
                    if (gb.line, gb.column) < (utf.line, utf.column) {
                        throw DecodingFailure(file: name, line: utf.line, column: utf.column,
                                              message: String(format: "byte 0x%02X is neither valid UTF-8 nor GB18030 (the text before it is UTF-8)", utf.byte))
                    }
                    throw gb
                }
            }
        }
    }

    /// Parses already decoded text.
    public func parse(_ text: String, file: String, encoding: TextEncoding = .utf8) throws -> CSVTable {
        var p = ByteCSVParser(file: file, mode: .utf8, maxColumns: maxColumns, maxFieldBytes: maxFieldBytes)
        var utf8 = text.utf8[...]
        if text.hasPrefix("\u{FEFF}") { utf8 = utf8.dropFirst(3) }
        if try utf8.withContiguousStorageIfAvailable({ try p.feed(UnsafeRawBufferPointer($0)) }) == nil {
            try Array(utf8).withUnsafeBytes { try p.feed($0) }
        }
        return try p.finish(encoding: encoding)
    }
}

/// The RFC 4180 state machine over raw bytes, fed in chunks of any size.
struct ByteCSVParser {
    enum Mode { case utf8, utf8Auto, gb18030 }
    /// In `.utf8Auto`, the first byte that is not UTF-8 (the caller retries as GB18030).
    struct NotUTF8: Error { let line: Int, column: Int, byte: UInt8 }

    let file: String
    let mode: Mode
    let maxColumns: Int
    let maxFieldBytes: Int
    var records: [CSVRow] = []
    /// The current record: its fields' bytes, end offsets and count.
    var recordBytes: [UInt8] = []
    var recordEnds: [UInt32] = []
    var fieldCount: Int { recordEnds.count }
    var field: [UInt8] = []
    /// OR of the field's bytes: ≥ 0x80 when it holds a non-ASCII byte.
    var high: UInt8 = 0
    var line = 1, recordLine = 1, fieldLine = 1, quoteLine = 1
    var inQuotes = false, quotedField = false, afterQuote = false
    /// Inside quotes: a `"` was seen (an escape if another follows, else the closing quote).
    var quotePending = false
    /// Inside quotes: a CR was seen (CRLF inside a field is kept as LF).
    var crPending = false

    init(file: String, mode: Mode, maxColumns: Int, maxFieldBytes: Int) {
        self.file = file; self.mode = mode; self.maxColumns = maxColumns; self.maxFieldBytes = maxFieldBytes
        field.reserveCapacity(256)
    }

    func fail(_ msg: String) -> CSVSyntaxError {
        CSVSyntaxError(file: file, line: line, column: fieldCount + 1, message: msg)
    }

    func unclosed() -> CSVSyntaxError {
        CSVSyntaxError(file: file, line: quoteLine, column: fieldCount + 1,
                       message: "a quoted field opened here is never closed (or is longer than \(maxFieldBytes) bytes)")
    }

    mutating func feed(_ buf: UnsafeRawBufferPointer) throws {
        var i = 0
        let n = buf.count
        while i < n {
            let b = buf[i]
            i += 1
            if b == 0 { throw fail("NUL byte in the file (is it a spreadsheet saved as .xls/.xlsx, not CSV?)") }
            if inQuotes {
                if quotePending {
                    quotePending = false
                    if b == 0x22 { try appendQuoted(0x22); continue }
                    inQuotes = false; afterQuote = true
                } else {
                    if crPending {
                        crPending = false
                        if b == 0x0A { line += 1; try appendQuoted(0x0A); continue }
                        try appendQuoted(0x0D)
                    }
                    switch b {
                    case 0x22: quotePending = true
                    case 0x0D: crPending = true
                    case 0x0A: line += 1; try appendQuoted(b)
                    default:
                        var j = i
                        var h = b
                        while j < n {
                            let c = buf[j]
                            if c == 0x22 || c == 0x0A || c == 0x0D || c == 0 { break }
                            h |= c; j += 1
                        }
                        if field.count + (j - i + 1) > maxFieldBytes { throw unclosed() }
                        field.append(contentsOf: buf[(i - 1)..<j]); high |= h
                        i = j
                    }
                    continue
                }
            }
            switch b {
            case 0x22: // "
                if !afterQuote && field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    field.removeAll(keepingCapacity: true); high = 0
                    inQuotes = true; quotedField = true; quoteLine = line
                } else {
                    throw fail("a quote inside an unquoted field; quote the whole field and double inner quotes (\"\")")
                }
            case 0x2C: // ,
                try endField()
            case 0x0D:
                break
            case 0x0A:
                try endField(); endRecord(); line += 1; recordLine = line; fieldLine = line
            default:
                if afterQuote {
                    if b == 0x20 || b == 0x09 { break }
                    throw fail("text after a closing quote")
                }
                // The run of ordinary bytes up to the next delimiter, appended at once.
                var j = i
                var h = b
                while j < n {
                    let c = buf[j]
                    if c == 0x2C || c == 0x0A || c == 0x0D || c == 0x22 || c == 0 { break }
                    h |= c; j += 1
                }
                if field.count + (j - i + 1) > maxFieldBytes {
                    field.append(contentsOf: buf[(i - 1)..<min(j, i - 1 + maxFieldBytes + 1 - field.count)])
                    throw fail("a field longer than \(maxFieldBytes) bytes")
                }
                field.append(contentsOf: buf[(i - 1)..<j]); high |= h
                i = j
            }
        }
    }

    @inline(__always)
    mutating func appendQuoted(_ b: UInt8) throws {
        field.append(b); high |= b
        if field.count > maxFieldBytes { throw unclosed() }
    }

    mutating func endField() throws {
        if fieldCount >= maxColumns { throw fail("more than \(maxColumns) columns") }
        if high < 0x80 {
            var lo = 0, hi = field.count
            if !quotedField {
                while lo < hi, field[lo] == 0x20 || field[lo] == 0x09 { lo += 1 }
                while hi > lo, field[hi - 1] == 0x20 || field[hi - 1] == 0x09 { hi -= 1 }
            }
            recordBytes.append(contentsOf: field[lo..<hi])
        } else if mode != .gb18030 {
            if !quotedField { trimUTF8Spaces() }
            try validateUTF8Field()
            if let bom = bomOffset() { throw misplacedBOM(at: bom) }
            recordBytes.append(contentsOf: field)
        } else {
            var s = try decodeGB18030Field()
            if s.unicodeScalars.contains("\u{FEFF}") { throw misplacedBOM(at: 0) }
            if !quotedField { s = s.trimmingSpaces() }
            recordBytes.append(contentsOf: s.utf8)
        }
        recordEnds.append(UInt32(recordBytes.count))
        field.removeAll(keepingCapacity: true); high = 0
        quotedField = false; afterQuote = false
        fieldLine = line
    }

    /// Drops leading and trailing spaces, tabs, U+3000 and U+00A0 from the UTF-8 bytes of the
    /// field (what `trimmingSpaces` does, without decoding first).
    mutating func trimUTF8Spaces() {
        var lo = 0, hi = field.count
        while lo < hi {
            if field[lo] == 0x20 || field[lo] == 0x09 { lo += 1 }
            else if hi - lo >= 3, field[lo] == 0xE3, field[lo + 1] == 0x80, field[lo + 2] == 0x80 { lo += 3 }
            else if hi - lo >= 2, field[lo] == 0xC2, field[lo + 1] == 0xA0 { lo += 2 }
            else { break }
        }
        while hi > lo {
            if field[hi - 1] == 0x20 || field[hi - 1] == 0x09 { hi -= 1 }
            else if hi - lo >= 3, field[hi - 3] == 0xE3, field[hi - 2] == 0x80, field[hi - 1] == 0x80 { hi -= 3 }
            else if hi - lo >= 2, field[hi - 2] == 0xC2, field[hi - 1] == 0xA0 { hi -= 2 }
            else { break }
        }
        if lo > 0 || hi < field.count {
            field.removeSubrange(hi...)
            field.removeSubrange(..<lo)
        }
    }

    /// The line of byte `offset` of the current field.
    func lineOf(_ offset: Int) -> Int { fieldLine + field[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }

    /// Where the bytes of U+FEFF (EF BB BF) start in the field, if anywhere.
    func bomOffset() -> Int? {
        var i = 0
        while i + 2 < field.count {
            if field[i] == 0xEF && field[i + 1] == 0xBB && field[i + 2] == 0xBF { return i }
            i += 1
        }
        return nil
    }

    func misplacedBOM(at offset: Int) -> CSVSyntaxError {
        CSVSyntaxError(file: file, line: lineOf(offset), column: fieldCount + 1,
                       message: "a byte-order mark (U+FEFF) inside the file, not at its start (were two files joined?); delete the invisible character in this cell")
    }

    func validateUTF8Field() throws {
        guard let bad = TextDecoder.firstInvalidUTF8(field) else { return }
        if mode == .utf8Auto { throw NotUTF8(line: lineOf(bad), column: fieldCount + 1, byte: field[bad]) }
        throw DecodingFailure(file: file, line: lineOf(bad), column: fieldCount + 1,
                              message: String(format: "byte 0x%02X is not valid UTF-8; if the file was saved by Excel as plain CSV, use --encoding gb18030", field[bad]))
    }

    func decodeGB18030Field() throws -> String {
        let bad = TextDecoder.firstInvalidGB18030(field)
        if bad == nil, let s = String(data: Data(field), encoding: TextEncoding.gb18030Foundation) { return s }
        let at = bad ?? 0
        throw DecodingFailure(file: file, line: lineOf(at), column: fieldCount + 1,
                              message: String(format: "byte 0x%02X is neither valid UTF-8 nor GB18030; save the sheet as \"CSV UTF-8\"", field[at]))
    }

    mutating func endRecord() {
        if !(fieldCount == 1 && recordBytes.isEmpty) {
            var p = [UInt8]()
            p.reserveCapacity(2 + 4 * fieldCount + recordBytes.count)
            p.append(UInt8(fieldCount & 0xFF)); p.append(UInt8(fieldCount >> 8))
            for e in recordEnds { CSVFields.put(e, into: &p) }
            p.append(contentsOf: recordBytes)
            records.append(CSVRow(line: recordLine, fields: CSVFields(packed: p)))
        }
        recordBytes.removeAll(keepingCapacity: true); recordEnds.removeAll(keepingCapacity: true)
    }

    /// Ends the last record and returns the table.
    mutating func finish(encoding: TextEncoding) throws -> CSVTable {
        if crPending { crPending = false; field.append(0x0D) }
        if quotePending { quotePending = false; inQuotes = false; afterQuote = true }
        if inQuotes { throw unclosed() }
        try [UInt8(0x0A)].withUnsafeBytes { try feed($0) }
        guard let first = records.first else {
            throw CSVSyntaxError(file: file, line: 1, column: 1, message: "the file is empty: a header line is needed")
        }
        return CSVTable(file: file, header: Array(first.fields), rows: Array(records.dropFirst()), encoding: encoding)
    }
}
