import Foundation

/// Reads an import table from a CSV file or an .xlsx workbook, chosen by the file's first
/// bytes (a ZIP archive or an old .xls is a workbook, whatever its name says).
public struct TableReader: Sendable {
    public var csv = CSVReader()
    public var xlsx = XLSXReader()
    /// The sheet to read from a workbook (nil: the first).
    public var sheet: String?
    public init(sheet: String? = nil) { self.sheet = sheet }

    /// Whether the file at `path` starts like a workbook (ZIP `PK\3\4`, or OLE for .xls).
    public static func isWorkbook(path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let head = (try? h.read(upToCount: 4)) ?? Data()
        return head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0xD0, 0xCF, 0x11, 0xE0])
    }

    public func read(path: String, encoding: TextEncoding = .auto, displayName: String? = nil) throws -> CSVTable {
        if Self.isWorkbook(path: path) || path.lowercased().hasSuffix(".xlsx") {
            return try xlsx.read(path: path, sheet: sheet, displayName: displayName)
        }
        return try csv.read(path: path, encoding: encoding, displayName: displayName)
    }
}
