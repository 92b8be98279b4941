import Foundation
import BancheCore

/// One record of a CSV file with the line it starts on.
public struct CSVRow: Sendable {
    /// 1-based physical line where the record starts (a quoted field may span lines).
    public let line: Int
    public let fields: [String]
}

/// A parsed CSV file: header and records, each with its line number.
public struct CSVTable: Sendable {
    public let file: String
    public let header: [String]
    public let rows: [CSVRow]
    public let encoding: TextEncoding
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
public struct CSVReader: Sendable {
    public var maxColumns = 256
    public var maxFieldBytes = 65_536
    public init() {}

    /// Reads and decodes the file at `path`.
    public func read(path: String, encoding: TextEncoding = .auto, displayName: String? = nil) throws -> CSVTable {
        let name = displayName ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CSVSyntaxError(file: name, line: 0, column: 0, message: "cannot read the file (missing or not readable)")
        }
        let (text, used) = try TextDecoder.decode(data, as: encoding, file: name)
        return try parse(text, file: name, encoding: used)
    }

    /// Parses already decoded text.
    public func parse(_ text: String, file: String, encoding: TextEncoding = .utf8) throws -> CSVTable {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var records: [CSVRow] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var inQuotes = false, quotedField = false, afterQuote = false
        var quoteLine = 1
        func fail(_ msg: String) -> CSVSyntaxError {
            CSVSyntaxError(file: file, line: line, column: fields.count + 1, message: msg)
        }
        func endField() throws {
            if fields.count >= maxColumns { throw fail("more than \(maxColumns) columns") }
            var s = String(decoding: field, as: UTF8.self)
            if !quotedField { s = s.trimmingSpaces() }
            fields.append(s)
            field.removeAll(keepingCapacity: true)
            quotedField = false; afterQuote = false
        }
        func endRecord() {
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(CSVRow(line: recordLine, fields: fields)) }
            fields = []
        }
        var bytes = Array(text.utf8)
        bytes.append(0x0A) // guarantee a final record end
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0 { throw fail("NUL byte in the file (is it a spreadsheet saved as .xls/.xlsx, not CSV?)") }
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < n && bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    inQuotes = false; afterQuote = true; i += 1; continue
                }
                if b == 0x0A { line += 1 }
                if b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A { i += 1; continue } // keep LF only inside fields
                field.append(b)
                if field.count > maxFieldBytes { throw fail("a field longer than \(maxFieldBytes) bytes") }
                i += 1; continue
            }
            switch b {
            case 0x22: // "
                if field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) && !afterQuote {
                    field.removeAll(); inQuotes = true; quotedField = true; quoteLine = line
                } else {
                    throw fail("a quote inside an unquoted field; quote the whole field and double inner quotes (\"\")")
                }
            case 0x2C: // ,
                try endField()
            case 0x0D:
                break
            case 0x0A:
                try endField(); endRecord(); line += 1; recordLine = line
            default:
                if afterQuote {
                    if b == 0x20 || b == 0x09 { break }
                    throw fail("text after a closing quote")
                }
                field.append(b)
                if field.count > maxFieldBytes { throw fail("a field longer than \(maxFieldBytes) bytes") }
            }
            i += 1
        }
        if inQuotes {
            throw CSVSyntaxError(file: file, line: quoteLine, column: fields.count + 1, message: "a quoted field is never closed")
        }
        guard let first = records.first else {
            throw CSVSyntaxError(file: file, line: 1, column: 1, message: "the file is empty: a header line is needed")
        }
        return CSVTable(file: file, header: first.fields, rows: Array(records.dropFirst()), encoding: encoding)
    }
}
